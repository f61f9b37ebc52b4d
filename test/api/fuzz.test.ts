/**
 * Property-based fuzzing of every route: random methods, ids, query strings, bodies and headers.
 * Whatever arrives, the API answers below 500 and every error is a problem+json body.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp } from '../helpers/app';

let t: Awaited<ReturnType<typeof fixtureApp>>;
let templates: string[];
beforeAll(async () => {
  t = await fixtureApp();
  templates = [...new Set(t.app.routes.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*').map((r) => r.path))];
});

const idLike = fc.oneof(fc.integer({ min: -5, max: 12 }).map(String), fc.constantFrom('0', '999999999999', 'abc', '1e3', '%00', '..', '-1', '1.5', ' ', 'null'), fc.string({ maxLength: 8 }).map(encodeURIComponent));
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 50 }),
  fc.constantFrom('{', '{"scores":[{"indicatorId":1,"value":1e309}]}', '{"values":[{"variable":"unemployment_rate","year":2024,"value":"NaN","source":"x"}]}', '\u0000', '[]', 'null'),
);
const query = fc.dictionary(fc.constantFrom('k', 'round', 'weights', 'space', 'method', 'page', 'pageSize', 'sort', 'q', 'network', 'hosts', 'seed', 'level', 'country', 'status'), fc.oneof(fc.string({ maxLength: 12 }), idLike), { maxKeys: 4 });
const headerSets = fc.constantFrom<Record<string, string>[]>([{}], [{ 'content-type': 'application/json' }], [{ 'content-type': 'text/plain' }], [{ 'if-match': '"submission-1-v1"' }], [{ 'if-match': 'garbage' }], [{ authorization: 'Bearer nope' }], [{ cookie: '__Host-citypeers_session=forged' }]);
const roles = fc.constantFrom('admin', 'osloEditor', 'osloViewer', 'researcher', 'otherAdmin', null);

describe('fuzzing every route', () => {
  it('never answers 5xx and always explains errors as problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.array(idLike, { minLength: 2, maxLength: 2 }), query, body, headerSets, roles, async (template, method, ids, q, payload, headers, role) => {
        let i = 0;
        const path = template.replace(/:\w+|\*/g, () => ids[i++ % ids.length]);
        const search = new URLSearchParams(q).toString();
        const auth = role ? t.people[role as keyof typeof t.people] : null;
        const res = await t.app.request(path + (search ? `?${search}` : ''), {
          method,
          headers: { ...Object.assign({}, ...headers), ...(auth && typeof auth === 'object' && 'headers' in auth ? auth.headers : {}) },
          body: method === 'GET' ? undefined : payload,
        });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type'), `${method} ${path} → ${res.status}`).toMatch(/^application\/problem\+json/);
          const problem = await res.json();
          expect(problem.status).toBe(res.status);
          expect(JSON.stringify(problem)).not.toMatch(/SQLITE|\/work\/|node_modules|at .*\.ts:\d+/);
        }
      }),
      { numRuns: 600 },
    );
  });
});
