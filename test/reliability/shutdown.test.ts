/**
 * Graceful shutdown and logs of the real server: on SIGTERM readiness turns 503 ('draining'), a
 * write already in flight still gets its answer (with Connection: close), the process exits 0
 * after closing the database, and the port is closed. Every log
 * line is JSON; request lines carry requestId, method, path, status and duration, never the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect } from 'node:net';
import { prepareDatabase, validValue, type Prepared } from '../crash/prepare';
import { spawnServer } from '../crash/server-process';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finishes an in-flight write on SIGTERM, then closes the database and exits 0', async () => {
  const prepared = await prepareDatabase(join(dir, 'db.db'), 1);
  const server = await spawnServer({ DATABASE_URL: prepared.url });
  const auth = { authorization: `Bearer ${prepared.adminToken}` };
  expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
  const etag = (await fetch(`${server.url}/api/submissions/${prepared.submissions[0].id}`, { headers: auth })).headers.get('etag')!;
  const inFlight = halfSentWrite(server.url, prepared, auth.authorization, etag);
  await inFlight.headersSent;
  await new Promise((r) => setTimeout(r, 200));
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));
  const ready = await fetch(`${server.url}/api/ready`); // still accepting for SHUTDOWN_DRAIN_MS, but not ready
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'draining' });
  await new Promise((r) => setTimeout(r, 200));
  inFlight.finish();
  const reply = await inFlight.reply;
  expect(await server.exited).toBe(0);
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  const lines = server.output().trim().split('\n');
  const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const stopAt = logs.findIndex((l) => String(l.msg).startsWith('shutting down'));
  const answeredAfterSigterm = logs.slice(stopAt).filter((l) => l.msg === 'request');
  console.log(`SIGTERM while a score write was half sent: ${reply.split('\r\n')[0]}; answered after the signal: ${JSON.stringify(answeredAfterSigterm.map((l) => `${l.method} ${l.path} ${l.status}`))}; last log line: ${lines.at(-1)}`);
  expect(reply).toMatch(/^HTTP\/1\.1 200/);
  expect(reply.toLowerCase()).toContain('connection: close');
  expect(stopAt).toBeGreaterThan(0);
  expect(answeredAfterSigterm.map((l) => l.method)).toContain('PUT');
  expect(logs.at(-1)!.msg).toBe('database closed; bye');
  const requests = logs.filter((l) => l.msg === 'request');
  expect(requests.length).toBeGreaterThanOrEqual(3);
  for (const r of requests) expect(Object.keys(r)).toEqual(expect.arrayContaining(['requestId', 'method', 'path', 'status', 'durationMs']));
  expect(server.output()).not.toContain(prepared.adminToken);
  expect(server.output().toLowerCase()).not.toContain('bearer');
}, 120_000);

/** A score write whose body is sent in two parts, so it is surely in flight between them. */
function halfSentWrite(url: string, prepared: Prepared, authorization: string, etag: string) {
  const sub = prepared.submissions[0];
  const body = JSON.stringify({ scores: [{ indicatorId: sub.indicators[0].id, value: validValue(sub.indicators[0], 0.5), evidenceText: 'sent during shutdown' }] });
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let reply = '';
  socket.on('data', (d) => (reply += d.toString()));
  const headersSent = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      socket.write(`PUT /api/submissions/${sub.id}/scores HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${authorization}\r\nIf-Match: ${etag}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
      resolve();
    }),
  );
  return {
    headersSent,
    finish: () => socket.write(body.slice(10)),
    reply: new Promise<string>((resolve) => socket.once('close', () => resolve(reply))),
  };
}
