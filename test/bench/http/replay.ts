/**
 * The ceiling for one answer: a bare Hono on @hono/node-server that sends, for every request, the
 * bytes and headers CityPeers sent for one real request (read from REPLAY_FILE), with a fresh
 * request id as the real server makes. No authentication, routing, validation, caching or logging:
 * what is left is the cost of the answer's shape (headers and body) for server and load generator.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Recorded {
  headers: Record<string, string>;
  /** The body, base64. */
  body: string;
}

const recorded = JSON.parse(readFileSync(process.env.REPLAY_FILE!, 'utf8')) as Recorded;
const body = new Uint8Array(Buffer.from(recorded.body, 'base64'));
const { 'x-request-id': _ignored, 'content-length': _length, ...fixed } = recorded.headers;
const app = new Hono().get('*', (c) => c.body(body, 200, { ...fixed, 'x-request-id': randomUUID() }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`replay listening on http://localhost:${info.port}`));
