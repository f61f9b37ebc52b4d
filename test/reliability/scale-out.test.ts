/**
 * The scale-out configuration, as far as this machine allows (no libSQL server binary here):
 * environment parsing, and that createDb takes the remote and the embedded-replica code paths
 * against a stand-in HTTP endpoint (a separate process: libSQL's sync blocks this thread), which
 * records what the client sends. Not exercised: a real sync, forwarded writes, read-your-writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { readEnv } from '../../server/env';
import { redactUrl } from '../../server/logger';

const STAND_IN = `
const srv = require('node:http').createServer((req, res) => {
  console.log(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null }));
  res.statusCode = 503; res.end('stand-in: no libSQL server here');
}).listen(0, '127.0.0.1', () => console.log('port ' + srv.address().port));`;

let child: ChildProcess;
let base = '';
let log = '';
const dir = mkdtempSync(join(tmpdir(), 'citypeers-scale-'));
/** Lets the stand-in's output arrive (the sync blocked this thread meanwhile). */
const settle = () => new Promise((r) => setTimeout(r, 300));
const requests = () => log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { method: string; url: string; auth: string | null });

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', STAND_IN], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  while (!/port \d+/.test(log)) await new Promise((r) => setTimeout(r, 20));
  base = `http://127.0.0.1:${/port (\d+)/.exec(log)![1]}`;
});
afterAll(() => {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('scale-out configuration', () => {
  it('parses a libSQL server URL, its token and an embedded-replica sync URL, and never logs the token', () => {
    const env = readEnv({ DATABASE_URL: 'file:/var/lib/citypeers/replica.db', DATABASE_SYNC_URL: 'libsql://citypeers-eu.example.org', DATABASE_AUTH_TOKEN: 'eyJhbGciOi.secret' });
    expect(env).toMatchObject({ databaseUrl: 'file:/var/lib/citypeers/replica.db', databaseSyncUrl: 'libsql://citypeers-eu.example.org', databaseAuthToken: 'eyJhbGciOi.secret' });
    expect(env.databaseSyncIntervalSeconds).toBe(2);
    expect(readEnv({ DATABASE_SYNC_INTERVAL: '30' }).databaseSyncIntervalSeconds).toBe(30);
    expect(() => readEnv({ DATABASE_SYNC_INTERVAL: '0' })).toThrow(/DATABASE_SYNC_INTERVAL/);
    expect(readEnv({ DATABASE_URL: 'libsql://citypeers-eu.example.org' }).databaseSyncUrl).toBeUndefined();
    expect(() => readEnv({ DATABASE_SYNC_URL: 'not a url' })).toThrow(/DATABASE_SYNC_URL/);
    expect(redactUrl('libsql://user:secret@db.example.org')).toBe('libsql://***@db.example.org');
    expect(redactUrl('libsql://db.example.org?authToken=secret')).toBe('libsql://db.example.org?authToken=***');
  });

  it('a libSQL server URL sends statements over HTTP (Hrana pipeline) with the bearer token', async () => {
    log = log.split('\n').filter((l) => l.startsWith('port')).join('\n') + '\n';
    const handle = await createDb({ url: base, authToken: 'remote-token' });
    await expect(handle.db.run(sql`SELECT 1`)).rejects.toThrow(/Failed query|503|SERVER_ERROR/);
    handle.close();
    await settle();
    const seen = requests();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.method === 'POST' && /^\/v\d\/pipeline$/.test(r.url) && r.auth === 'Bearer remote-token')).toBe(true);
  });

  it('DATABASE_SYNC_URL makes the local file an embedded replica: createDb syncs from the primary first (and fails without one)', async () => {
    log = log.split('\n').filter((l) => l.startsWith('port')).join('\n') + '\n';
    const started = performance.now();
    await expect(createDb({ url: `file:${join(dir, 'replica.db')}`, syncUrl: base, authToken: 'replica-token', syncIntervalSeconds: 2 })).rejects.toThrow(/Replication|Handshake|sync/i);
    await settle();
    console.log(`embedded replica without a primary: refused after ${Math.round(performance.now() - started)} ms; requests: ${JSON.stringify(requests())}`);
    const seen = requests();
    expect(seen.some((r) => r.method === 'GET' && r.url === '/info' && r.auth === 'Bearer replica-token')).toBe(true);
    expect(seen.some((r) => r.url.includes('ReplicationLog/Hello'))).toBe(true);
  }, 30_000);
});
