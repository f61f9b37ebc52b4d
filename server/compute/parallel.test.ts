/**
 * Parallel ops vs their serial functions on seeded random data with NaN: identical results, bit
 * for bit (distances compared with Object.is), including odd sizes and fewer rows than workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, fitGowerRanges, kmeans, mergePeerQueryParts, peerIndex, peerQuery, peerQueryClaimed, preparePeerQuery, silhouette, ward, type Matrix, type VariableSpec } from '../../analytics';
import { createPool, type ComputePool } from './pool';
import { parallelPeerQuery } from './parallel-peer-query';
import { parallelKmeans } from './parallel-kmeans';
import { parallelSilhouette } from './parallel-silhouette';
import { parallelWard } from './parallel-ward';
import { sharedArrays, sharedInt32, sharedMatrix } from './shared';

let pool: ComputePool;
beforeAll(() => { pool = createPool(2); });
afterAll(async () => { await pool.close(); });

/** n × d matrix: clustered normals, a few repeated values (ties), `missing` share of NaN. */
function randomMatrix(seed: number, n: number, d: number, missing = 0.05): Matrix {
  const r = createRandom(seed);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: d }, () => r.normal() * 3));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[r.int(4)];
    for (let j = 0; j < d; j++) data[i * d + j] = r.next() < missing ? NaN : r.next() < 0.1 ? Math.round(c[j]) : c[j] + r.normal();
  }
  return { data, rows: n, cols: d };
}

