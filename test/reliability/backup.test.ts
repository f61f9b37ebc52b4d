/**
 * Backup under load and restore: a backup taken while 8 writers run holds every write acknowledged
 * before it began (and is internally consistent); restore checks integrity and schema version.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../server/cli/main';
import { prepareDatabase } from '../crash/prepare';
import { spawnServer } from '../crash/server-process';
import { verifyDatabase } from '../crash/verify';
import { startWriters } from '../crash/writers';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  return { io: { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) }, lines };
}

async function withEnv<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
}

describe('backup and restore', () => {
  it('a backup taken under load holds every write acknowledged before it began; restore brings it back', async () => {
    const prepared = await prepareDatabase(join(dir, 'live.db'));
    const server = await spawnServer({ DATABASE_URL: prepared.url });
    const writers = startWriters({ urls: [server.url], token: prepared.adminToken, submissions: prepared.submissions, writers: 8, seed: 3, tag: 'backup' });
    for (let waited = 0; writers.stats.acks.length < 30 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const ackedBefore = [...writers.stats.acks];
    const started = performance.now();
    const out = capture();
    const code = await withEnv(prepared.url, () => run(['backup', join(dir, 'snapshot.db')], out.io));
    const backupMs = performance.now() - started;
    const ackedDuring = writers.stats.acks.length - ackedBefore.length;
    await new Promise((r) => setTimeout(r, 300));
    writers.stop();
    const stats = await writers.done;
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(code, out.lines.join('\n')).toBe(0);
    expect(stats.unexpected).toEqual({});

    const restored = join(dir, 'restored.db');
    writeFileSync(restored, 'the database that was there before');
    const out2 = capture();
    expect(await withEnv(`file:${restored}`, () => run(['restore', join(dir, 'snapshot.db')], out2.io)), out2.lines.join('\n')).toBe(0);
    const problems = await verifyDatabase(`file:${restored}`, ackedBefore, new Map(), prepared);
    console.log(`backup under load: ${ackedBefore.length} writes acknowledged before it began, ${ackedDuring} while it ran, ${stats.acks.length} in all; backup took ${Math.round(backupMs)} ms; ${out.lines.join(' ')}; restore: ${out2.lines.join(' ')}; problems ${problems.length}`);
    expect(ackedBefore.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('restore refuses a corrupt file, a non-CityPeers file and a newer schema, leaving the database untouched', async () => {
    const target = join(dir, 'target.db');
    writeFileSync(target, 'keep me');
    const corrupt = join(dir, 'corrupt.db');
    copyFileSync(join(dir, 'snapshot.db'), corrupt);
    const bytes = Buffer.alloc(4096, 0x5a);
    const fd = openSync(corrupt, 'r+');
    writeSync(fd, bytes, 0, bytes.length, 8192);
    closeSync(fd);
    const newer = join(dir, 'newer.db');
    copyFileSync(join(dir, 'snapshot.db'), newer);
    const c = createClient({ url: `file:${newer}` });
    await c.execute(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)`);
    c.close();
    const empty = join(dir, 'empty.db');
    const e = createClient({ url: `file:${empty}` });
    await e.execute('CREATE TABLE t (x)');
    e.close();
    for (const [file, why] of [[corrupt, 'integrity_check'], [empty, 'not a CityPeers database'], [newer, 'newer CityPeers']]) {
      const out = capture();
      expect(await withEnv(`file:${target}`, () => run(['restore', file], out.io))).toBe(2);
      expect(out.lines.join('\n')).toContain(why);
    }
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    const out = capture();
    expect(await withEnv('libsql://db.example.org', () => run(['backup', join(dir, 'x.db')], out.io))).toBe(2);
  }, 60_000);
});
