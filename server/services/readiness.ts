/**
 * Readiness: whether this process should get traffic. Not ready while it drains for shutdown
 * (SIGTERM) or when the database does not answer; a load balancer stops routing to it then.
 *
 * @example
 * markDraining(); // from the SIGTERM handler
 * await checkReadiness(db); // { status: 'draining', database: 'ok' }
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

const lifecycle = { draining: false };

export function markDraining(): void {
  lifecycle.draining = true;
}

export async function checkReadiness(db: Db) {
  let database: 'ok' | 'unreachable' = 'ok';
  try {
    await db.run(sql`SELECT 1 FROM __drizzle_migrations LIMIT 1`);
  } catch {
    database = 'unreachable';
  }
  const status = lifecycle.draining ? ('draining' as const) : database === 'ok' ? ('ready' as const) : ('not-ready' as const);
  return { status, database };
}
