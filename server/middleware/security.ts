/**
 * Response hardening: HSTS for a year, a Content Security Policy the web app and the API docs
 * work under (scripts and styles from this origin only; inline style attributes allowed for
 * chart positioning), no framing, no MIME sniffing; and CORS only for an explicit allow-list.
 *
 * @example
 * app.use('*', securityHeaders);
 * app.use('/api/*', corsFor(['https://intranet.example']));
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

export const securityHeaders = secureHeaders({
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: 'strict-origin-when-cross-origin',
});

/** No CORS headers at all unless origins are listed. */
export function corsFor(origins: string[]): MiddlewareHandler {
  if (origins.length === 0) return async (_c, next) => next();
  return cors({ origin: (origin) => (origins.includes(origin) ? origin : null), credentials: true, allowHeaders: ['content-type', 'if-match', 'x-csrf-token', 'authorization', 'idempotency-key'], exposeHeaders: ['etag', 'retry-after', 'x-request-id'] });
}
