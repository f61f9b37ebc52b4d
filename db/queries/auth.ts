/**
 * Accounts, grants, sessions, API tokens and invitations.
 *
 * @example
 * const user = await findUserByEmail(db, 'admin@demo.citypeers.example');
 */
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { apiTokens, invitations, roleGrants, sessions, users } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export async function findUserByEmail(db: Executor, email: string) {
  return db.query.users.findFirst({ where: eq(users.email, email.trim().toLowerCase()) });
}

export async function findUser(db: Executor, id: number) {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

export async function activeGrants(db: Executor, userId: number) {
  return db
    .select({ id: roleGrants.id, role: roleGrants.role, networkId: roleGrants.networkId, cityId: roleGrants.cityId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.id));
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Executor, idHash: string) {
  return db.query.sessions.findFirst({ where: eq(sessions.idHash, idHash) });
}

export async function touchSession(db: Executor, idHash: string, at: string) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
}

export async function revokeSession(db: Executor, idHash: string, at: string) {
  await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Executor, userId: number, at: string) {
  await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function insertToken(db: Executor, row: typeof apiTokens.$inferInsert) {
  const [created] = await db.insert(apiTokens).values(row).returning();
  return created;
}

export async function findTokenByHash(db: Executor, tokenHash: string) {
  return db.query.apiTokens.findFirst({ where: eq(apiTokens.tokenHash, tokenHash) });
}

export async function userTokens(db: Executor, userId: number) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}

export async function revokeToken(db: Executor, userId: number, id: number, at: string) {
  const result = await db.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  return result.rowsAffected === 1;
}

export async function markTokenUsed(db: Executor, id: number, at: string) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function insertInvitation(db: Executor, row: typeof invitations.$inferInsert) {
  const [created] = await db.insert(invitations).values(row).returning();
  return created;
}

export async function findOpenInvitation(db: Executor, tokenHash: string, now: string) {
  return db.query.invitations.findFirst({
    where: and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)),
  });
}

export async function networkInvitations(db: Executor, networkId: number) {
  return db.select().from(invitations).where(eq(invitations.networkId, networkId)).orderBy(desc(invitations.id));
}

export async function acceptInvitation(db: Executor, id: number, at: string) {
  const result = await db.update(invitations).set({ acceptedAt: at }).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
  return result.rowsAffected === 1;
}

export async function upsertUser(db: Executor, email: string, values: { name: string; passwordHash: string }) {
  const [row] = await db
    .insert(users)
    .values({ email: email.trim().toLowerCase(), ...values })
    .onConflictDoUpdate({ target: users.email, set: values })
    .returning();
  return row;
}

export async function insertGrant(db: Executor, row: typeof roleGrants.$inferInsert) {
  const existing = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, row.userId),
        eq(roleGrants.role, row.role),
        row.networkId == null ? isNull(roleGrants.networkId) : eq(roleGrants.networkId, row.networkId),
        row.cityId == null ? isNull(roleGrants.cityId) : eq(roleGrants.cityId, row.cityId),
        isNull(roleGrants.revokedAt),
      ),
    );
  if (existing.length === 0) await db.insert(roleGrants).values(row);
}

export async function setLastLogin(db: Executor, userId: number, at: string) {
  await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId));
}

export async function disableUser(db: Executor, userId: number, at: string) {
  await db.update(users).set({ disabledAt: at }).where(eq(users.id, userId));
}

