/**
 * Research exports: `POST /exports` queues an anonymised export (202), `GET /exports/{id}` reports
 * progress and the risk report, `GET /exports/{id}/download` delivers the ZIP.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, ProblemSchema } from '../errors';
import { createRouter } from '../router';
import { exportStatus, exportZip, requestExport } from '../services/exports';
import { json, jsonBody } from './common';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const ExportRequest = z
  .strictObject({
    roundIds: z.array(z.number().int().positive()).min(1).max(10),
    frameworkId: z.number().int().positive().optional(),
    variables: z.array(z.string().min(1).max(80)).min(1).max(500).optional(),
    formats: z.array(z.enum(['csv', 'json', 'parquet'])).min(1).max(3).optional(),
    dp: z.strictObject({ epsilon: z.number().positive().max(3).optional() }).nullable().optional(),
  })
  .openapi('ExportRequest');

const Risk = z.object({
  k: z.number(), l: z.number().nullable(), suppressedShare: z.number(), maxProsecutorRisk: z.number(), meanProsecutorRisk: z.number(),
  rowsReleased: z.number().int(), refusedRounds: z.number().int(),
});
const RoundRisk = z.object({
  k: z.number(), kAfterRemoval: z.number(), l: z.number().nullable(), inputRows: z.number().int(), releasedRows: z.number().int(), suppressedRows: z.number().int(),
  suppressedShare: z.number(), classes: z.number().int(), maxProsecutorRisk: z.number(), meanProsecutorRisk: z.number(),
});
const ExportStatus = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    stage: z.enum(['queued', 'loading', 'anonymising', 'writing', 'done', 'failed']),
    percent: z.number(),
    error: z.string().nullable(),
    risk: Risk.nullable(),
    rounds: z.array(z.object({ roundId: z.number().int(), name: z.string(), outcome: z.enum(['rows', 'refused']), reason: z.string().nullable(), risk: RoundRisk, epsilonSpent: z.number() })),
    files: z.record(z.string(), z.number()).nullable(),
    bytes: z.number().int().nullable(),
    durationMs: z.number().nullable(),
    expiresAt: z.string().nullable(),
  })
  .openapi('ExportStatus');

const ExportId = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' }, example: '0b6f1c8e-3f51-4a43-9f5e-0f3c1f1b2a77' }) });

export const exportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/exports',
      tags: ['exports'],
      summary: 'Queue an anonymised research export (researchers and secretariat admins)',
      description: 'Always anonymised (k ≥ 5, ℓ ≥ 2, ≤ 10% suppression, else aggregates only). Optional differential privacy spends ε from each round\'s budget (409 beyond it). At most 10 exports an hour per user (429).',
      request: { body: jsonBody(ExportRequest) },
      responses: { 202: json(z.object({ id: z.string(), status: z.literal('queued') }), 'Queued; poll GET /exports/{id}'), ...errorResponses, 401: problem('Not signed in'), 403: problem('Not a researcher or admin'), 409: problem('Privacy budget exhausted'), 429: problem('Too many exports') },
    }),
    async (c) => {
      const job = await requestExport(c.get('access'), c.req.valid('json'));
      return c.json({ id: job.id, status: 'queued' as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports/{id}',
      tags: ['exports'],
      summary: 'Progress and risk report of an export (its requester or the rounds\' secretariat)',
      request: { params: ExportId },
      responses: { 200: json(ExportStatus, 'Status'), ...errorResponses, 401: problem('Not signed in') },
    }),
    async (c) => c.json(await exportStatus(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports/{id}/download',
      tags: ['exports'],
      summary: 'The export ZIP: rows and aggregates (CSV, JSON, Parquet), codebook, risk.json, README',
      request: { params: ExportId },
      responses: { 200: { description: 'ZIP archive', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses, 401: problem('Not signed in'), 409: problem('Not finished yet') },
    }),
    async (c) => {
      const { zip, filename } = await exportZip(c.get('access'), c.req.valid('param').id);
      return c.body(zip as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' });
    },
  );
