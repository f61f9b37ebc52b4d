import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp } from '../helpers/app';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeAll(async () => {
  t = await fixtureApp();
});

/** Every route the app serves under /api, read from the router itself. */
function servedRoutes(app: { routes: { method: string; path: string }[] }) {
  const skip = new Set(['/api/openapi.json', '/api/*']);
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !skip.has(r.path) && !r.path.startsWith('/api/docs'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every served route', async () => {
    const res = await t.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} /api${path}`))
      .sort();
    expect(documented).toEqual(servedRoutes(t.app));
    expect(documented.length).toBeGreaterThanOrEqual(14);
  });
  it('describes problem responses', async () => {
    const doc = await (await t.get('/api/openapi.json')).json();
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.paths['/submissions/{id}/scores'].put.responses['412']).toBeDefined();
  });
  it('serves interactive docs from local assets (no CDN), under the CSP', async () => {
    const res = await t.get('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>[^<]/);
    expect(await (await t.get('/api/docs/init.js')).text()).toContain('/api/openapi.json');
    const bundle = await t.get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
