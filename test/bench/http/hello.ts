/** The reference: a bare Hono hello-world on @hono/node-server, measured beside CityPeers in the same run. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`bare Hono listening on http://localhost:${info.port}`));
