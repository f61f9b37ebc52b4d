/**
 * Browser sessions: a random secret in a `__Host-` cookie (HttpOnly, SameSite=Lax, Secure), its
 * SHA-256 in the database; 30 minutes idle and 12 hours absolute lifetime; revoked on logout
 * and when the account is disabled.
 *
 * @example
 * const { secret, csrfToken } = await createSession(db, user.id, 'Mozilla/5.0 …');
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/client';
import { activeGrants, findSession, findUser, insertSession, revokeSession, touchSession } from '../../db/queries/auth';
import type { ResolvedPrincipal } from './principal-cache';
import { digest, randomSecret } from './secrets';

export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not all turn into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Sent as `__Host-citypeers_session`; without the prefix only on plain-HTTP hosts other than localhost, where browsers refuse `__Host-` cookies. */
export const COOKIE = 'citypeers_session';

export async function createSession(db: Db, userId: number, userAgent: string | undefined, now = new Date()) {
  const secret = randomSecret();
  const csrfToken = randomSecret(24);
  const at = now.toISOString();
  await insertSession(db, {
    idHash: digest(secret),
    userId,
    csrfToken,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { secret, csrfToken };
}

/**
 * The principal of a session secret, or null when it is unknown, revoked, idle too long, expired or
 * its user disabled. `validUntil` is when this answer must be checked again: the next touch of the
 * session (so the idle timeout keeps counting) or its expiry, whichever comes first.
 */
export async function principalFromSession(db: Db, secret: string, now = new Date()): Promise<ResolvedPrincipal | null> {
  const idHash = digest(secret);
  const session = await findSession(db, idHash);
  if (!session || session.revokedAt) return null;
  const t = now.getTime();
  if (t >= Date.parse(session.expiresAt) || t - Date.parse(session.lastSeenAt) >= IDLE_MS) return null;
  const user = await findUser(db, session.userId);
  if (!user || user.disabledAt) return null;
  let seenAt = Date.parse(session.lastSeenAt);
  if (t - seenAt >= TOUCH_EVERY_MS) {
    await touchSession(db, idHash, now.toISOString());
    seenAt = t;
  }
  const grants = await activeGrants(db, user.id);
  return {
    principal: { kind: 'user', userId: user.id, email: user.email, name: user.name, grants, via: 'session', sessionHash: idHash, csrfToken: session.csrfToken },
    validUntil: Math.min(Date.parse(session.expiresAt), seenAt + TOUCH_EVERY_MS),
  };
}

export async function endSession(db: Db, sessionHash: string) {
  await revokeSession(db, sessionHash, new Date().toISOString());
}

/** TLS or loopback: browsers accept Secure (and so `__Host-`) cookies there. */
function secureContext(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, COOKIE, 'host') ?? getCookie(c, COOKIE);
}

export function writeSessionCookie(c: Context, secret: string) {
  const secure = secureContext(c);
  setCookie(c, COOKIE, secret, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    maxAge: ABSOLUTE_MS / 1000,
    ...(secure ? { prefix: 'host' as const } : {}),
  });
}

export function clearSessionCookie(c: Context) {
  if (getCookie(c, COOKIE, 'host') !== undefined) deleteCookie(c, COOKIE, { path: '/', secure: true, prefix: 'host' });
  if (getCookie(c, COOKIE) !== undefined) deleteCookie(c, COOKIE, { path: '/' });
}
