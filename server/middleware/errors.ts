/**
 * Turns anything thrown below a route into problem details. Known errors keep their status;
 * malformed JSON is 400; everything else is a 500 with only the request id (the stack goes to the log).
 *
 * @example
 * app.onError(handleError);
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ProblemError, problemResponse } from '../errors';

export function handleError(err: Error, c: Context): Response {
  const instance = new URL(c.req.url).pathname;
  if (err instanceof ProblemError) return problemResponse(err.toProblem(instance), err.headers);
  if (err instanceof HTTPException) {
    const status = err.status;
    const malformed = status === 400;
    return problemResponse({
      type: `https://citypeers.example/problems/${malformed ? 'malformed' : 'http-' + status}`,
      title: malformed ? 'Malformed request' : err.message || 'Request refused',
      status,
      detail: malformed ? 'The body is not valid JSON' : err.message,
      instance,
    });
  }
  const requestId = c.get('requestId');
  console.error(JSON.stringify({ level: 'error', requestId, path: instance, error: String(err?.stack ?? err) }));
  return problemResponse({
    type: 'https://citypeers.example/problems/internal',
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong on our side; quote request id ${requestId}`,
    instance,
  });
}
