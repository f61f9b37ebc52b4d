/**
 * Analytics benchmark (a script: I/O and the server/compute worker pool allowed here only).
 *   npx tsx analytics/bench/run.ts [--sizes 1000,10000,100000] [--input file.csv] [--json] [--runs 5] [--only ward,silhouette]
 * Each op: one warm-up, then the median of ≥5 in-process runs. Peer query, k-means, silhouette and
 * Ward also run on the 2-worker pool (rows "… (2 workers)"; the peer query as "(caller + 1 worker)":
 * the calling thread and the worker take blocks of rows until none are left); results identical to
 * the serial ones.
 */
import { readFileSync } from 'node:fs';
import {
  createRandom, fitGowerRanges, imputeMean, fitPca, gowerMatrix, kmeans, kmedoids, peerIndex, peerQuery, selectRows, silhouette, ward, zscore,
  type Matrix, type VariableSpec,
} from '../index';
import { closeComputePool, computePool, POOL_SIZE } from '../../server/compute/pool';
import { sharedArrays, sharedMatrix } from '../../server/compute/shared';
import { parallelPeerQuery } from '../../server/compute/parallel-peer-query';
import { parallelKmeans } from '../../server/compute/parallel-kmeans';
import { parallelSilhouette } from '../../server/compute/parallel-silhouette';
import { parallelWard } from '../../server/compute/parallel-ward';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const json = args.includes('--json');
const runs = Math.max(5, Number(opt('--runs') ?? 5));
const D = 40;

function generate(n: number, d: number, seed: number): Matrix {
  const r = createRandom(seed);
  const centres = Array.from({ length: 12 }, () => Array.from({ length: d }, () => r.normal() * 3));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[r.int(12)];
    for (let j = 0; j < d; j++) data[i * d + j] = r.next() < 0.03 ? NaN : c[j] + r.normal();
  }
  return { data, rows: n, cols: d };
}

function readCsv(path: string): Matrix {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const d = lines[0].split(',').length, n = lines.length - 1;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    for (let j = 0; j < d; j++) { const s = (cells[j] ?? '').trim(); data[i * d + j] = s === '' ? NaN : Number(s); }
  }
  return { data, rows: n, cols: d };
}

function median(fn: () => unknown, reps = runs): number {
  fn();
  const t: number[] = [];
  for (let r = 0; r < reps; r++) { const a = performance.now(); fn(); t.push(performance.now() - a); }
  t.sort((x, y) => x - y);
  return t[Math.floor(t.length / 2)];
}

/** {@link median} of an async op (awaited inside the timing), after `warmUps` untimed runs. */
async function medianAsync(fn: () => Promise<unknown>, reps = runs, warmUps = 1): Promise<number> {
  for (let w = 0; w < warmUps; w++) await fn();
  const t: number[] = [];
  for (let r = 0; r < reps; r++) { const a = performance.now(); await fn(); t.push(performance.now() - a); }
  t.sort((x, y) => x - y);
  return t[Math.floor(t.length / 2)];
}

const PAR = ` (${POOL_SIZE} workers)`;
/** The parallel peer query: the calling thread and the pool's other workers share the rows. */
const PARQ = ` (caller + ${POOL_SIZE - 1} worker${POOL_SIZE > 2 ? 's' : ''})`;

/** Bandwidth baseline: one plain sequential pass summing the array (4 accumulators, no NaN branches). */
function sumOnce(a: Float64Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < a.length; i += 4) { s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]; }
  for (; i < a.length; i++) s0 += a[i];
  return s0 + s1 + s2 + s3;
}

const TARGETS: Record<string, Record<number, number>> = {
  zscore: { 100000: 32 }, 'peer query gower': { 100000: 3.2 }, 'peer query euclidean': { 100000: 3.2 },
  'kmeans k=12 (per iter)': { 100000: 13 }, silhouette: { 10000: 662 }, ward: { 10000: 2700 }, 'pca(2)': { 100000: 80 },
};

const rowsOut: { op: string; n: number; d: number; median_ms: number }[] = [];
const only = opt('--only')?.split(',');
/** Whether op should run (`--only` takes a comma list of op-name prefixes). */
const wanted = (op: string) => !only || only.some((p) => op.startsWith(p));

