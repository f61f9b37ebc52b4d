/**
 * Several server processes on one database file (server/cluster.ts, one port): 16 concurrent
 * writers on two submissions never lose an update (every 200 carries a distinct version, the audit
 * chain has no repeat), no database-busy error reaches a client, and an Idempotency-Key replayed
 * 50 times in parallel across the processes has exactly one effect.
 */
import { and, eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { auditLog } from '../../db/schema';
import { prepareDatabase } from '../crash/prepare';
import { spawnServer } from '../crash/server-process';
import { verifyDatabase } from '../crash/verify';
import { startWriters } from '../crash/writers';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps ETag checks and idempotency across 3 processes on one database', async () => {
  const prepared = await prepareDatabase(join(dir, 'shared.db'), 2);
  const server = await spawnServer({ DATABASE_URL: prepared.url, WEB_CONCURRENCY: '3' }, 'server/cluster.ts');
  try {
    const writers = startWriters({ urls: [server.url], token: prepared.adminToken, submissions: prepared.submissions, writers: 16, seed: 11, tag: 'mp' });
    for (let waited = 0; writers.stats.acks.length < 100 && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    writers.stop();
    const stats = await writers.done;
    const pids = new Set([...server.output().matchAll(/"pid":(\d+),"requestId"[^\n]*"method":"PUT"/g)].map((m) => m[1]));
    const perSub = new Map<number, number[]>();
    for (const a of stats.acks) perSub.set(a.submissionId, [...(perSub.get(a.submissionId) ?? []), a.version]);
    const duplicates = [...perSub.values()].reduce((n, vs) => n + vs.length - new Set(vs).size, 0);
    const problems = await verifyDatabase(prepared.url, stats.acks, stats.seenVersions, prepared);
    console.log(`3 processes, 16 writers: ${stats.acks.length} acknowledged, ${stats.stale412} answered 412 and retried, served by ${pids.size} processes, duplicate versions ${duplicates}, unexpected ${JSON.stringify(stats.unexpected)}, problems ${problems.length}`);
    expect(stats.unexpected).toEqual({});
    expect(duplicates).toBe(0);
    expect(problems).toEqual([]);
    expect(pids.size).toBeGreaterThan(1);

    // 50 parallel submits with one Idempotency-Key, spread over the processes: one effect
    const sub = prepared.submissions[0].id;
    const auth = { authorization: `Bearer ${prepared.adminToken}` };
    const etag = (await fetch(`${server.url}/api/submissions/${sub}`, { headers: auth })).headers.get('etag')!;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${server.url}/api/submissions/${sub}/submit`, { method: 'POST', headers: { ...auth, 'if-match': etag, 'idempotency-key': 'submit-once' } })),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(bodies).size).toBe(1);
    const handle = await createDb({ url: prepared.url });
    const submits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'submission.submit'), eq(auditLog.entityId, String(sub))));
    handle.close();
    expect(submits).toHaveLength(1);
  } finally {
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }
}, 180_000);
