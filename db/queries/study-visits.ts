/**
 * Study visits between member cities and the hosts' yearly capacity.
 *
 * @example
 * await committedVisits(tx, 1, 12, 2025); // accepted + scheduled + completed visits Oslo hosts in 2025
 */
import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hostCapacities, indicators, rounds, studyVisits } from '../schema';
import type { Executor } from './auth';

export type StudyVisitRow = typeof studyVisits.$inferSelect;
export type VisitStatus = StudyVisitRow['status'];

/** Statuses that take one of the host's places for the year. */
export const COMMITTED: VisitStatus[] = ['accepted', 'scheduled', 'completed'];
const OPEN: VisitStatus[] = ['requested', 'accepted', 'scheduled'];
/** Places a host offers per year when the secretariat has not set any. */
export const DEFAULT_HOST_CAPACITY = 3;

export async function findStudyVisit(db: Executor, id: number) {
  const [row] = await db.select().from(studyVisits).where(eq(studyVisits.id, id));
  return row;
}

/** A network's visits, optionally only those one of `cityIds` makes or hosts. */
export async function networkStudyVisits(db: Db, networkId: number, cityIds?: number[]) {
  const involved = cityIds === undefined ? undefined : cityIds.length === 0 ? sql`0` : or(inArray(studyVisits.visitorCityId, cityIds), inArray(studyVisits.hostCityId, cityIds));
  return db.select().from(studyVisits).where(and(eq(studyVisits.networkId, networkId), involved)).orderBy(asc(studyVisits.id));
}

export async function committedVisits(db: Executor, networkId: number, hostCityId: number, year: number) {
  const [row] = await db
    .select({ n: count() })
    .from(studyVisits)
    .where(and(eq(studyVisits.networkId, networkId), eq(studyVisits.hostCityId, hostCityId), eq(studyVisits.year, year), inArray(studyVisits.status, COMMITTED)));
  return row.n;
}

export async function hostCapacity(db: Executor, networkId: number, cityId: number, year: number) {
  const [row] = await db
    .select({ capacity: hostCapacities.capacity })
    .from(hostCapacities)
    .where(and(eq(hostCapacities.networkId, networkId), eq(hostCapacities.cityId, cityId), eq(hostCapacities.year, year)));
  return row?.capacity ?? DEFAULT_HOST_CAPACITY;
}

export async function findHostCapacity(db: Executor, networkId: number, cityId: number, year: number) {
  const [row] = await db.select().from(hostCapacities).where(and(eq(hostCapacities.networkId, networkId), eq(hostCapacities.cityId, cityId), eq(hostCapacities.year, year)));
  return row;
}

export async function upsertHostCapacity(tx: Executor, v: typeof hostCapacities.$inferInsert) {
  await tx.insert(hostCapacities).values(v).onConflictDoUpdate({ target: [hostCapacities.networkId, hostCapacities.cityId, hostCapacities.year], set: { capacity: v.capacity } });
}

/** An open visit (requested, accepted, scheduled) with the same visitor, host, theme and year. */
export async function openDuplicate(db: Executor, v: { networkId: number; visitorCityId: number; hostCityId: number; indicatorId: number | null; year: number }) {
  const [row] = await db
    .select({ id: studyVisits.id })
    .from(studyVisits)
    .where(
      and(
        eq(studyVisits.networkId, v.networkId),
        eq(studyVisits.visitorCityId, v.visitorCityId),
        eq(studyVisits.hostCityId, v.hostCityId),
        v.indicatorId === null ? sql`${studyVisits.indicatorId} IS NULL` : eq(studyVisits.indicatorId, v.indicatorId),
        eq(studyVisits.year, v.year),
        inArray(studyVisits.status, OPEN),
      ),
    );
  return row?.id;
}

export async function insertStudyVisit(tx: Executor, v: typeof studyVisits.$inferInsert) {
  const [row] = await tx.insert(studyVisits).values(v).returning();
  return row;
}

export async function updateStudyVisit(tx: Executor, id: number, expected: number, set: Partial<typeof studyVisits.$inferInsert>) {
  const result = await tx
    .update(studyVisits)
    .set({ ...set, version: sql`${studyVisits.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(studyVisits.id, id), eq(studyVisits.version, expected)));
  return result.rowsAffected === 1;
}

/** Whether the indicator belongs to a framework one of the network's rounds uses. */
export async function indicatorInNetwork(db: Executor, indicatorId: number, networkId: number) {
  const [row] = await db
    .select({ id: indicators.id })
    .from(indicators)
    .innerJoin(rounds, eq(rounds.frameworkId, indicators.frameworkId))
    .where(and(eq(indicators.id, indicatorId), eq(rounds.networkId, networkId)))
    .limit(1);
  return row !== undefined;
}