function record(op: string, m: Matrix, ms: number) {
  const r = { op, n: m.rows, d: m.cols, median_ms: Math.round(ms * 1000) / 1000 };
  rowsOut.push(r);
  if (json) console.log(JSON.stringify(r));
  else {
    const target = TARGETS[op.replace(PAR, '').replace(PARQ, '').replace(' (no index)', '')]?.[m.rows];
    const read = op.startsWith('peer query') ? rowsOut.find((x) => x.op === 'read bytes once' && x.n === m.rows)?.median_ms : undefined;
    const vsRead = read ? `, ${(ms / read).toFixed(1)}× read (target ≤ 1.5×)` : '';
    console.log(`${op.padEnd(42)} ${String(m.rows).padStart(7)} ${String(m.cols).padStart(4)} ${ms.toFixed(2).padStart(10)} ms${target ? `   (target ${target} ms${vsRead})` : ''}`);
  }
}

const input = opt('--input');
const sizes = (opt('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const datasets: Matrix[] = input ? [readCsv(input)] : sizes.map((n) => generate(n, D, 42 + n));
if (!json) console.log(`${'op'.padEnd(42)} ${'n'.padStart(7)} ${'d'.padStart(4)} ${'median'.padStart(13)}`);

const pool = computePool();
await pool.ready(); // worker start-up is not part of any op

// Two passes: the scans on every size first, then the n×n methods (silhouette, Ward, k-medoids).
// Ward allocates and drops 800 MB matrices at n = 10k; timing scans after that measures the garbage
// collector catching up, not the scans.
const prepared = datasets.map((m) => {
  const z = sharedMatrix(zscore(m)); // workers read it in place; serial ops read the same array
  const specs: VariableSpec[] = Array.from({ length: m.cols }, () => ({ kind: 'numeric' }));
  const k = Math.min(12, m.rows);
  const init = selectRows(imputeMean(z), Array.from({ length: k }, (_, i) => Math.floor((i * m.rows) / k)));
  return { m, z, specs, ranges: fitGowerRanges(z, specs), k, init };
});

for (const { m, z, specs, ranges, k, init } of prepared) {
  const n = m.rows;
  record('read bytes once', m, median(() => sumOnce(m.data), 15));
  if (wanted('zscore')) record('zscore', m, median(() => zscore(m)));
  // The index (a NaN-free copy for the branch-free scan) is built once per matrix, like the ranges.
  const index = wanted('peer query') ? peerIndex(z, sharedArrays) : undefined;
  let q = 0;
  for (const metric of ['gower', 'euclidean'] as const) {
    const op = `peer query ${metric}`, opts = { k: 10, metric, specs, ranges };
    if (!wanted(op)) continue;
    record(`${op} (no index)`, m, median(() => peerQuery(z, (q = (q + 7919) % n), opts), 15));
    record(op, m, median(() => peerQuery(z, (q = (q + 7919) % n), { ...opts, index }), 15));
    // 10 warm-ups: the worker has not run these kernels yet (this thread has, in the serial rows above),
    // and takes few rows until its code is optimised.
    record(op + PARQ, m, await medianAsync(() => parallelPeerQuery(z, (q = (q + 7919) % n), { ...opts, index }, pool), 15, 10));
  }
  if (wanted('kmeans')) {
    let iters = 1;
    const total = median(() => { const r = kmeans(z, { k, init, maxIter: 50, tol: 0 }); iters = r.iterations; });
    record('kmeans k=12 (per iter)', m, total / iters);
    const totalPar = await medianAsync(async () => { const r = await parallelKmeans(z, { k, init, maxIter: 50, tol: 0 }, pool); iters = r.iterations; });
    record('kmeans k=12 (per iter)' + PAR, m, totalPar / iters);
  }
  if (wanted('pca')) record('pca(2)', m, median(() => fitPca(z, { components: 2 })));
}

for (const { m, z, specs, ranges, k, init } of prepared) {
  const n = m.rows;
  if (n <= 10000) {
    const labels = kmeans(z, { k, init, maxIter: 20 }).labels;
    if (wanted('silhouette')) {
      record('silhouette', m, median(() => silhouette(z, labels)));
      record('silhouette' + PAR, m, await medianAsync(() => parallelSilhouette(z, labels, pool)));
    }
    if (wanted('ward')) {
      record('ward', m, median(() => ward(z)));
      record('ward' + PAR, m, await medianAsync(() => parallelWard(z, pool)));
    }
  }
  if (n <= 2000) {
    const G = gowerMatrix(z, specs, undefined, ranges);
    if (wanted('gowerMatrix')) record('gowerMatrix', m, median(() => gowerMatrix(z, specs, undefined, ranges)));
    if (wanted('kmedoids')) record('kmedoids k=12', m, median(() => kmedoids(G, n, { k })));
  }
}
await closeComputePool();
