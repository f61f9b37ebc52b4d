/**
 * Reads a workflow's history from the append-only audit log, e.g. the stage a review was in
 * before it was cancelled (so an admin can restore it).
 *
 * @example
 * await stateBefore(db, 'peer_review', 4, 'stage', 'cancelled'); // 'visit'
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../schema';
import type { Executor } from './auth';

/** The `field` value an entity had right before it last moved into `into`, or undefined. */
export async function stateBefore(db: Executor, entityType: string, entityId: number, field: string, into: string): Promise<string | undefined> {
  const path = `$.${field}`;
  const [row] = await db
    .select({ before: sql<string | null>`json_extract(${auditLog.oldValue}, ${path})` })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId)), sql`json_extract(${auditLog.newValue}, ${path}) = ${into}`))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.before ?? undefined;
}
