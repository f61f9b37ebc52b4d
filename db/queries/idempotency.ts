/**
 * Idempotency keys: a POST with `Idempotency-Key` claims its key first, stores its response when
 * done, and replays that response to repeats. Keys live 24 hours.
 *
 * @example
 * const mine = await claimIdempotencyKey(db, { key, scope: 'user:7', requestHash }, cutoff);
 * if (!mine) { const row = await findIdempotencyKey(db, key); … replay row.responseBody … }
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { idempotencyKeys } from '../schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Claims `key` for this request (status NULL = in flight). A key older than `expiredBefore` is
 * taken over as if new. Returns false when someone else holds a live claim.
 */
export async function claimIdempotencyKey(db: Db, row: { key: string; scope: string; requestHash: string }, expiredBefore: string) {
  const now = new Date().toISOString();
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({
      target: idempotencyKeys.key,
      set: { scope: row.scope, requestHash: row.requestHash, status: null, responseBody: null, createdAt: now },
      setWhere: lt(idempotencyKeys.createdAt, expiredBefore),
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length === 1;
}

export async function findIdempotencyKey(db: Db, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
  return row;
}

/** Takes over an in-flight claim that has not finished since `claimedAt` (its process died). */
export async function takeOverIdempotencyKey(db: Db, key: string, claimedAt: string) {
  const result = await db
    .update(idempotencyKeys)
    .set({ createdAt: new Date().toISOString() })
    .where(and(eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status), eq(idempotencyKeys.createdAt, claimedAt)));
  return result.rowsAffected === 1;
}

export async function completeIdempotencyKey(db: Db, key: string, status: number, responseBody: string) {
  await db.update(idempotencyKeys).set({ status, responseBody }).where(eq(idempotencyKeys.key, key));
}

/** Frees a claim whose request failed (5xx), so a retry runs it again. */
export async function releaseIdempotencyKey(db: Db, key: string) {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

export async function pruneIdempotencyKeys(db: Db, expiredBefore: string) {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expiredBefore));
}

export const idempotencyKeyCount = async (db: Db) => (await db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys))[0].n;
