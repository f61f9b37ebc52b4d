/**
 * Graceful shutdown and logs of the real server: on SIGTERM, requests already in flight still get
 * their answers, the process exits 0 after closing the database, and the port is closed. Every log
 * line is JSON; request lines carry requestId, method, path, status and duration, never the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { prepareDatabase } from '../crash/prepare';
import { spawnServer } from '../crash/server-process';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finishes in-flight requests on SIGTERM, then closes the database and exits 0', async () => {
  const prepared = await prepareDatabase(join(dir, 'db.db'), 1);
  const server = await spawnServer({ DATABASE_URL: prepared.url });
  const auth = { authorization: `Bearer ${prepared.adminToken}` };
  expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
  const { roundId } = (await (await fetch(`${server.url}/api/submissions/${prepared.submissions[0].id}`, { headers: auth })).json()) as { roundId: number };
  const inFlight = Array.from({ length: 12 }, () => fetch(`${server.url}/api/rounds/${roundId}/matrix?space=performance&method=zscore`, { headers: auth }).then((r) => r.status, (e: Error) => `${e.message}: ${(e.cause as Error)?.message}`));
  await new Promise((r) => setTimeout(r, 300));
  server.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  expect(await server.exited).toBe(0);
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  const lines = server.output().trim().split('\n');
  const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const stopAt = logs.findIndex((l) => String(l.msg).startsWith('shutting down'));
  const answeredAfterSigterm = logs.slice(stopAt).filter((l) => l.msg === 'request').length;
  console.log(`SIGTERM with 12 matrix requests sent: statuses ${JSON.stringify(statuses)}, ${answeredAfterSigterm} answered after the signal; last log line: ${lines.at(-1)}`);
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(stopAt).toBeGreaterThan(0);
  expect(logs.at(-1)!.msg).toBe('database closed; bye');
  const requests = logs.filter((l) => l.msg === 'request');
  expect(requests.length).toBeGreaterThanOrEqual(14);
  for (const r of requests) expect(Object.keys(r)).toEqual(expect.arrayContaining(['requestId', 'method', 'path', 'status', 'durationMs']));
  expect(server.output()).not.toContain(prepared.adminToken);
  expect(server.output().toLowerCase()).not.toContain('bearer');
}, 120_000);
