/**
 * Personal API tokens for scripts: shown once (`cpt_…`), stored as SHA-256, scoped to one of the
 * owner's role grants, revocable, with an expiry. A token never grants more than its owner holds now.
 *
 * @example
 * const { token } = await issueToken(db, userId, { name: 'import script', role: 'city_editor', cityId: 12, expiresInDays: 90 });
 * // then: Authorization: Bearer cpt_…
 */
import type { Db } from '../../db/client';
import { activeGrants, findTokenByHash, findUser, insertToken, markTokenUsed } from '../../db/queries/auth';
import type { Grant, Principal } from './principal';
import { digest, randomSecret } from './secrets';

export const TOKEN_PREFIX = 'cpt_';

export async function issueToken(db: Db, userId: number, spec: Grant & { name: string; expiresInDays: number }, now = new Date()) {
  const token = TOKEN_PREFIX + randomSecret();
  const row = await insertToken(db, {
    userId,
    name: spec.name,
    prefix: token.slice(0, 10),
    tokenHash: digest(token),
    role: spec.role,
    networkId: spec.networkId,
    cityId: spec.cityId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + spec.expiresInDays * 86_400_000).toISOString(),
  });
  return { token, row };
}

/** The principal a bearer token stands for, or null when unknown, revoked, expired, or its grant is gone. */
export async function principalFromToken(db: Db, token: string, now = new Date()): Promise<Principal | null> {
  const row = await findTokenByHash(db, digest(token));
  if (!row || row.revokedAt || Date.parse(row.expiresAt) <= now.getTime()) return null;
  const user = await findUser(db, row.userId);
  if (!user || user.disabledAt) return null;
  const still = (await activeGrants(db, user.id)).some((g) => g.role === row.role && g.networkId === row.networkId && g.cityId === row.cityId);
  if (!still) return null;
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) await markTokenUsed(db, row.id, now.toISOString());
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role: row.role, networkId: row.networkId, cityId: row.cityId }], via: 'token', tokenId: row.id };
}
