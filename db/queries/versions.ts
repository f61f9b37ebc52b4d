/**
 * The change counters kept by triggers (migrations 0003–0005): each moves when its tables change,
 * in any process writing to the database. Caches are keyed by them, so one cheap read per request
 * tells whether anything they hold is stale.
 * - context: cities, networks, memberships, context variables and values;
 * - roster: submissions created or deleted;
 * - answers: scores and submissions (each changed submission is stamped with the new value);
 * - access: users, role grants, API tokens and sessions (what decides who may do what);
 * - rounds: rounds.
 *
 * @example
 * const v = await readVersions(db); // { context: 17, roster: 325, answers: 4135, access: 9, rounds: 4 }
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface DataVersions {
  context: number;
  roster: number;
  answers: number;
  access: number;
  rounds: number;
}

const fastReaders = new WeakMap<Db, () => DataVersions>();

/** Lets readVersions use a faster reader for this database (embedded files; see versions-reader.ts). */
export function useVersionsReader(db: Db, read: () => DataVersions) {
  fastReaders.set(db, read);
}

export async function readVersions(db: Db): Promise<DataVersions> {
  const fast = fastReaders.get(db);
  if (fast) return fast();
  const rows = await db.all<{ key: string; version: number }>(sql`SELECT key, version FROM data_versions`);
  const v: DataVersions = { context: 0, roster: 0, answers: 0, access: 0, rounds: 0 };
  for (const r of rows) if (r.key in v) v[r.key as keyof DataVersions] = Number(r.version);
  return v;
}
