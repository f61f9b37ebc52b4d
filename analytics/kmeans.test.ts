import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, imputeMean, selectRows } from './matrix';
import { sqDist } from './kernels';
import { kmeans } from './kmeans';

const samePartition = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const f = new Map<number, number>(), g = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((f.get(a[i]) ?? b[i]) !== b[i] || (g.get(b[i]) ?? a[i]) !== a[i]) return false;
    f.set(a[i], b[i]); g.set(b[i], a[i]);
  }
  return true;
};

describe('kmeans', () => {
  it('4 points with explicit init: known centroids and inertia', () => {
    const m = fromRows([[0, 0], [0, 2], [10, 0], [10, 2]]);
    const r = kmeans(m, { k: 2, init: fromRows([[0, 0], [10, 0]]) });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(r.centroids.data)).toEqual([0, 1, 10, 1]);
    expect(r.inertia).toBe(4);
    expect(r.converged).toBe(true);
    expect(r.inertiaHistory.at(-1)).toBeCloseTo(4, 10);
  });
  it('imputes NaN with the column mean', () => {
    const r = kmeans(fromRows([[0], [1], [NaN], [10], [11]]), { k: 2, init: fromRows([[0], [10]]) });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1, 1]); // NaN → column mean 5.5, nearer to the init centroid 10
  });
  it('re-seeds an empty cluster with the farthest row', () => {
    const r = kmeans(fromRows([[0], [1], [2], [100]]), { k: 2, init: fromRows([[0], [1000]]) });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1]);
    expect(r.inertia).toBeCloseTo(2, 12);
  });
  it('invalid args throw with rule and values', () => {
    const m = fromRows(Array.from({ length: 9 }, (_, i) => [i]));
    expect(() => kmeans(m, { k: 12 })).toThrow('k=12 must be <= rows=9');
    expect(() => kmeans(m, { k: 2, init: fromRows([[0]]) })).toThrow('init is 1x1, must be k x cols = 2x1');
  });
  const data = fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 2 }), { minLength: 4, maxLength: 40 });
  it('property: inertiaHistory never increases; same seed ⇒ identical output', () => {
    fc.assert(fc.property(data, fc.integer({ min: 1, max: 4 }), fc.integer(), (rows, k, seed) => {
      const m = fromRows(rows);
      const a = kmeans(m, { k, seed }), b = kmeans(m, { k, seed });
      expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
      expect(a.inertia).toBe(b.inertia);
      for (let t = 1; t < a.inertiaHistory.length; t++) expect(a.inertiaHistory[t]).toBeLessThanOrEqual(a.inertiaHistory[t - 1] * (1 + 1e-9) + 1e-9);
      let brute = 0;
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < 2; j++) brute += (m.data[i * 2 + j] - a.centroids.data[a.labels[i] * 2 + j]) ** 2;
      expect(a.inertia).toBeCloseTo(brute, 6);
    }));
  });
  it('property: permuting rows permutes labels only (explicit init)', () => {
    fc.assert(fc.property(data, fc.integer({ min: 1, max: 3 }), fc.integer(), (rows, k, seed) => {
      const m = fromRows(rows);
      const init = selectRows(m, Array.from({ length: k }, (_, i) => i));
      const perm = Array.from({ length: m.rows }, (_, i) => i);
      let s = seed >>> 0;
      for (let i = perm.length - 1; i > 0; i--) { s = (s * 1103515245 + 12345) >>> 0; const j = s % (i + 1); [perm[i], perm[j]] = [perm[j], perm[i]]; }
      const a = kmeans(m, { k, init, tol: 0 });
      const b = kmeans(selectRows(m, perm), { k, init, tol: 0 });
      expect(Array.from(perm, (p) => a.labels[p])).toEqual(Array.from(b.labels));
      expect(samePartition(Array.from(perm, (p) => a.labels[p]), b.labels)).toBe(true);
    }));
  });
  it('property: 3-centroid scan equals one sqDist per centroid (ties to lowest index, NaN, any k and d)', () => {
    const cell = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 8 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 8, maxLength: 40 }),
      (d, k, raw) => {
        const m = fromRows(raw.map((r) => r.slice(0, d)));
        const X = imputeMean(m);
        const init = selectRows(X, Array.from({ length: k }, (_, c) => c));
        const want = new Int32Array(m.rows), count = new Int32Array(k);
        for (let i = 0; i < m.rows; i++) {
          let bd = Infinity;
          for (let c = 0; c < k; c++) { const v = sqDist(X.data, i * d, init.data, c * d, d); if (v < bd) { bd = v; want[i] = c; } }
          count[want[i]]++;
        }
        if (count.includes(0)) return; // an empty cluster would be re-seeded: not a pure assignment
        expect(Array.from(kmeans(m, { k, init, maxIter: 1 }).labels)).toEqual(Array.from(want));
      }), { numRuns: 200 });
  });
  it('larger data: Hamerly result equals brute-force Lloyd fixed point', () => {
    const rows: number[][] = [];
    let s = 1;
    const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
    for (let i = 0; i < 600; i++) rows.push([rnd() * 10 + (i % 3) * 8, rnd() * 10, rnd()]);
    const m = fromRows(rows);
    const r = kmeans(m, { k: 5, seed: 3, tol: 0 });
    // every row is assigned to its nearest centroid
    for (let i = 0; i < m.rows; i++) {
      let best = 0, bd = Infinity;
      for (let c = 0; c < 5; c++) {
        let dd = 0;
        for (let j = 0; j < 3; j++) dd += (m.data[i * 3 + j] - r.centroids.data[c * 3 + j]) ** 2;
        if (dd < bd) { bd = dd; best = c; }
      }
      expect(r.labels[i]).toBe(best);
    }
  });
});
