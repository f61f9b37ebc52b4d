/**
 * Resolves who is asking, once per API request: a bearer token (scripts) or the session cookie
 * (browsers); anyone else is anonymous. Credentials are looked up through the principal cache, and
 * the change counters read for it serve the rest of the request (`access.versions()`).
 * Cookie-authenticated writes must carry the session's CSRF token in `X-CSRF-Token`. A bad bearer
 * token is refused outright (401), never downgraded.
 *
 * @example
 * app.use('/api/*', authenticate);
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { Access } from '../auth/access';
import { ANONYMOUS, type Principal } from '../auth/principal';
import { cachedPrincipal, type ResolvedPrincipal } from '../auth/principal-cache';
import { digest, sameSecret } from '../auth/secrets';
import { readVersions, type DataVersions } from '../../db/queries/versions';
import { clearSessionCookie, principalFromSession, readSessionCookie } from '../auth/sessions';
import { principalFromToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { ProblemError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes that make sense without a session (they create one). */
const NO_CSRF = new Set(['/api/auth/login', '/api/auth/invitations/accept']);

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.get('db');
  let versions: Promise<DataVersions> | undefined;
  /** Who a credential stands for, from the cache while access rules are unchanged. */
  const resolve = async (kind: string, credential: string, load: () => Promise<ResolvedPrincipal | null>) =>
    cachedPrincipal(db, `${kind}:${digest(credential)}`, (await (versions = readVersions(db))).access, Date.now(), load);
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await resolve('token', match[1], () => principalFromToken(db, match[1])) : null;
    if (!principal) throw unauthorized('The bearer token is unknown, expired or revoked');
    setPrincipal(c, principal, versions);
    return next();
  }
  const secret = readSessionCookie(c);
  const principal = secret ? await resolve('session', secret, () => principalFromSession(db, secret)) : null;
  if (secret && !principal) clearSessionCookie(c);
  setPrincipal(c, principal ?? ANONYMOUS, versions);
  if (principal?.kind === 'user' && !SAFE.has(c.req.method) && !NO_CSRF.has(new URL(c.req.url).pathname)) {
    const sent = c.req.header('x-csrf-token');
    if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
      throw new ProblemError(403, 'csrf', 'CSRF token missing or wrong', 'Send the X-CSRF-Token header given by /api/auth/me with every change made from a browser session');
    }
  }
  return next();
});

function setPrincipal(c: Context<AppEnv>, principal: Principal, versions: Promise<DataVersions> | undefined) {
  c.set('principal', principal);
  c.set('access', new Access(c.get('db'), principal, { clientAddress: c.get('clientAddress'), requestId: c.get('requestId') }, versions));
}

export function unauthorized(detail = 'Sign in first') {
  return new ProblemError(401, 'unauthenticated', 'Not signed in', detail);
}
