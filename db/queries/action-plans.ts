/**
 * A city's action plans (per key factor: goal, measures, horizon, owner, due date, status) and
 * the city's answers on those key factors in the baseline round and later rounds.
 *
 * @example
 * await cityScoresSince(db, { cityId: 12, networkId: 1, frameworkId: 2, fromYear: 2022, indicatorIds: [5, 6] });
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { actionItems, actionPlans, indicators, rounds, scores, submissions } from '../schema';
import type { Executor } from './auth';

export type ActionPlanRow = typeof actionPlans.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;

export async function findActionPlan(db: Executor, id: number) {
  const [row] = await db.select().from(actionPlans).where(eq(actionPlans.id, id));
  return row;
}

export async function cityActionPlans(db: Db, cityId: number) {
  return db.select().from(actionPlans).where(eq(actionPlans.cityId, cityId)).orderBy(asc(actionPlans.id));
}

export async function planItems(db: Executor, planId: number) {
  return db
    .select({ item: actionItems, code: indicators.code, statement: indicators.statement })
    .from(actionItems)
    .innerJoin(indicators, eq(indicators.id, actionItems.indicatorId))
    .where(eq(actionItems.actionPlanId, planId))
    .orderBy(asc(indicators.position), asc(actionItems.id));
}

export async function findActionItem(db: Executor, id: number) {
  const [row] = await db.select().from(actionItems).where(eq(actionItems.id, id));
  return row;
}

export async function insertActionPlan(tx: Executor, v: typeof actionPlans.$inferInsert) {
  const [row] = await tx.insert(actionPlans).values(v).returning();
  return row;
}

export async function insertActionItem(tx: Executor, v: typeof actionItems.$inferInsert) {
  const [row] = await tx.insert(actionItems).values(v).returning();
  return row;
}

export async function updateActionPlan(tx: Executor, id: number, expected: number, set: Partial<typeof actionPlans.$inferInsert>) {
  const result = await tx
    .update(actionPlans)
    .set({ ...set, version: sql`${actionPlans.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(actionPlans.id, id), eq(actionPlans.version, expected)));
  return result.rowsAffected === 1;
}

export async function updateActionItem(tx: Executor, id: number, expected: number, set: Partial<typeof actionItems.$inferInsert>) {
  const result = await tx
    .update(actionItems)
    .set({ ...set, version: sql`${actionItems.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(actionItems.id, id), eq(actionItems.version, expected)));
  return result.rowsAffected === 1;
}

/** The city's answers on the given indicators in rounds of the same network and framework from `fromYear` on, oldest first. */
export async function cityScoresSince(db: Db, q: { cityId: number; networkId: number; frameworkId: number; fromYear: number; indicatorIds: number[] }) {
  if (q.indicatorIds.length === 0) return [];
  return db
    .select({ roundId: rounds.id, roundName: rounds.name, year: rounds.year, roundStatus: rounds.status, indicatorId: scores.indicatorId, value: scores.value })
    .from(submissions)
    .innerJoin(rounds, eq(rounds.id, submissions.roundId))
    .innerJoin(scores, eq(scores.submissionId, submissions.id))
    .where(and(eq(submissions.cityId, q.cityId), eq(rounds.networkId, q.networkId), eq(rounds.frameworkId, q.frameworkId), gte(rounds.year, q.fromYear), inArray(scores.indicatorId, q.indicatorIds)))
    .orderBy(asc(rounds.year), asc(rounds.id));
}
