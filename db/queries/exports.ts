/**
 * Research exports: the per-round differential-privacy ledger and the export count behind the
 * rate limit (counted from the append-only audit log, by user id so several tokens share it).
 *
 * @example
 * const spent = await ledgerSpent(db, 3); // [1, 1]
 * await recordLedger(tx, [{ roundId: 3, epsilon: 1, userId: 7, exportId: 'e1' }]);
 */
import { and, asc, count, eq, gte } from 'drizzle-orm';
import { auditLog, privacyLedger } from '../schema';
import type { Executor } from './auth';

/** ε of every DP export recorded for a round, oldest first. */
export async function ledgerSpent(db: Executor, roundId: number): Promise<number[]> {
  const rows = await db.select({ epsilon: privacyLedger.epsilon }).from(privacyLedger).where(eq(privacyLedger.roundId, roundId)).orderBy(asc(privacyLedger.id));
  return rows.map((r) => r.epsilon);
}

export async function recordLedger(db: Executor, entries: (typeof privacyLedger.$inferInsert)[]) {
  if (entries.length) await db.insert(privacyLedger).values(entries);
}

/** How many audit entries of `action` a user caused since `since`, and the oldest one's time. */
export async function countUserActions(db: Executor, action: string, userId: number, since: string) {
  const where = and(eq(auditLog.action, action), eq(auditLog.actorUserId, userId), gte(auditLog.at, since));
  const [row] = await db.select({ n: count() }).from(auditLog).where(where);
  if (row.n === 0) return { count: 0, oldest: null };
  const [first] = await db.select({ at: auditLog.at }).from(auditLog).where(where).orderBy(asc(auditLog.at)).limit(1);
  return { count: row.n, oldest: first.at };
}
