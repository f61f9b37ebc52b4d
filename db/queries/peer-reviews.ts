/**
 * Peer reviews (EUROCITIES method) with their team, notes and findings per key factor.
 *
 * @example
 * const review = await findPeerReview(db, 4); // { ...review, members, notes, findings }
 */
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, indicators, peerReviewFindings, peerReviewMembers, peerReviewNotes, peerReviews, scores, submissions } from '../schema';
import type { Executor } from './auth';

export type PeerReviewRow = typeof peerReviews.$inferSelect;
export type MemberInsert = Omit<typeof peerReviewMembers.$inferInsert, 'id' | 'peerReviewId'>;

export async function findPeerReview(db: Executor, id: number) {
  const [review] = await db.select().from(peerReviews).where(eq(peerReviews.id, id));
  if (!review) return undefined;
  const [members, notes, findings] = await Promise.all([
    db.select().from(peerReviewMembers).where(eq(peerReviewMembers.peerReviewId, id)).orderBy(asc(peerReviewMembers.id)),
    db.select().from(peerReviewNotes).where(eq(peerReviewNotes.peerReviewId, id)).orderBy(asc(peerReviewNotes.id)),
    db
      .select({ finding: peerReviewFindings, code: indicators.code, statement: indicators.statement })
      .from(peerReviewFindings)
      .innerJoin(indicators, eq(indicators.id, peerReviewFindings.indicatorId))
      .where(eq(peerReviewFindings.peerReviewId, id))
      .orderBy(asc(indicators.position)),
  ]);
  return { ...review, members, notes, findings: findings.map((f) => ({ ...f.finding, code: f.code, statement: f.statement })) };
}

/** A network's reviews, optionally only those where one of `cityIds` hosts or reviews. */
export async function networkPeerReviews(db: Db, networkId: number, cityIds?: number[]) {
  const involved =
    cityIds === undefined
      ? undefined
      : cityIds.length === 0
        ? sql`0`
        : or(inArray(peerReviews.hostCityId, cityIds), inArray(peerReviews.id, db.select({ id: peerReviewMembers.peerReviewId }).from(peerReviewMembers).where(inArray(peerReviewMembers.cityId, cityIds))));
  return db
    .select({ review: peerReviews, hostName: cities.name })
    .from(peerReviews)
    .innerJoin(cities, eq(cities.id, peerReviews.hostCityId))
    .where(and(eq(peerReviews.networkId, networkId), involved))
    .orderBy(asc(peerReviews.id));
}

/** Hosts among `hostIds` that already have a review in the round that is not cancelled. */
export async function hostsWithOpenReview(db: Executor, roundId: number, hostIds: number[]) {
  if (hostIds.length === 0) return [];
  const rows = await db
    .select({ id: peerReviews.hostCityId })
    .from(peerReviews)
    .where(and(eq(peerReviews.roundId, roundId), inArray(peerReviews.hostCityId, hostIds), ne(peerReviews.stage, 'cancelled')));
  return rows.map((r) => r.id);
}

/** Inserts a review with its team and one empty finding per indicator (self-score from the host's submission). */
export async function insertPeerReview(tx: Executor, review: typeof peerReviews.$inferInsert, members: MemberInsert[], findings: { indicatorId: number; selfScore: number | null }[]) {
  const [row] = await tx.insert(peerReviews).values(review).returning();
  if (members.length > 0) await tx.insert(peerReviewMembers).values(members.map((m) => ({ ...m, peerReviewId: row.id })));
  if (findings.length > 0) await tx.insert(peerReviewFindings).values(findings.map((f) => ({ ...f, peerReviewId: row.id })));
  return row;
}

/** The host's answers in a round, by indicator id (null = not answered). */
export async function hostAnswers(db: Db, roundId: number, cityId: number): Promise<Map<number, number | null>> {
  const rows = await db
    .select({ indicatorId: scores.indicatorId, value: scores.value })
    .from(scores)
    .innerJoin(submissions, eq(submissions.id, scores.submissionId))
    .where(and(eq(submissions.roundId, roundId), eq(submissions.cityId, cityId)));
  return new Map(rows.map((r) => [r.indicatorId, r.value]));
}

/** Conditional update: raises the version only if it still equals `expected`. */
export async function updatePeerReview(tx: Executor, id: number, expected: number, set: Partial<typeof peerReviews.$inferInsert>) {
  const result = await tx
    .update(peerReviews)
    .set({ ...set, version: sql`${peerReviews.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(peerReviews.id, id), eq(peerReviews.version, expected)));
  return result.rowsAffected === 1;
}

export async function replaceMembers(tx: Executor, peerReviewId: number, members: MemberInsert[]) {
  await tx.delete(peerReviewMembers).where(eq(peerReviewMembers.peerReviewId, peerReviewId));
  if (members.length > 0) await tx.insert(peerReviewMembers).values(members.map((m) => ({ ...m, peerReviewId })));
}

export async function insertNote(tx: Executor, note: typeof peerReviewNotes.$inferInsert) {
  const [row] = await tx.insert(peerReviewNotes).values(note).returning();
  return row;
}

export async function findFinding(db: Executor, id: number) {
  const [row] = await db
    .select({ finding: peerReviewFindings, indicator: indicators })
    .from(peerReviewFindings)
    .innerJoin(indicators, eq(indicators.id, peerReviewFindings.indicatorId))
    .where(eq(peerReviewFindings.id, id));
  return row;
}

export async function updateFinding(tx: Executor, id: number, expected: number, set: Partial<typeof peerReviewFindings.$inferInsert>) {
  const result = await tx
    .update(peerReviewFindings)
    .set({ ...set, version: sql`${peerReviewFindings.version} + 1` })
    .where(and(eq(peerReviewFindings.id, id), eq(peerReviewFindings.version, expected)));
  return result.rowsAffected === 1;
}
