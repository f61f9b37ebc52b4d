/**
 * Interactive API documentation at /api/docs: Swagger UI served from the installed
 * swagger-ui-dist package (no CDN, works offline and under the Content Security Policy — the
 * start-up script is a file, not an inline script).
 *
 * @example
 * apiDocs(app, '/api/docs', '/api/openapi.json');
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const page = (base: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>CityPeers API</title>
  <link rel="stylesheet" href="${base}/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/assets/swagger-ui-bundle.js"></script>
  <script src="${base}/init.js"></script>
</body>
</html>`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function apiDocs(app: Hono<any>, base: string, specUrl: string) {
  app.get(base, (c) => c.html(page(base)));
  app.get(`${base}/init.js`, (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    return c.body(`window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui', deepLinking: true });`);
  });
  app.use(`${base}/assets/*`, serveStatic({ root: assets, rewriteRequestPath: (p) => p.slice(`${base}/assets`.length) }));
}
