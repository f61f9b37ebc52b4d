/** Schemas and helpers shared by several route groups. */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { JsonAnswer } from '../cache/answers';

/** A positive integer path id; anything else answers 404. */
export const IdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const Iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NO or DE');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The If-Match request header of optimistic writes. */
export const IfMatch = z.object({ 'if-match': z.string().optional().openapi({ description: 'ETag of the record last read; required (428 without, 412 when stale)' }) });

/** Documents the ETag header of a response. */
export const withEtag = { headers: z.object({ ETag: z.string() }) };

/**
 * A 200 answer from a cached, serialised JSON answer (gzipped when the client accepts it and it is
 * large), typed as the route's JSON.
 *
 * @example
 * async (c) => jsonText(c, await cityPeersJson(access, id, query))
 */
export async function jsonText(c: Context, answer: JsonAnswer) {
  const gzip = answer.compressible && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
  if (gzip) headers['content-encoding'] = 'gzip';
  const response = c.body(gzip ? await answer.gzipped() : answer.bytes, 200, headers);
  return response as unknown as ReturnType<typeof c.json<never, 200>>;
}
