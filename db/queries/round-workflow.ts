/**
 * Writes of the monitoring-round workflow: create, conditional status changes, snapshots.
 *
 * @example
 * const ok = await setRoundStatus(tx, 3, 2, { status: 'closed', closedAt: now }); // false when the version moved
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, memberships, roundSnapshots, rounds, submissions } from '../schema';
import type { Executor } from './auth';

export async function insertRound(db: Executor, row: typeof rounds.$inferInsert) {
  const [created] = await db.insert(rounds).values(row).returning();
  return created;
}

/** Changes a round only if its version is still `expected`. */
export async function setRoundStatus(db: Executor, id: number, expected: number, set: Partial<typeof rounds.$inferInsert>) {
  const result = await db
    .update(rounds)
    .set({ ...set, version: sql`${rounds.version} + 1` })
    .where(and(eq(rounds.id, id), eq(rounds.version, expected)));
  return result.rowsAffected === 1;
}

export async function countSubmissionsByStatus(db: Executor, roundId: number) {
  const rows = await db.select({ status: submissions.status, n: sql<number>`count(*)` }).from(submissions).where(eq(submissions.roundId, roundId)).groupBy(submissions.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<(typeof submissions.$inferSelect)['status'], number>>;
}

export async function publishSubmissions(db: Executor, roundId: number, at: string) {
  await db
    .update(submissions)
    .set({ status: 'published', version: sql`${submissions.version} + 1`, updatedAt: at })
    .where(and(eq(submissions.roundId, roundId), inArray(submissions.status, ['validated'])));
}

export async function insertSnapshot(db: Executor, roundId: number, payload: unknown, createdBy: number | null, at: string) {
  const [{ next }] = await db.select({ next: sql<number>`coalesce(max(${roundSnapshots.snapshotVersion}), 0) + 1` }).from(roundSnapshots).where(eq(roundSnapshots.roundId, roundId));
  const [row] = await db.insert(roundSnapshots).values({ roundId, snapshotVersion: next, payload, createdBy, createdAt: at }).returning();
  return row;
}

export async function latestSnapshot(db: Db, roundId: number) {
  const [row] = await db.select().from(roundSnapshots).where(eq(roundSnapshots.roundId, roundId)).orderBy(desc(roundSnapshots.snapshotVersion)).limit(1);
  return row;
}

/** Every current member of the round's network with its submission in the round (or none). */
export async function statusBoardRows(db: Db, roundId: number, networkId: number) {
  return db
    .select({
      cityId: cities.id,
      cityName: cities.name,
      countryCode: cities.countryCode,
      coordinatorEmail: memberships.coordinatorEmail,
      submissionId: submissions.id,
      status: submissions.status,
      submittedAt: submissions.submittedAt,
      answeredCount: sql<number>`(SELECT count(*) FROM scores sc WHERE sc.submission_id = ${submissions.id} AND sc.value IS NOT NULL)`,
    })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .leftJoin(submissions, and(eq(submissions.cityId, cities.id), eq(submissions.roundId, roundId)))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.status, 'member')))
    .orderBy(cities.name);
}

export async function findRoundFor(db: Executor, networkId: number, frameworkId: number, year: number) {
  return db.query.rounds.findFirst({ where: and(eq(rounds.networkId, networkId), eq(rounds.frameworkId, frameworkId), eq(rounds.year, year)) });
}

/** The newest published round of the same network and framework before `year`. */
export async function previousPublishedRound(db: Db, networkId: number, frameworkId: number, year: number) {
  const [row] = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.networkId, networkId), eq(rounds.frameworkId, frameworkId), eq(rounds.status, 'published'), lt(rounds.year, year)))
    .orderBy(desc(rounds.year))
    .limit(1);
  return row;
}
