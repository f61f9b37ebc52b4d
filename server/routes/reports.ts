import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { createRouter } from '../router';
import { cityProfileReport, networkReport } from '../services/reports';
import { IdParam } from './common';

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/report',
      tags: ['reports'],
      summary: 'Printable network report of a published round (HTML with print CSS)',
      request: { params: IdParam },
      responses: { 200: html('The report'), ...errorResponses },
    }),
    async (c) => c.html(await networkReport(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/report',
      tags: ['reports'],
      summary: "A city's one-page profile for a published round (HTML with print CSS)",
      request: { params: IdParam, query: z.object({ round: z.coerce.number().int().positive() }) },
      responses: { 200: html('The profile'), ...errorResponses },
    }),
    async (c) => c.html(await cityProfileReport(c.get('access'), c.req.valid('param').id, c.req.valid('query').round), 200),
  );
