/**
 * Spreadsheet import and export: templates per round and for context values, the round's scores
 * as CSV/XLSX, and all-or-nothing imports (raw CSV/XLSX body or multipart field `file`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { errorResponses, invalid, writeErrorResponses } from '../errors';
import { createRouter } from '../router';
import { contextTemplate } from '../services/context-spreadsheet';
import { importContextValues } from '../services/context-import';
import { roundSpreadsheet } from '../services/round-spreadsheets';
import { importScores } from '../services/score-import';
import type { Download } from '../services/spreadsheets/render';
import { XLSX_TYPE } from '../services/spreadsheets/xlsx';
import { IdParam, json } from './common';

const binary = { schema: { type: 'string' as const, format: 'binary' } };
const fileContent = (what: string) => ({ description: what, content: { 'text/csv': binary, [XLSX_TYPE]: binary } });
const uploadBody = {
  required: true,
  description: 'A CSV or XLSX file: the raw body (Content-Type text/csv or the XLSX type), or multipart/form-data with the file in field `file`. At most 20 MiB.',
  content: { 'text/csv': binary, [XLSX_TYPE]: binary, 'multipart/form-data': { schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } } } } },
};
const DryRun = z.object({ dryRun: z.enum(['true', 'false']).optional().openapi({ description: '`true` validates only and applies nothing' }) });
const ImportResult = z
  .object({ rows: z.number().int(), applied: z.number().int(), unchanged: z.number().int(), submissionsCreated: z.number().int(), submissionsUpdated: z.number().int(), dryRun: z.boolean() })
  .openapi('ScoreImportResult');
const ContextImportResult = z.object({ rows: z.number().int(), applied: z.number().int(), unchanged: z.number().int(), cities: z.number().int(), dryRun: z.boolean() }).openapi('ContextImportResult');
const importErrors = { ...writeErrorResponses, 422: { ...writeErrorResponses[422], description: 'Nothing applied: `errors[]` names each bad row and column (`row 17, column "value"`) with `row`, `column`, `value` and `reason`' } };

/** The uploaded file's bytes, from a raw body or the multipart field `file`. */
async function uploadedBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return new Uint8Array(await c.req.arrayBuffer());
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const file = form.file;
  if (!(file instanceof Blob)) throw invalid([{ pointer: 'body.file', detail: 'send the spreadsheet in the multipart field "file"' }]);
  return new Uint8Array(await file.arrayBuffer());
}

const download = (c: Context<AppEnv>, file: Download) =>
  c.body(file.body as never, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' });

const roundFile = (kind: 'template' | 'export', format: 'csv' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/rounds/{id}/${kind}.${format}`,
    tags: ['spreadsheets'],
    summary: kind === 'template' ? `Import template (${format.toUpperCase()}): one row per city you edit × indicator, with the allowed values` : `The round's scores you may see (${format.toUpperCase()}), with evidence text and which values are demo values`,
    request: { params: IdParam },
    responses: { 200: fileContent(kind === 'template' ? 'The template' : 'The scores'), ...errorResponses },
  });
const contextFile = (format: 'csv' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/context-variables/template.${format}`,
    tags: ['spreadsheets'],
    summary: `Context-value import template (${format.toUpperCase()}): one row per city you may change × variable`,
    responses: { 200: fileContent('The template') },
  });

export const spreadsheetRoutes = createRouter()
  .openapi(roundFile('template', 'csv'), async (c) => download(c, await roundSpreadsheet(c.get('access'), c.req.valid('param').id, 'template', 'csv')))
  .openapi(roundFile('template', 'xlsx'), async (c) => download(c, await roundSpreadsheet(c.get('access'), c.req.valid('param').id, 'template', 'xlsx')))
  .openapi(roundFile('export', 'csv'), async (c) => download(c, await roundSpreadsheet(c.get('access'), c.req.valid('param').id, 'export', 'csv')))
  .openapi(roundFile('export', 'xlsx'), async (c) => download(c, await roundSpreadsheet(c.get('access'), c.req.valid('param').id, 'export', 'xlsx')))
  .openapi(contextFile('csv'), async (c) => download(c, await contextTemplate(c.get('access'), 'csv')))
  .openapi(contextFile('xlsx'), async (c) => download(c, await contextTemplate(c.get('access'), 'xlsx')))
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/imports',
      tags: ['spreadsheets'],
      summary: 'Import scores from CSV/XLSX: every row applied in one transaction, or none (422 naming each bad row)',
      request: { params: IdParam, query: DryRun, body: uploadBody },
      responses: { 200: json(ImportResult, 'Applied (or, with dryRun, would apply)'), ...importErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await importScores(c.get('access'), id, () => uploadedBytes(c), { dryRun: c.req.valid('query').dryRun === 'true' }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cities/context-values/imports',
      tags: ['spreadsheets'],
      summary: 'Import context values from CSV/XLSX: every row applied in one transaction, or none',
      request: { query: DryRun, body: uploadBody },
      responses: { 200: json(ContextImportResult, 'Applied (or, with dryRun, would apply)'), ...importErrors },
    }),
    async (c) => c.json(await importContextValues(c.get('access'), () => uploadedBytes(c), { dryRun: c.req.valid('query').dryRun === 'true' }), 200),
  );
