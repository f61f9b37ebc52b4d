/**
 * Creates a route group whose validation failures become problem details:
 * an invalid path id answers 404 (the object cannot exist), anything else 422 listing every bad field.
 *
 * @example
 * export const cityRoutes = createRouter().openapi(getCityRoute, (c) => ...);
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { fieldErrors, problemResponse } from './errors';

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      if (result.target === 'param') {
        return problemResponse({
          type: 'https://citypeers.example/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: `No resource at ${new URL(c.req.url).pathname}`,
        });
      }
      const target = result.target === 'json' ? 'body' : result.target;
      return problemResponse({
        type: 'https://citypeers.example/problems/validation',
        title: 'Invalid request',
        status: 422,
        detail: `The ${target} has ${result.error.issues.length} invalid field(s)`,
        errors: fieldErrors(target, result.error.issues),
      });
    },
  });
}
