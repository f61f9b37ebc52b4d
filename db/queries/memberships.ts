/**
 * Membership workflow writes and history: status changes with events, contacts, fees.
 *
 * @example
 * await setMembership(tx, 5, 3, { status: 'suspended' }); // false when the version moved
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { membershipEvents, membershipFees, memberships } from '../schema';
import type { Executor } from './auth';

export async function findMembershipFor(db: Executor, networkId: number, cityId: number) {
  return db.query.memberships.findFirst({ where: and(eq(memberships.networkId, networkId), eq(memberships.cityId, cityId)) });
}

export async function insertMembership(db: Executor, row: typeof memberships.$inferInsert) {
  const [created] = await db.insert(memberships).values(row).returning();
  return created;
}

export async function setMembership(db: Executor, id: number, expected: number, set: Partial<typeof memberships.$inferInsert>) {
  const result = await db
    .update(memberships)
    .set({ ...set, version: sql`${memberships.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(memberships.id, id), eq(memberships.version, expected)));
  return result.rowsAffected === 1;
}

export async function insertMembershipEvent(db: Executor, row: typeof membershipEvents.$inferInsert) {
  await db.insert(membershipEvents).values(row);
}

export async function membershipHistory(db: Db, membershipId: number) {
  const [events, fees] = await Promise.all([
    db.select().from(membershipEvents).where(eq(membershipEvents.membershipId, membershipId)).orderBy(asc(membershipEvents.effectiveOn), asc(membershipEvents.id)),
    db.select().from(membershipFees).where(eq(membershipFees.membershipId, membershipId)).orderBy(asc(membershipFees.year)),
  ]);
  return { events, fees };
}

export async function upsertFee(db: Executor, membershipId: number, year: number, values: { amount: number; currency: string; paidOn: string | null }) {
  const [old] = await db.select().from(membershipFees).where(and(eq(membershipFees.membershipId, membershipId), eq(membershipFees.year, year)));
  await db
    .insert(membershipFees)
    .values({ membershipId, year, ...values })
    .onConflictDoUpdate({ target: [membershipFees.membershipId, membershipFees.year], set: { ...values, version: sql`${membershipFees.version} + 1` } });
  return old ?? null;
}
