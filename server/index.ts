/**
 * Starts CityPeers: reads the environment, opens/migrates/seeds the database, builds the app and listens.
 * The only file that reads process.env or opens a port. Logs are JSON lines (pino) on stdout.
 *
 * SIGTERM/SIGINT shut down gracefully: readiness turns 503, the port stops accepting (after
 * SHUTDOWN_DRAIN_MS, default 0.5 s), in-flight requests finish (up to SHUTDOWN_GRACE_MS, default
 * 10 s), research exports still running here are marked failed ("request it again"), then the
 * database is closed.
 */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedIfEmpty } from '../seeds';
import { createApp } from './app';
import { readEnv } from './env';
import { createLogger, redactUrl, withRequestLog } from './logger';
import { consoleTransport, outboxOnly } from './mail';
import { jobsOf } from './services/exports/jobs';
import { markDraining } from './services/readiness';

/** Request lines go out asynchronously (flushed before exit); start and stop lines at once, always (supervisors wait for "listening on"). */
const log = createLogger(process.env.LOG_LEVEL ?? 'info', { sync: false });
const lifecycle = createLogger('info');
const env = readEnv(process.env);
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
const drainMs = Number(process.env.SHUTDOWN_DRAIN_MS ?? 500);
const IDLE_GRACE_MS = 1000;
const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl, syncIntervalSeconds: env.databaseSyncIntervalSeconds });
await migrateDb(handle.db);
if (env.seedDemo) {
  const seeded = await seedIfEmpty(handle.db);
  if (seeded) log.info(seeded, 'seeded demo network');
}

const webRoot = fileURLToPath(new URL('../web/dist', import.meta.url));
const hasWeb = existsSync(webRoot + '/index.html');
if (!hasWeb) log.warn('web/dist is missing: run `npm run build` to serve the web app (the API works without it)');
const app = createApp({ db: handle.db, webRoot: hasWeb ? webRoot : undefined, mail: env.production ? outboxOnly : consoleTransport, corsOrigins: env.corsOrigins });

let stopping = false;
/** While draining, every response asks its client to close the connection (no keep-alive reuse). */
const answer: typeof app.fetch = async (req, ...rest) => {
  const res = await app.fetch(req, ...rest);
  if (stopping) res.headers.set('connection', 'close');
  return res;
};
const fetch = withRequestLog(answer, log);

const server = serve({ fetch, port: env.port, hostname: env.host }, (info) => {
  lifecycle.info({ database: redactUrl(env.databaseUrl), replicaOf: env.databaseSyncUrl && redactUrl(env.databaseSyncUrl) }, `CityPeers listening on http://localhost:${info.port}`);
}) as Server;

/**
 * Readiness turns 503 at once; for SHUTDOWN_DRAIN_MS the port still accepts (connections already
 * queued in the kernel's backlog, and those a load balancer sends before it notices, are served
 * rather than reset); then the listening socket closes (only it: Node's http close() would also drop
 * connections whose request is not read yet). Every accepted connection finishes its request with
 * `Connection: close`, connections still idle after IDLE_GRACE_MS are closed, and the database
 * closes when the last connection is gone (after SHUTDOWN_GRACE_MS at the latest).
 */
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  markDraining();
  lifecycle.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
  const force = setTimeout(() => {
    log.warn({ graceMs }, 'in-flight requests did not finish in time; closing anyway');
    handle.close();
    log.flush(() => process.exit(1));
  }, graceMs);
  force.unref();
  setTimeout(() => {
    net.Server.prototype.close.call(server, async () => {
      await jobsOf(handle.db).abandon('the server restarted before this export finished; request it again').catch((e) => log.warn({ err: String(e) }, 'could not mark unfinished exports failed'));
      handle.close();
      lifecycle.info('database closed; bye');
      log.flush(() => process.exit(0));
    });
    setTimeout(() => {
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }, IDLE_GRACE_MS).unref();
  }, drainMs);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
