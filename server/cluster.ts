/**
 * Several server processes on one port and one database (`npm run start:cluster`): the primary
 * migrates (and seeds) once, then forks WEB_CONCURRENCY workers (default: one per CPU), each a
 * normal server/index.ts with its own in-process write lock; across processes SQLite's file lock
 * and busy timeout serialise writes, and ETag checks (conditional UPDATE … WHERE version = ?) keep
 * concurrent edits from overwriting each other. Dead workers are replaced; SIGTERM stops each
 * worker gracefully (they finish in-flight requests) and then the primary.
 *
 * @example
 * WEB_CONCURRENCY=4 PORT=8787 node --import tsx server/cluster.ts
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

if (cluster.isPrimary) {
  const { createDb } = await import('../db/client');
  const { migrateDb } = await import('../db/migrate');
  const { seedIfEmpty } = await import('../seeds');
  const { readEnv } = await import('./env');
  const { createLogger } = await import('./logger');
  const log = createLogger(process.env.LOG_LEVEL ?? 'info');
  const env = readEnv(process.env);
  const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? availableParallelism()));
  const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl, syncIntervalSeconds: env.databaseSyncIntervalSeconds });
  await migrateDb(handle.db);
  if (env.seedDemo) await seedIfEmpty(handle.db);
  handle.close();
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  log.info({ workers }, 'cluster primary started its workers');
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.warn({ worker: worker.process.pid, code, signal }, 'worker died; starting a new one');
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping the workers gracefully');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
  }
} else {
  await import('./index');
}
