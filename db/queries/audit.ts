/**
 * The append-only audit log: writes (in the caller's transaction) and filtered reads.
 *
 * @example
 * await appendAudit(tx, { actorLabel: 'oslo@…', action: 'scores.update', entityType: 'submission', entityId: '7', oldValue, newValue });
 */
import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema';
import type { Executor } from './auth';

export type AuditEntry = typeof auditLog.$inferInsert;

export async function appendAudit(db: Executor, entry: AuditEntry) {
  await db.insert(auditLog).values(entry);
}

export interface AuditFilter {
  networkIds: number[] | 'all';
  action?: string;
  entityType?: string;
  entityId?: string;
  cityId?: number;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const where = and(
    f.networkIds === 'all' ? undefined : f.networkIds.length ? inArray(auditLog.networkId, f.networkIds) : eq(auditLog.id, -1),
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.cityId ? eq(auditLog.cityId, f.cityId) : undefined,
    f.actor ? eq(auditLog.actorLabel, f.actor) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, f.to) : undefined,
  );
  const [items, [{ n }]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: n };
}

/** How many times an action happened since `since`, for one actor label or one client address. */
export async function countRecent(db: Db, action: string, since: string, by: { actorLabel?: string; clientAddress?: string }) {
  const conditions: SQL[] = [eq(auditLog.action, action), gte(auditLog.at, since)];
  if (by.actorLabel !== undefined) conditions.push(eq(auditLog.actorLabel, by.actorLabel));
  if (by.clientAddress !== undefined) conditions.push(eq(auditLog.clientAddress, by.clientAddress));
  const [row] = await db.select({ n: count() }).from(auditLog).where(and(...conditions));
  return { count: row.n, oldest: row.n > 0 ? await oldestSince(db, conditions) : null };
}

async function oldestSince(db: Db, conditions: SQL[]) {
  const [row] = await db.select({ at: auditLog.at }).from(auditLog).where(and(...conditions)).orderBy(auditLog.at).limit(1);
  return row?.at ?? null;
}

