/**
 * `npm run bench:http`: autocannon against the real server on loopback, beside a bare Hono
 * hello-world measured in the same run. The database is the demo network grown to
 * BENCH_CITIES (default 10,000) member cities (synthetic.ts). Runs, each BENCH_SECONDS (30):
 *   1. bare Hono hello-world, 50 connections (the reference);
 *   2. peers only at 10,000 cities, 50 connections (target ≥ 50 % of the reference);
 *   2b. the ceiling for that answer: a bare Hono replaying one real peers answer (same bytes, same
 *      headers) with none of the work (replay.ts), to show what the answer's shape alone costs;
 *   3. mixed, 50 connections at once: city profile 20, peers 15, round matrix 5, score edits 10
 *      (each edit: GET the submission for its ETag, then PUT with If-Match; every connection edits
 *      its own submission, so a 412 would be a bug, not contention).
 * Reads send `Accept-Encoding: gzip, deflate, br` as browsers do (large answers come back gzipped).
 * Targets: 0 errors, 0 5xx, p99 < 200 ms reads and < 500 ms writes, no database-busy error.
 * BENCH_WORKERS=N runs the server as N processes (server/cluster.ts) instead of one.
 * BENCH_CPU_PROF=dir writes the server's V8 CPU profile there (open it in Chrome DevTools).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { prepareDatabase, validValue } from '../../crash/prepare';
import { spawnServer } from '../../crash/server-process';
import { load, table, type LoadResult } from './load';
import type { Recorded } from './replay';
import { growNetwork } from './synthetic';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const size = Number(process.env.BENCH_CITIES ?? 10_000);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
/** One row alone (besides the reference), for diagnosis: peers-only, or the mixed profile, peers, matrix or edit. */
const only = process.env.BENCH_ONLY;
const dir = mkdtempSync(join(tmpdir(), 'citypeers-bench-'));
const t0 = performance.now();
const prepared = await prepareDatabase(join(dir, 'bench.db'), 60);
const members = await growNetwork(prepared.url, size);
console.log(`database: demo network grown to ${members} member cities in ${Math.round(performance.now() - t0)} ms`);

const hello = await spawnServer({}, 'test/bench/http/hello.ts');
const env = { DATABASE_URL: prepared.url, NODE_ENV: 'production', WEB_CONCURRENCY: String(workers) };
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const server = await spawnServer(env, workers > 1 ? 'server/cluster.ts' : 'server/index.ts', profile);
const auth = { authorization: `Bearer ${prepared.adminToken}` };
/** As browsers and fetch() send it: large answers come back gzipped. */
const headers = { ...auth, 'accept-encoding': 'gzip, deflate, br' };
const api = async (path: string) => (await fetch(server.url + path, { headers: auth })).json() as Promise<Record<string, unknown>>;
const firstSub = (await api(`/api/submissions/${prepared.submissions[0].id}`)) as { roundId: number; cityId: number };
const round = firstSub.roundId;
const profileCities = ((await api('/api/cities?pageSize=100')) as { items?: { id: number }[] }).items?.map((c) => c.id) ?? [firstSub.cityId];
const warm = performance.now();
await api(`/api/rounds/${round}/matrix`);
console.log(`warm-up (first load of the round data at ${members} cities): ${Math.round(performance.now() - warm)} ms`);
// peers need context data for the city: keep the first 40 cities that answer 200
const peerCities: number[] = [];
for (const id of [firstSub.cityId, ...profileCities]) {
  if (peerCities.length >= 40) break;
  if ((await fetch(`${server.url}/api/cities/${id}/peers?round=${round}`, { headers: auth })).status === 200) peerCities.push(id);
}
const peersPath = (i: number) => `/api/cities/${peerCities[i % peerCities.length]}/peers?round=${round}`;
const replay = await spawnServer({ REPLAY_FILE: await recordAnswer(peersPath(0)) }, 'test/bench/http/replay.ts');