/** Deep equality where numbers must be the same bits (NaN = NaN, 0 ≠ -0). */
function expectIdentical(a: unknown, b: unknown, path = 'result'): void {
  if (typeof a === 'number') return void expect(Object.is(a, b), `${path}: ${a} vs ${String(b)}`).toBe(true);
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = Array.from(a as ArrayLike<unknown>), y = Array.from(b as ArrayLike<unknown>);
    expect(y.length, `${path}.length`).toBe(x.length);
    return x.forEach((v, i) => expectIdentical(v, y[i], `${path}[${i}]`));
  }
  if (a && typeof a === 'object') {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    return Object.keys(a).forEach((key) => expectIdentical((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`));
  }
  expect(b, path).toEqual(a);
}

const SIZES = [1, 2, 3, 5, 8, 61, 1001];

describe('parallelPeerQuery', () => {
  const kinds = ['numeric', 'ordinal', 'categorical', 'boolean'] as const;
  it('same neighbours, bitwise-equal distances, farthest and count (Gower and Euclidean, weights, masks, predicates)', async () => {
    for (const n of SIZES) {
      const d = 7, m = randomMatrix(n, n, d, 0.15);
      const r = createRandom(100 + n);
      const specs: VariableSpec[] = Array.from({ length: d }, (_, j) => ({ kind: kinds[j % 4], weight: [0, 0.5, 1, 2][r.int(4)] }));
      const ranges = fitGowerRanges(m, specs);
      const mask = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 0 : 1));
      const shared = sharedMatrix(m), index = peerIndex(shared, sharedArrays);
      for (const metric of ['gower', 'euclidean'] as const) {
        for (const opts of [{ k: 1 }, { k: 4, specs, index }, { k: 10, specs, ranges, candidates: mask, index }, { k: 3, candidates: (i: number) => i % 2 === 0 }]) {
          const query = r.next() < 0.25 ? Float64Array.from({ length: d }, () => (r.next() < 0.2 ? NaN : r.normal())) : r.int(n);
          const o = { ...opts, metric };
          expectIdentical(peerQuery(m, query, o), await parallelPeerQuery(shared, query, o, pool), `n=${n} ${metric} k=${o.k}`);
        }
      }
    }
  });
  it('blocks of 1 to 1,000 rows give the serial result (index and careful scan)', async () => {
    const m = sharedMatrix(randomMatrix(5, 20_000, 9, 0.1));
    const index = peerIndex(m, sharedArrays), r = createRandom(6);
    for (let t = 0; t < 8; t++) {
      const opts = { k: 1 + r.int(12), metric: t % 2 === 0 ? 'gower' as const : 'euclidean' as const, index: t < 4 ? index : undefined };
      const query = r.int(m.rows), block = [1, 7, 64, 1000][t % 4];
      expectIdentical(peerQuery(m, query, opts), await parallelPeerQuery(m, query, opts, pool, block), `query ${query} block ${block}`);
    }
  });
  it('a worker and this thread claiming blocks at the same time split the rows and merge to the serial result', async () => {
    const m = sharedMatrix(randomMatrix(7, 20_000, 9, 0.1));
    for (const index of [peerIndex(m, sharedArrays), undefined]) {
      const opts = { k: 9, metric: 'gower' as const, index }, claims = sharedInt32(1);
      const theirs = pool.run('peerQueryClaimed', { m, query: 17, opts, claims, block: 1 });
      while (Atomics.load(claims, 0) === 0) await new Promise(setImmediate); // until the worker has taken a row
      const prepared = preparePeerQuery(m, 17, opts), own = peerQueryClaimed(prepared, claims, 1), other = await theirs;
      expect(own.rows, 'this thread scanned rows').toBeGreaterThan(0);
      expect(other.rows, 'the worker scanned rows').toBeGreaterThan(0);
      expect(own.rows + other.rows).toBe(m.rows);
      expectIdentical(peerQuery(m, 17, opts), mergePeerQueryParts(prepared, [other.part, own.part]));
    }
  });
  it('does not wait for a busy worker: this thread scans every row and answers', async () => {
    const one = createPool(2); // silhouette keeps both workers busy; the query is queued behind it
    const big = sharedMatrix(randomMatrix(9, 2500, 8));
    let busyDone = false;
    const busy = parallelSilhouette(big, Int32Array.from({ length: 2500 }, (_, i) => i % 3), one).then(() => { busyDone = true; });
    const m = randomMatrix(10, 500, 4);
    const got = await parallelPeerQuery(m, 3, { k: 5, metric: 'gower' }, one);
    expect(busyDone).toBe(false);
    expectIdentical(peerQuery(m, 3, { k: 5, metric: 'gower' }), got);
    await expect(parallelPeerQuery(m, 3, { k: 5, metric: 'gower' }, one, 0)).rejects.toThrow('block=0 must be an integer >= 1');
    await busy;
    await one.close();
  });
  it('accepts an unshared matrix and rejects a bad query like the serial function', async () => {
    const m = randomMatrix(7, 50, 4);
    expectIdentical(peerQuery(m, 3, { k: 5, metric: 'gower' }), await parallelPeerQuery(m, 3, { k: 5, metric: 'gower' }, pool));
    await expect(parallelPeerQuery(m, 50, { k: 5, metric: 'gower' }, pool)).rejects.toThrow('row=50 must be an integer in [0, rows=50)');
    await expect(parallelPeerQuery(m, 3, { k: 5, metric: 'gower', index: peerIndex(m) }, pool)).rejects.toThrow('index must live in shared memory');
  });
  it('concurrent queries on one shared index give each its own serial result', async () => {
    const m = sharedMatrix(randomMatrix(8, 3001, 9, 0.2));
    const index = peerIndex(m, sharedArrays);
    const queries = Array.from({ length: 12 }, (_, t) => t * 211);
    const metric = (q: number) => (q % 2 === 0 ? 'gower' : 'euclidean');
    const got = await Promise.all(queries.map((q) => parallelPeerQuery(m, q, { k: 7, metric: metric(q), index }, pool)));
    queries.forEach((q, t) => expectIdentical(peerQuery(m, q, { k: 7, metric: metric(q) }), got[t], `query ${q}`));
  });
  it('prints serial and parallel timings for 100k × 40 (no assertion on time)', async () => {
    const m = sharedMatrix(randomMatrix(1, 100_000, 40, 0.03));
    const ranges = fitGowerRanges(m, Array.from({ length: 40 }, () => ({ kind: 'numeric' })));
    await parallelPeerQuery(m, 0, { k: 10, metric: 'gower', ranges }, pool);
    let t = performance.now();
    const serial = peerQuery(m, 1, { k: 10, metric: 'gower', ranges });
    const ts = performance.now() - t;
    t = performance.now();
    const parallel = await parallelPeerQuery(m, 1, { k: 10, metric: 'gower', ranges }, pool);
    console.log(`peer query 100k×40: serial ${ts.toFixed(1)} ms, this thread + 1 worker ${(performance.now() - t).toFixed(1)} ms`);
    expectIdentical(serial, parallel);
  });
});

describe('parallelKmeans', () => {
  it('same labels, centroids, inertia, history and iterations (k-means++ and given centres, NaN imputed)', async () => {
    for (const n of SIZES) {
      const m = randomMatrix(200 + n, n, 5);
      for (const k of [1, 2, 3, 7].filter((x) => x <= n)) {
        const opts = { k, seed: n + k, maxIter: 40 };
        expectIdentical(kmeans(m, opts), await parallelKmeans(m, opts, pool), `n=${n} k=${k}`);
      }
    }
  });
  it('re-seeds empty clusters identically (duplicate rows, more centres than distinct points)', async () => {
    const m: Matrix = { rows: 9, cols: 2, data: Float64Array.from([0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9]) };
    const init: Matrix = { rows: 5, cols: 2, data: Float64Array.from([0, 0, 0, 0, 5, 5, 100, 100, 9, 9]) };
    expectIdentical(kmeans(m, { k: 5, init }), await parallelKmeans(m, { k: 5, init }, pool));
  });
});

describe('parallelSilhouette', () => {
  it('same mean and per-row values, bit for bit', async () => {
    for (const n of SIZES.filter((x) => x >= 2)) {
      const m = randomMatrix(300 + n, n, 6);
      const r = createRandom(n);
      for (const k of [2, 3, 5]) {
        const labels = Int32Array.from({ length: n }, (_, i) => (i < 2 ? i : r.int(k)));
        expectIdentical(silhouette(m, labels), await parallelSilhouette(m, labels, pool), `n=${n} k=${k}`);
      }
    }
  });
});

describe('parallelWard', () => {
  it('same merges and heights, bit for bit', async () => {
    for (const n of [1, 2, 3, 5, 97, 250, 401, 401, 250]) { // a repeated size may get the last call's n×n matrix back
      const m = randomMatrix(400 + n, n, 5);
      expectIdentical(ward(m), await parallelWard(m, pool), `n=${n}`);
    }
    // The last call left a spare 250×250 matrix: the first of two concurrent calls takes it, and the
    // second must not share it.
    const [a, b] = [randomMatrix(1, 250, 4), randomMatrix(2, 250, 4)];
    const [ra, rb] = await Promise.all([parallelWard(a, pool), parallelWard(b, pool)]);
    expectIdentical(ward(a), ra);
    expectIdentical(ward(b), rb);
  });
});
