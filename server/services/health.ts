/**
 * Health check: the process answers and the database runs a query.
 *
 * @example
 * await checkHealth(db); // { status: 'ok', database: 'ok', version: '0.1.0' }
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export const APP_VERSION = '0.1.0';

export async function checkHealth(db: Db) {
  try {
    await db.run(sql`SELECT 1`);
    return { status: 'ok' as const, database: 'ok' as const, version: APP_VERSION };
  } catch {
    return { status: 'degraded' as const, database: 'unreachable' as const, version: APP_VERSION };
  }
}
