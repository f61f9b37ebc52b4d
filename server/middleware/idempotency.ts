/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a
 * repeat (same caller, same key, same method, path and body) gets that response again, marked
 * `Idempotent-Replayed: true`, with no second effect. Repeats that arrive while the first is still
 * running wait for it (across processes too: the claim lives in the database). The same key with a
 * different request answers 422. Keys are kept 24 hours. 5xx answers are not stored, so a retry
 * runs again. A claim whose process died (crash between the write and storing its response) is
 * taken over after LEASE_MS. `/api/auth/*` is excluded: its responses carry secrets (tokens).
 *
 * @example
 * app.use('/api/*', idempotency);
 * // curl -X POST -H 'Idempotency-Key: 3f1c…' …
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createHash } from 'node:crypto';
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyKey, pruneIdempotencyKeys, releaseIdempotencyKey, takeOverIdempotencyKey } from '../../db/queries/idempotency';
import type { AppEnv } from '../context';
import { ProblemError, invalid } from '../errors';

export const KEEP_MS = 24 * 3600_000;
const LEASE_MS = 30_000;
const WAIT_MS = 15_000;
const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let lastPrune = 0;

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || given === undefined) return next();
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/api/auth/')) return next();
  if (!/^[\x21-\x7e]{1,255}$/.test(given)) throw invalid([{ pointer: 'header.idempotency-key', detail: 'must be 1-255 visible ASCII characters (a UUID is ideal)' }]);
  const db = c.get('db');
  const p = c.get('principal');
  const scope = p.kind === 'user' ? `user:${p.userId}` : `anonymous:${c.get('clientAddress')}`;
  const key = sha256(`${scope}\n${given}`);
  const requestHash = sha256(`POST ${path}\n${await c.req.text()}`);
  const expiredBefore = () => new Date(Date.now() - KEEP_MS).toISOString();
  await pruneNowAndThen(c, expiredBefore());
  const started = Date.now();
  for (;;) {
    let mine = await claimIdempotencyKey(db, { key, scope, requestHash }, expiredBefore());
    const row = mine ? undefined : await findIdempotencyKey(db, key);
    if (row && row.requestHash !== requestHash) throw reused();
    if (row?.status != null) return replay(row.status, row.responseBody ?? '{}');
    if (row && Date.parse(row.createdAt) < Date.now() - LEASE_MS) mine = await takeOverIdempotencyKey(db, key, row.createdAt);
    if (mine) return runAndStore(c, next, key);
    if (Date.now() - started > WAIT_MS) throw new ProblemError(409, 'idempotency-in-progress', 'Request in progress', 'A request with this Idempotency-Key is still running; retry shortly', {}, { 'Retry-After': '1' });
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 20));
  }
});

async function runAndStore(c: Context<AppEnv>, next: () => Promise<void>, key: string) {
  try {
    await next();
  } catch (e) {
    await releaseIdempotencyKey(c.get('db'), key);
    throw e;
  }
  if (c.res.status >= 500) return void (await releaseIdempotencyKey(c.get('db'), key));
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (c.res.headers.has(h) ? [[h, c.res.headers.get(h)!]] : [])));
  await completeIdempotencyKey(c.get('db'), key, c.res.status, JSON.stringify({ headers, body: await c.res.clone().text() }));
}

function replay(status: number, stored: string) {
  const { headers, body } = JSON.parse(stored) as { headers: Record<string, string>; body: string };
  return new Response(status === 204 ? null : body, { status, headers: { ...headers, 'Idempotent-Replayed': 'true' } });
}

function reused() {
  return new ProblemError(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used for a different request (method, path or body); use a new key for a new request');
}

async function pruneNowAndThen(c: Context<AppEnv>, expiredBefore: string) {
  if (Date.now() - lastPrune < 60_000) return;
  lastPrune = Date.now();
  await pruneIdempotencyKeys(c.get('db'), expiredBefore);
}
