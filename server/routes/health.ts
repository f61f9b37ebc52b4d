import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router';
import { checkHealth } from '../services/health';
import { json } from './common';

const Health = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), version: z.string() }).openapi('Health');

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['system'],
    summary: 'Liveness and database reachability',
    responses: { 200: json(Health, 'The service is up'), 503: json(Health, 'The database cannot be reached') },
  }),
  async (c) => {
    const health = await checkHealth(c.var.db);
    return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503);
  },
);
