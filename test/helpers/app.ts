/** The real app on a fresh in-memory database, plus small request helpers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../db/client';
import { createApp } from '../../server/app';
import { freshDb } from './db';
import { insertFixture, insertPeople } from './fixture';

export async function fixtureApp() {
  const handle = await freshDb();
  const fixture = await insertFixture(handle.db);
  const people = await insertPeople(handle.db, fixture);
  const app = createApp({ db: handle.db });
  return { app, db: handle.db, handle, fixture, people, ...requestHelpers(app) };
}

export function requestHelpers(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => send('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => send('PATCH', path, body, headers),
  };
}

/** Asserts an RFC 9457 body and returns it. */
export async function expectProblem(res: Response, status: number) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers.get('content-type')}`);
  const body = (await res.json()) as { type: string; title: string; status: number; detail?: string; errors?: { pointer: string; detail: string }[]; allowed?: string[]; [extension: string]: unknown };
  if (body.status !== status || !body.type || !body.title) throw new Error(`bad problem body ${JSON.stringify(body)}`);
  return body;
}

/** The seeded demo network; `url` puts it in a file (other handles, like other processes, may open it too). */
export async function demoApp(url = ':memory:') {
  const { seed } = await import('../../seeds');
  const handle = await freshDb(url);
  await seed(handle.db);
  const app = createApp({ db: handle.db });
  return { app, db: handle.db, handle, tokens: await demoTokens(handle.db), ...requestHelpers(app) };
}

/**
 * Two server processes on one demo database file in a fresh temporary directory: `a` seeded it
 * (as `demoApp`), `b` is the app on `other`, a second handle on the file. `close` closes both
 * handles and deletes the directory.
 * @example const { a, b, other, url, close } = await demoAppPair('citypeers-caches-');
 */
export async function demoAppPair(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const url = `file:${join(dir, 'demo.db')}`;
  try {
    const a = await demoApp(url);
    const other = await createDb({ url });
    const b = requestHelpers(createApp({ db: other.db }));
    const close = () => {
      a.handle.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { url, a, other, b, close };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Bearer headers for the seeded demo accounts, by the part of their email before the @. */
async function demoTokens(db: Awaited<ReturnType<typeof freshDb>>['db']) {
  const { issueToken } = await import('../../server/auth/tokens');
  const { activeGrants } = await import('../../db/queries/auth');
  const users = await db.query.users.findMany();
  const out: Record<string, Record<string, string>> = {};
  for (const u of users) {
    const [grant] = await activeGrants(db, u.id);
    const { token } = await issueToken(db, u.id, { ...grant, name: 'test', expiresInDays: 1 });
    out[u.email.split('@')[0]] = { authorization: `Bearer ${token}` };
  }
  return out;
}
