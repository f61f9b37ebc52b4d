import { createRoute, z } from '@hono/zod-openapi';
import { DOCUMENT_TYPES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { createSubmission, getSubmission, submitSubmission, writeScores } from '../services/submissions';
import { IdParam, IfMatch, json, jsonBody, withEtag } from './common';

const Evidence = z.strictObject({
  documentType: z.enum(DOCUMENT_TYPES),
  title: z.string().trim().min(1).max(300),
  url: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), 'must be an http(s) link').nullish(),
});

const Score = z.object({
  id: z.number().int(),
  indicatorId: z.number().int(),
  value: z.number().nullable(),
  evidenceText: z.string().nullable(),
  note: z.string().nullable(),
  reviewComment: z.string().nullable(),
  updatedAt: z.string(),
  evidence: z.array(z.object({ id: z.number().int(), documentType: z.enum(DOCUMENT_TYPES), title: z.string(), url: z.string().nullable() })),
});

export const Submission = z
  .object({
    id: z.number().int(),
    roundId: z.number().int(),
    cityId: z.number().int(),
    status: z.enum(['draft', 'submitted', 'returned', 'validated', 'published']),
    submittedAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
    returnComment: z.string().nullable(),
    demo: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    scores: z.array(Score),
  })
  .openapi('Submission');

const ScoresWrite = z
  .strictObject({
    scores: z
      .array(
        z.strictObject({
          indicatorId: z.number().int().positive(),
          value: z.number().nullable().openapi({ description: 'null = not answered (never read as 0)' }),
          evidenceText: z.string().max(10_000).nullish(),
          note: z.string().max(2_000).nullish(),
          evidence: z.array(Evidence).max(20).optional().openapi({ description: 'Replaces the documents listed for this answer' }),
        }),
      )
      .min(1)
      .max(500),
  })
  .openapi('ScoresWrite');


export const submissionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}',
      tags: ['submissions'],
      summary: 'One submission with its answers and evidence',
      request: { params: IdParam },
      responses: { 200: { ...json(Submission, 'The submission'), ...withEtag }, ...errorResponses },
    }),
    async (c) => {
      const sub = await getSubmission(c.get('access'), c.req.valid('param').id);
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/submissions',
      tags: ['submissions'],
      summary: "Start a city's submission in an open round",
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ cityId: z.number().int().positive().optional().openapi({ description: 'Required for a secretariat; an editor may omit it (their own city) or pick one of their cities' }) })),
      },
      responses: { 201: { ...json(Submission, 'Created'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const sub = await createSubmission(c.get('access'), c.req.valid('param').id, c.req.valid('json').cityId);
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/submissions/{id}/scores',
      tags: ['submissions'],
      summary: 'Set answers with evidence (all or nothing; If-Match required)',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(ScoresWrite) },
      responses: { 200: { ...json(Submission, 'The submission after the write'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const sub = await writeScores(c.get('access'), id, c.req.header('if-match'), c.req.valid('json').scores);
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/submit',
      tags: ['submissions'],
      summary: 'Submit a draft or returned submission to the secretariat (If-Match required)',
      request: { params: IdParam, headers: IfMatch },
      responses: { 200: { ...json(Submission, 'The submitted submission'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const sub = await submitSubmission(c.get('access'), id, c.req.header('if-match'));
      c.header('ETag', etag('submission', sub.id, sub.version));
      return c.json(sub, 200);
    },
  );
