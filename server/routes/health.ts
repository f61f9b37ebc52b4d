import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router';
import { checkHealth } from '../services/health';
import { checkReadiness } from '../services/readiness';
import { json } from './common';

const Health = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), version: z.string() }).openapi('Health');
const Readiness = z.object({ status: z.enum(['ready', 'draining', 'not-ready']), database: z.enum(['ok', 'unreachable']) }).openapi('Readiness');

export const healthRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['system'],
      summary: 'Liveness and database reachability',
      responses: { 200: json(Health, 'The service is up'), 503: json(Health, 'The database cannot be reached') },
    }),
    async (c) => {
      const health = await checkHealth(c.get('db'));
      return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      tags: ['system'],
      summary: 'Readiness for traffic: migrated database reachable and not shutting down',
      responses: { 200: json(Readiness, 'Send traffic here'), 503: json(Readiness, 'Draining for shutdown, or the database is not ready') },
    }),
    async (c) => {
      const ready = await checkReadiness(c.get('db'));
      return ready.status === 'ready' ? c.json(ready, 200) : c.json(ready, 503);
    },
  );
