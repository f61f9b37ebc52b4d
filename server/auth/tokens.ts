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
import type { Grant } from './principal';
import type { ResolvedPrincipal } from './principal-cache';
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

/** How often a token's last use is written (and so how long an answer may be reused without the database). */
const MARK_USED_EVERY_MS = 60_000;

/**
 * The principal a bearer token stands for, or null when unknown, revoked, expired, or its grant is
 * gone; valid until the token expires or its next last-use mark, whichever comes first.
 */
export async function principalFromToken(db: Db, token: string, now = new Date()): Promise<ResolvedPrincipal | null> {
  const row = await findTokenByHash(db, digest(token));
  const t = now.getTime();
  if (!row || row.revokedAt || Date.parse(row.expiresAt) <= t) return null;
  const user = await findUser(db, row.userId);
  if (!user || user.disabledAt) return null;
  const still = (await activeGrants(db, user.id)).some((g) => g.role === row.role && g.networkId === row.networkId && g.cityId === row.cityId);
  if (!still) return null;
  let usedAt = row.lastUsedAt ? Date.parse(row.lastUsedAt) : -Infinity;
  if (t - usedAt > MARK_USED_EVERY_MS) {
    await markTokenUsed(db, row.id, now.toISOString());
    usedAt = t;
  }
  return {
    principal: { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role: row.role, networkId: row.networkId, cityId: row.cityId }], via: 'token', tokenId: row.id },
    validUntil: Math.min(Date.parse(row.expiresAt), usedAt + MARK_USED_EVERY_MS),
  };
}
