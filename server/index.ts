/**
 * Starts CityPeers: reads the environment, opens/migrates/seeds the database, builds the app and listens.
 * The only file that reads process.env or opens a port.
 */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedIfEmpty } from '../seeds';
import { createApp } from './app';
import { readEnv } from './env';
import { consoleTransport, outboxOnly } from './mail';

const env = readEnv(process.env);
const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl });
await migrateDb(handle.db);
if (env.seedDemo) {
  const seeded = await seedIfEmpty(handle.db);
  if (seeded) console.log(JSON.stringify({ level: 'info', msg: 'seeded demo network', ...seeded }));
}

const webRoot = fileURLToPath(new URL('../web/dist', import.meta.url));
const hasWeb = existsSync(webRoot + '/index.html');
if (!hasWeb) console.warn('web/dist is missing: run `npm run build` to serve the web app (the API works without it)');
const app = createApp({ db: handle.db, webRoot: hasWeb ? webRoot : undefined, mail: env.production ? outboxOnly : consoleTransport, corsOrigins: env.corsOrigins });

const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  console.log(JSON.stringify({ level: 'info', msg: `CityPeers listening on http://localhost:${info.port}`, database: redact(env.databaseUrl) }));
});

function redact(url: string) {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => {
      handle.close();
      process.exit(0);
    });
  });
}
