/**
 * Serves the built Svelte app: real files as they are (hashed assets cached for a year),
 * every other GET answers index.html so client-side routes survive a reload.
 *
 * @example
 * serveWebApp(app, '/srv/citypeers/web/dist');
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serveWebApp(app: Hono<any>, webRoot: string) {
  const indexHtml = readFileSync(join(webRoot, 'index.html'), 'utf8');
  app.use(
    '/assets/*',
    serveStatic({ root: webRoot, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }),
  );
  app.use('*', serveStatic({ root: webRoot }));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
}
