/**
 * Opens the libSQL database and wraps it in drizzle.
 *
 * - `file:` URLs are an embedded database (WAL, synchronous=FULL, foreign keys, busy timeout);
 * - `libsql:`/`https:` URLs talk to a libSQL server (sqld/Turso) with `authToken`;
 * - `syncUrl` makes the local file an embedded replica of that server.
 * Embedded databases get an in-process write lock (see lock.ts).
 *
 * @example
 * const { db, client } = await createDb({ url: 'file::memory:' });
 */
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { withWriteLock } from './lock';
import { useVersionsReader } from './queries/versions';
import { openVersionsReader } from './versions-reader';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}
export interface DbOptions {
  url: string;
  authToken?: string;
  syncUrl?: string;
  /** Embedded replicas: seconds between background syncs from the primary (other nodes' writes). */
  syncIntervalSeconds?: number;
  /** Busy timeout in milliseconds for embedded databases. */
  busyTimeoutMs?: number;
}

/** The pragmas every embedded connection runs with (verified by test/db). */
export const EMBEDDED_PRAGMAS = ['PRAGMA foreign_keys = ON', 'PRAGMA synchronous = FULL'] as const;

export async function createDb(options: DbOptions): Promise<DbHandle> {
  const isFile = options.url.startsWith('file:');
  const isMemory = options.url === ':memory:' || options.url.includes(':memory:');
  if (isFile && !isMemory) ensureParentDir(options.url);
  const raw = createClient({
    url: options.url === ':memory:' ? 'file::memory:' : options.url,
    authToken: options.authToken,
    syncUrl: options.syncUrl,
    syncInterval: options.syncUrl ? options.syncIntervalSeconds : undefined,
    timeout: options.busyTimeoutMs ?? 5000,
  } as Parameters<typeof createClient>[0]);
  const singleConnection = isMemory || Boolean(options.syncUrl);
  const client = isFile || isMemory ? withWriteLock(raw, { exclusive: singleConnection }) : raw;
  if (options.syncUrl) await client.sync();
  if (isFile && !isMemory) await client.execute('PRAGMA journal_mode = WAL');
  if (isFile || isMemory) for (const pragma of EMBEDDED_PRAGMAS) await client.execute(pragma);
  const db = drizzle(client, { schema });
  const versions = isFile && !isMemory && !options.syncUrl ? openVersionsReader(filePath(options.url)) : undefined;
  if (versions) useVersionsReader(db, versions.read);
  return {
    db,
    client,
    close: () => {
      versions?.close();
      client.close();
    },
  };
}

function filePath(url: string) {
  return url.replace(/^file:(\/\/)?/, '').split('?')[0];
}

function ensureParentDir(url: string) {
  const path = filePath(url);
  if (path) mkdirSync(dirname(path), { recursive: true });
}
