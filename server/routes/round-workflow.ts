import { createRoute, z } from '@hono/zod-openapi';
import { ROUND_STATUSES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { sendReminders, statusBoard } from '../services/round-board';
import { createRound, getSnapshot, transitionRound } from '../services/round-workflow';
import { returnSubmission, validateSubmission } from '../services/submission-review';
import { IdParam, IfMatch, IsoDate, json, jsonBody, withEtag } from './common';
import { Round } from './rounds';
import { Submission } from './submissions';

const adminOnly = { 401: errorResponses[404], 403: { description: 'Not the secretariat of this network', content: errorResponses[404].content } };

const BoardItem = z.object({
  cityId: z.number().int(),
  cityName: z.string(),
  countryCode: z.string(),
  coordinatorEmail: z.string().nullable(),
  submissionId: z.number().int().nullable(),
  status: z.enum(['missing', 'draft', 'submitted', 'returned', 'validated', 'published']),
  submittedAt: z.string().nullable(),
  answeredCount: z.number().int(),
  indicatorCount: z.number().int(),
  overdue: z.boolean(),
});

export const roundWorkflowRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{id}/rounds',
      tags: ['rounds'],
      summary: 'Create a monitoring round (draft)',
      request: {
        params: IdParam,
        body: jsonBody(
          z.strictObject({ frameworkId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), name: z.string().trim().min(1).max(200), opensOn: IsoDate.optional(), deadline: IsoDate.optional(), weightSetId: z.number().int().positive().optional() }),
        ),
      },
      responses: { 201: { ...json(Round, 'Created'), ...withEtag }, ...writeErrorResponses, ...adminOnly },
    }),
    async (c) => {
      const round = await createRound(c.get('access'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', etag('round', round.id, round.version));
      return c.json(round, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/transition',
      tags: ['rounds'],
      summary: 'Move a round: draft → open → closed → validated → published (closed → open and validated → closed step back); 409 lists the allowed next states',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(z.strictObject({ to: z.enum(ROUND_STATUSES) })) },
      responses: { 200: { ...json(Round, 'The round after the move'), ...withEtag }, ...writeErrorResponses, ...adminOnly },
    }),
    async (c) => {
      const round = await transitionRound(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json').to);
      c.header('ETag', etag('round', round.id, round.version));
      return c.json(round, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/status-board',
      tags: ['rounds'],
      summary: 'Every member city with its submission status, answered count and whether it is overdue',
      request: { params: IdParam },
      responses: { 200: json(z.object({ roundId: z.number().int(), deadline: z.string().nullable(), status: z.enum(ROUND_STATUSES), items: z.array(BoardItem) }), 'The board'), ...errorResponses, ...adminOnly },
    }),
    async (c) => c.json(await statusBoard(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/reminders',
      tags: ['rounds'],
      summary: 'Write deadline reminders to the outbox for every member city that has not submitted',
      request: { params: IdParam },
      responses: { 200: json(z.object({ sent: z.number().int() }), 'Messages written'), ...writeErrorResponses, ...adminOnly },
    }),
    async (c) => c.json(await sendReminders(c.get('access'), c.get('mail'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/snapshot',
      tags: ['rounds'],
      summary: 'The frozen results of a published round (scores, weights, peers, clusters), versioned',
      request: { params: IdParam },
      responses: { 200: json(z.object({ version: z.number().int(), createdAt: z.string(), payload: z.unknown() }), 'The snapshot'), ...errorResponses },
    }),
    async (c) => c.json(await getSnapshot(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/return',
      tags: ['submissions'],
      summary: 'Return a submitted self-assessment to the city with comments (overall and per indicator)',
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(z.strictObject({ comment: z.string().trim().min(1).max(5000), indicatorComments: z.array(z.strictObject({ indicatorId: z.number().int().positive(), comment: z.string().trim().min(1).max(2000) })).max(100).optional() })),
      },
      responses: { 200: { ...json(Submission, 'Returned'), ...withEtag }, ...writeErrorResponses, ...adminOnly },
    }),
    async (c) => {
      const sub = await returnSubmission(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/validate',
      tags: ['submissions'],
      summary: 'Validate a submitted self-assessment',
      request: { params: IdParam, headers: IfMatch },
      responses: { 200: { ...json(Submission, 'Validated'), ...withEtag }, ...writeErrorResponses, ...adminOnly },
    }),
    async (c) => {
      const sub = await validateSubmission(c.get('access'), c.req.valid('param').id, c.req.header('if-match'));
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 200);
    },
  );
