/**
 * RFC 9457 problem details: every error the API returns has this shape, served as
 * `application/problem+json`. Throw a `ProblemError` anywhere below a route; `toProblemResponse`
 * turns it (or anything else) into a response without leaking stacks, SQL or paths.
 *
 * @example
 * throw notFound('city', 42); // → 404 {"type":".../not-found","title":"Not found","detail":"No city with id 42"}
 */
import { z } from '@hono/zod-openapi';

export interface FieldError {
  /** Where the bad value is, as a dotted path (`scores.2.value`) prefixed by the input part (`body`, `query`). */
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://citypeers.example/problems/';

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(instance?: string): Problem {
    return { ...this.extensions, type: TYPE_BASE + this.slug, title: this.title, status: this.status, detail: this.message, instance };
  }
}

export const notFound = (what: string, id: string | number) => new ProblemError(404, 'not-found', 'Not found', `No ${what} with id ${id}`);
export const conflict = (detail: string, extensions?: Record<string, unknown>) =>
  new ProblemError(409, 'conflict', 'Conflict', detail, extensions);
export const tooMany = (detail: string, retryAfterSeconds: number) =>
  new ProblemError(429, 'rate-limited', 'Too many requests', detail, { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const invalid = (errors: FieldError[], detail = 'The request has invalid fields') =>
  new ProblemError(422, 'validation', 'Invalid request', detail, { errors });

/** Serialises a problem with the right media type. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** Zod issues → field errors, every issue listed (not only the first). */
export function fieldErrors(target: string, issues: readonly { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ pointer: [target, ...i.path.map(String)].join('.'), detail: i.message }));
}

/** OpenAPI description of a problem body, used in every route's error responses. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
/** Error responses shared by routes, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Malformed request (e.g. invalid JSON)', content: problemContent },
  404: { description: 'Unknown id', content: problemContent },
  422: { description: 'Invalid fields, each listed in `errors`', content: problemContent },
} as const;
export const writeErrorResponses = {
  ...errorResponses,
  409: { description: 'The target cannot be changed in its current state', content: problemContent },
  412: { description: 'Stale If-Match version', content: problemContent },
  413: { description: 'Body too large', content: problemContent },
  428: { description: 'If-Match header required', content: problemContent },
} as const;