let n = 0;
const rotating = (path: (i: number) => string) => [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: path(n++) }) }];
const base = { url: server.url, duration: seconds, headers };
const results: LoadResult[] = [];
const skipped = (name: string): LoadResult => ({ name: `(${name} not run)`, connections: 0, rps: 0, p50: 0, p99: 0, requests: 0, errors: 0, timeouts: 0, non2xx: 0, fiveXx: 0, statuses: {} });
const loadBefore = loadavg()[0].toFixed(1);
const reference = await load('bare Hono hello-world', { url: hello.url, connections: 50, duration: seconds });
results.push(reference);
const skipPeers = only && only !== 'peers-only';
results.push(skipPeers ? skipped('peers only') : await load(`peers only (${members} cities)`, { ...base, connections: 50, requests: rotating(peersPath) }));
results.push(skipPeers ? skipped('replay') : await load('ceiling: peers answer replayed', { url: replay.url, connections: 50, duration: seconds, headers }));
const free = prepared.submissions.map((s) => s);
const editRequests = [
  {
    method: 'GET',
    setupRequest: (req: Record<string, unknown>, ctx: Record<string, unknown>) => {
      ctx.sub = free.shift();
      return { ...req, path: `/api/submissions/${(ctx.sub as { id: number }).id}` };
    },
    onResponse: (_status: number, _body: string, ctx: Record<string, unknown>, headers: Record<string, string>) => void (ctx.etag = headers.etag),
  },
  {
    method: 'PUT',
    setupRequest: (req: Record<string, unknown>, ctx: Record<string, unknown>) => {
      const sub = ctx.sub as (typeof free)[number];
      const ind = sub.indicators[n++ % sub.indicators.length];
      return { ...req, path: `/api/submissions/${sub.id}/scores`, headers: { ...auth, 'content-type': 'application/json', 'if-match': ctx.etag as string }, body: JSON.stringify({ scores: [{ indicatorId: ind.id, value: validValue(ind, (n % 97) / 97), evidenceText: `bench ${n}` }] }) };
    },
    onResponse: (_status: number, _body: string, ctx: Record<string, unknown>) => void free.push(ctx.sub as (typeof free)[number]),
  },
];
const mixed = await Promise.all([
  !only || only === 'profile' ? load('mixed: city profile', { ...base, connections: 20, requests: rotating((i) => `/api/cities/${profileCities[i % profileCities.length]}`) }) : skipped('profile'),
  !only || only === 'peers' ? load(`mixed: peers`, { ...base, connections: 15, requests: rotating(peersPath) }) : skipped('peers'),
  !only || only === 'matrix' ? load('mixed: round matrix', { ...base, connections: 5, requests: [{ method: 'GET', path: `/api/rounds/${round}/matrix` }] }) : skipped('matrix'),
  !only || only === 'edit' ? load('mixed: score edit GET+PUT', { ...base, connections: 10, requests: editRequests }) : skipped('edit'),
]);
results.push(...mixed);
const busy = (server.output().match(/SQLITE_BUSY|database is locked/g) ?? []).length;
const serverErrors = (server.output().match(/"level":"error"/g) ?? []).length;
server.kill('SIGTERM');
hello.kill('SIGTERM');
replay.kill('SIGTERM');
await Promise.all([server.exited, hello.exited, replay.exited]);
rmSync(dir, { recursive: true, force: true });

console.log(`\nHTTP load, ${seconds} s per run, load average before/after ${loadBefore} / ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores, loopback, server ${workers > 1 ? `${workers} processes (cluster)` : '1 process'}, ${members} cities (the mixed rows ran at the same time: 50 connections in all)\n`);
console.log(table(results, reference));
const peers = results[1];
const ceiling = results[2];
const reads = mixed.slice(0, 3);
const writes = mixed[3];
const checks = [
  [`0 errors/timeouts`, results.every((r) => r.errors === 0 && r.timeouts === 0)],
  [`0 5xx`, results.every((r) => r.fiveXx === 0)],
  [`non-2xx 0 (no 412/4xx in the bench)`, results.every((r) => r.non2xx === 0)],
  [`reads p99 < 200 ms (${reads.map((r) => r.p99).join(', ')})`, reads.every((r) => r.p99 < 200)],
  [`writes p99 < 500 ms (${writes.p99})`, writes.p99 < 500],
  [`peers at ${members} cities ≥ 50 % of bare Hono (${pct(peers.rps, reference.rps)}; the same answer replayed with no work: ${pct(ceiling.rps, reference.rps)})`, peers.rps >= reference.rps / 2],
  [`no database-busy error in the server log (${busy}), no error log lines (${serverErrors})`, busy === 0 && serverErrors === 0],
] as const;
console.log('\ntargets:');
for (const [what, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'}  ${what}`);

function pct(rps: number, of: number) {
  return `${((100 * rps) / of).toFixed(1)} %`;
}

/** One real answer as sent on the wire (gzipped), bytes and headers, saved for replay.ts. */
async function recordAnswer(path: string): Promise<string> {
  const recorded = await new Promise<Recorded>((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('error', reject);
      res.on('end', () => resolve({ headers: res.headers as Record<string, string>, body: Buffer.concat(chunks).toString('base64') }));
    });
    req.on('error', reject).end();
  });
  const file = join(dir, 'replay.json');
  writeFileSync(file, JSON.stringify(recorded));
  return file;
}
