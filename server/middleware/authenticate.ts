/**
 * Resolves who is asking, once per API request: a bearer token (scripts) or the session cookie
 * (browsers); anyone else is anonymous. Cookie-authenticated writes must carry the session's
 * CSRF token in `X-CSRF-Token`. A bad bearer token is refused outright (401), never downgraded.
 *
 * @example
 * app.use('/api/*', authenticate);
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { Access } from '../auth/access';
import { ANONYMOUS, type Principal } from '../auth/principal';
import { sameSecret } from '../auth/secrets';
import { clearSessionCookie, principalFromSession, readSessionCookie } from '../auth/sessions';
import { principalFromToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { ProblemError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes that make sense without a session (they create one). */
const NO_CSRF = new Set(['/api/auth/login', '/api/auth/invitations/accept']);

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.var.db;
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await principalFromToken(db, match[1]) : null;
    if (!principal) throw unauthorized('The bearer token is unknown, expired or revoked');
    setPrincipal(c, principal);
    return next();
  }
  const secret = readSessionCookie(c);
  const principal = secret ? await principalFromSession(db, secret) : null;
  if (secret && !principal) clearSessionCookie(c);
  setPrincipal(c, principal ?? ANONYMOUS);
  if (principal?.kind === 'user' && !SAFE.has(c.req.method) && !NO_CSRF.has(new URL(c.req.url).pathname)) {
    const sent = c.req.header('x-csrf-token');
    if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
      throw new ProblemError(403, 'csrf', 'CSRF token missing or wrong', 'Send the X-CSRF-Token header given by /api/auth/me with every change made from a browser session');
    }
  }
  return next();
});

function setPrincipal(c: Context<AppEnv>, principal: Principal) {
  c.set('principal', principal);
  c.set('access', new Access(c.var.db, principal, { clientAddress: c.var.clientAddress, requestId: c.var.requestId }));
}

export function unauthorized(detail = 'Sign in first') {
  return new ProblemError(401, 'unauthenticated', 'Not signed in', detail);
}
