/**
 * The client address for rate limits and the audit log: the TCP peer of the connection.
 * Forwarding headers (X-Forwarded-For) are ignored because anyone can set them.
 *
 * @example
 * app.use('*', clientAddress());
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

export function clientAddress(fallback = 'local') {
  return createMiddleware<AppEnv>(async (c, next) => {
    let address = fallback;
    try {
      address = getConnInfo(c).remote.address ?? fallback;
    } catch {
      // in-process requests (tests, app.request) have no socket
    }
    c.set('clientAddress', address);
    await next();
  });
}
