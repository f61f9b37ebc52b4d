import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { getRound, getRounds, getRoundSubmissions } from '../services/rounds';
import { IdParam, json } from './common';

const RoundStatus = z.enum(['draft', 'open', 'closed', 'validated', 'published']);

export const Round = z
  .object({
    id: z.number().int(),
    networkId: z.number().int(),
    frameworkId: z.number().int(),
    frameworkName: z.string(),
    frameworkVersion: z.string(),
    weightSetId: z.number().int().nullable(),
    year: z.number().int(),
    name: z.string(),
    status: RoundStatus,
    opensOn: z.string().nullable(),
    deadline: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    demo: z.boolean(),
    version: z.number().int(),
    submissionCount: z.number().int(),
    allowedTransitions: z.array(RoundStatus).openapi({ description: 'Next states the caller may choose (empty unless secretariat)' }),
  })
  .openapi('Round');

export const SubmissionSummary = z
  .object({
    id: z.number().int(),
    roundId: z.number().int(),
    cityId: z.number().int(),
    cityName: z.string(),
    countryCode: z.string(),
    status: z.enum(['draft', 'submitted', 'returned', 'validated', 'published']),
    submittedAt: z.string().nullable(),
    answeredCount: z.number().int(),
    demo: z.boolean(),
    version: z.number().int(),
  })
  .openapi('SubmissionSummary');

export const roundRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds',
      tags: ['rounds'],
      summary: 'Monitoring rounds, newest first',
      request: { query: z.object({ network: z.coerce.number().int().positive().optional(), status: RoundStatus.optional() }) },
      responses: { 200: json(z.object({ items: z.array(Round) }), 'Rounds'), 422: errorResponses[422] },
    }),
    async (c) => {
      const { network, status } = c.req.valid('query');
      return c.json({ items: await getRounds(c.get('access'), { networkId: network, status }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}',
      tags: ['rounds'],
      summary: 'One round',
      request: { params: IdParam },
      responses: { 200: { ...json(Round, 'The round'), headers: z.object({ ETag: z.string() }) }, ...errorResponses },
    }),
    async (c) => {
      const round = await getRound(c.get('access'), c.req.valid('param').id);
      c.header('ETag', etag('round', round.id, round.version));
      return c.json(round, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/submissions',
      tags: ['rounds'],
      summary: "A round's submissions with their status and answered count",
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(SubmissionSummary) }), 'Submissions'), ...errorResponses },
    }),
    async (c) => c.json({ items: await getRoundSubmissions(c.get('access'), c.req.valid('param').id) }, 200),
  );
