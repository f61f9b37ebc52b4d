/**
 * The HTTP application: `/api/*` (JSON, OpenAPI at /api/openapi.json, docs at /api/docs) and,
 * when a built web app is given, the single-page app for every other path.
 *
 * @example
 * const app = createApp({ db });
 * const res = await app.request('/api/health');
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../db/client';
import type { AppEnv } from './context';
import { ProblemError, problemResponse } from './errors';
import { authenticate } from './middleware/authenticate';
import { clientAddress } from './middleware/client-address';
import { handleError } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { requestId } from './middleware/request-id';
import { actionPlanRoutes } from './routes/action-plans';
import { analyticsRoutes } from './routes/analytics';
import { exportRoutes } from './routes/exports';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { cityRoutes } from './routes/cities';
import { contextRoutes } from './routes/context';
import { frameworkRoutes } from './routes/frameworks';
import { healthRoutes } from './routes/health';
import { networkRoutes } from './routes/networks';
import { peerReviewRoutes } from './routes/peer-reviews';
import { membershipRoutes } from './routes/memberships';
import { reportRoutes } from './routes/reports';
import { roundWorkflowRoutes } from './routes/round-workflow';
import { roundRoutes } from './routes/rounds';
import { spreadsheetRoutes } from './routes/spreadsheets';
import { studyVisitRoutes } from './routes/study-visits';
import { submissionRoutes } from './routes/submissions';
import { APP_VERSION } from './services/health';
import { apiDocs } from './api-docs';
import { outboxOnly, type MailTransport } from './mail';
import { corsFor, securityHeaders } from './middleware/security';
import { serveWebApp } from './static';

export interface AppOptions {
  db: Db;
  /** Folder of the built web app (web/dist); omitted in API-only tests. */
  webRoot?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Where outbox messages go besides the outbox (default: nowhere). */
  mail?: MailTransport;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
}

/** Smaller limits where big bodies make no sense. */
const AUTH_BODY_BYTES = 16 * 1024;
/** Spreadsheet uploads (scores and context values) may be larger. */
const IMPORT_BODY_BYTES = 20 * 1024 * 1024;
const IMPORT_PATH = /^\/api\/(rounds\/[^/]+|cities\/context-values)\/imports$/;

export function createApp({ db, webRoot, maxBodyBytes = 1024 * 1024, mail = outboxOnly, corsOrigins = [] }: AppOptions) {
  const api = new OpenAPIHono<AppEnv>()
    .route('/', healthRoutes)
    .route('/', authRoutes)
    .route('/', adminRoutes)
    .route('/', networkRoutes)
    .route('/', cityRoutes)
    .route('/', contextRoutes)
    .route('/', frameworkRoutes)
    .route('/', roundRoutes)
    .route('/', roundWorkflowRoutes)
    .route('/', membershipRoutes)
    .route('/', reportRoutes)
    .route('/', submissionRoutes)
    .route('/', analyticsRoutes)
    .route('/', peerReviewRoutes)
    .route('/', studyVisitRoutes)
    .route('/', actionPlanRoutes)
    .route('/', exportRoutes)
    .route('/', spreadsheetRoutes);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'CityPeers API',
      version: APP_VERSION,
      description: 'Benchmarking and peer learning for networks of European cities. Errors are RFC 9457 problem details.',
    },
  });

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId, securityHeaders);
  app.use('/api/*', corsFor(corsOrigins));
  app.use('/api/*', clientAddress(), async (c, next) => {
    c.set('db', db);
    c.set('mail', mail);
    await next();
  });
  app.use('/api/auth/*', limitBody(AUTH_BODY_BYTES));
  const importLimit = limitBody(Math.max(IMPORT_BODY_BYTES, maxBodyBytes));
  const defaultLimit = limitBody(maxBodyBytes);
  app.use('/api/*', (c, next) => (IMPORT_PATH.test(c.req.path) ? importLimit : defaultLimit)(c, next));
  app.use('/api/*', authenticate);
  app.use('/api/*', idempotency);
  apiDocs(app, '/api/docs', '/api/openapi.json');
  const routes = app.route('/api', api);
  app.all('/api/*', (c) => problemResponse({ type: 'https://citypeers.example/problems/not-found', title: 'Not found', status: 404, detail: `No API route ${c.req.method} ${new URL(c.req.url).pathname}` }));
  if (webRoot) serveWebApp(app, webRoot);
  app.onError(handleError);
  return routes;
}

/** Methods whose bodies are never read: skipping them spares building a full Request per read. */
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function limitBody(bytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new ProblemError(413, 'too-large', 'Body too large', `Request bodies here are limited to ${bytes} bytes`);
    },
  });
  return (c, next) => (BODILESS.has(c.req.method) ? next() : limit(c, next));
}

export type AppType = ReturnType<typeof createApp>;
