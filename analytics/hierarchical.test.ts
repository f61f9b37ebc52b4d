import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, hasMissing, imputeMean, selectRows, type Matrix } from './matrix';
import { sqDist } from './kernels';
import { createRandom } from './random';
import { cutTree, toTree, ward, type Merge, type WardResult } from './hierarchical';

describe('ward', () => {
  it('matches scipy linkage(X, "ward") on 5 points', () => {
    const X = fromRows([[0, 0], [1, 0], [5, 0], [5, 2], [10, 1]]);
    const { merges } = ward(X);
    // scipy: [[0,1,1,2],[2,3,2,2],[4,6,5.77350269,3],[5,7,9.67815409,5]]
    expect(merges.map((z) => [z.a, z.b, z.size])).toEqual([[0, 1, 2], [2, 3, 2], [4, 6, 3], [5, 7, 5]]);
    const h = merges.map((z) => z.height);
    expect(h[0]).toBeCloseTo(1, 8); expect(h[1]).toBeCloseTo(2, 8);
    expect(h[2]).toBeCloseTo(5.77350269, 7); expect(h[3]).toBeCloseTo(9.67815409, 7);
  });
  it('cutTree and toTree', () => {
    const X = fromRows([[0, 0], [1, 0], [5, 0], [5, 2], [10, 1]]);
    const { merges } = ward(X);
    expect(Array.from(cutTree(merges, 5, 2))).toEqual([0, 0, 1, 1, 1]);
    expect(Array.from(cutTree(merges, 5, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(cutTree(merges, 5, 1))).toEqual([0, 0, 0, 0, 0]);
    const t = toTree(merges, 5);
    expect(t.id).toBe(8); expect(t.size).toBe(5);
    expect(t.children![0].id).toBe(5); expect(t.children![1].id).toBe(7);
    expect(() => cutTree(merges, 5, 6)).toThrow('k=6 must be <= rows=5');
  });
  it('single row', () => {
    expect(ward(fromRows([[1, 2]])).merges).toEqual([]);
    expect(toTree([], 1)).toEqual({ id: 0, height: 0, size: 1, index: 0 });
  });
  it('property: full-matrix norms-trick version equals the condensed direct reference (NaN, duplicates)', () => {
    const cell = fc.option(fc.integer({ min: -5000, max: 5000 }).map((v) => v / 100), { nil: null, freq: 10 });
    const rowArb = fc.tuple(fc.array(cell, { minLength: 4, maxLength: 4 }), fc.boolean());
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (spec) => {
      const m = fromRows(spec.map((s, i) => (s[1] && i > 0 ? spec[i - 1][0] : s[0])));
      const got = ward(m).merges, want = wardReference(m).merges;
      expect(got.map((z) => [z.a, z.b, z.size])).toEqual(want.map((z) => [z.a, z.b, z.size]));
      got.forEach((z, t) => expect(Math.abs(z.height - want[t].height)).toBeLessThanOrEqual(1e-9 * (1 + want[t].height)));
    }), { numRuns: 200 });
  });
  it('tiled 4×3 norms-trick fill (n > tile) equals the condensed direct reference, with NaN and duplicates', () => {
    for (const seed of [1, 2, 3]) {
      const r = createRandom(seed);
      const rows: (number | null)[][] = [];
      for (let i = 0; i < 230; i++) {
        if (i > 0 && r.next() < 0.05) { rows.push(rows[i - 1].slice()); continue; }
        const c = r.int(4) * 5;
        rows.push(Array.from({ length: 6 }, () => (r.next() < 0.05 ? null : Math.round((c + r.normal()) * 1000) / 1000)));
      }
      const m = fromRows(rows);
      const got = ward(m).merges, want = wardReference(m).merges;
      expect(got.map((z) => [z.a, z.b, z.size])).toEqual(want.map((z) => [z.a, z.b, z.size]));
      got.forEach((z, t) => expect(Math.abs(z.height - want[t].height)).toBeLessThanOrEqual(1e-9 * (1 + want[t].height)));
    }
  });
  it('property: heights non-decreasing; permuting rows permutes the cut labels only', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 4, maxLength: 30 }),
      fc.integer(),
      (pts, seed) => {
        const m = fromRows(pts.map(([c, x, y]) => [c * 100 + x, y]));
        const n = m.rows;
        const { merges } = ward(m);
        for (let t = 1; t < merges.length; t++) expect(merges[t].height).toBeGreaterThanOrEqual(merges[t - 1].height - 1e-9);
        const groups = new Set(pts.map((p) => p[0])).size;
        const perm = Array.from({ length: n }, (_, i) => i);
        let s = seed >>> 0;
        for (let i = n - 1; i > 0; i--) { s = (s * 1103515245 + 12345) >>> 0; const j = s % (i + 1); [perm[i], perm[j]] = [perm[j], perm[i]]; }
        const a = cutTree(merges, n, groups);
        const b = cutTree(ward(selectRows(m, perm)).merges, n, groups);
        // same partition after permutation (labels renamed by first appearance)
        const f = new Map<number, number>();
        perm.forEach((p, i) => { const want = f.get(a[p]) ?? b[i]; expect(b[i]).toBe(want); f.set(a[p], b[i]); });
        // and it recovers the well-separated groups
        pts.forEach((p, i) => pts.forEach((q, j) => expect(a[i] === a[j]).toBe(p[0] === q[0])));
      }));
  });
});

/** The original condensed-matrix NN-chain (direct sqDist), kept as the oracle for the fast version. */
function wardReference(m: Matrix): WardResult {
  const n = m.rows, d = m.cols;
  if (n < 1) throw new RangeError(`rows=${n} must be >= 1`);
  if (n > 46000) throw new RangeError(`rows=${n} must be <= 46000 (condensed matrix would exceed memory)`);
  const X = hasMissing(m) ? imputeMean(m).data : m.data;
  const D = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0, p = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++, p++) D[p] = sqDist(X, oi, X, j * d, d);
  }
  const size = new Float64Array(n).fill(1);
  const active = new Int32Array(n);
  for (let i = 0; i < n; i++) active[i] = i;
  let nActive = n;
  const chain = new Int32Array(n);
  let chainLen = 0;
  const raw: { x: number; y: number; dist: number; size: number; order: number }[] = [];
  const rowBase = (i: number) => i * n - (i * (i + 1)) / 2 - i - 1;

  for (let step = 0; step < n - 1; step++) {
    if (chainLen === 0) chain[chainLen++] = active[0];
    let x = 0, y = 0, currentMin = Infinity;
    for (;;) {
      x = chain[chainLen - 1];
      if (chainLen >= 2) { y = chain[chainLen - 2]; currentMin = D[x < y ? rowBase(x) + y : rowBase(y) + x]; }
      else currentMin = Infinity;
      const bx = rowBase(x);
      for (let t = 0; t < nActive; t++) {
        const i = active[t];
        if (i === x) continue;
        const v = D[i < x ? rowBase(i) + x : bx + i];
        if (v < currentMin) { currentMin = v; y = i; }
      }
      if (chainLen >= 2 && y === chain[chainLen - 2]) break;
      chain[chainLen++] = y;
    }
    chainLen -= 2;
    if (x > y) { const t = x; x = y; y = t; }
    const nx = size[x], ny = size[y];
    raw.push({ x, y, dist: currentMin, size: nx + ny, order: step });
    size[x] = 0; size[y] = nx + ny;
    // remove x from the sorted active list
    let pos = 0;
    while (active[pos] !== x) pos++;
    active.copyWithin(pos, pos + 1, nActive);
    nActive--;
    const bxr = rowBase(x), byr = rowBase(y);
    for (let t = 0; t < nActive; t++) {
      const i = active[t];
      if (i === y) continue;
      const ni = size[i];
      const ix = i < x ? rowBase(i) + x : bxr + i;
      const iy = i < y ? rowBase(i) + y : byr + i;
      D[iy] = ((ni + nx) * D[ix] + (ni + ny) * D[iy] - ni * currentMin) / (ni + nx + ny);
    }
  }
  raw.sort((p, q) => p.dist - q.dist || p.order - q.order);
  // relabel with union-find (as scipy's `label`)
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    while (parent[i] !== r) { const nx2 = parent[i]; parent[i] = r; i = nx2; }
    return r;
  };
  const merges: Merge[] = [];
  let next = n;
  for (const z of raw) {
    const xr = find(z.x), yr = find(z.y);
    merges.push({ a: Math.min(xr, yr), b: Math.max(xr, yr), height: Math.sqrt(Math.max(0, z.dist)), size: z.size });
    parent[xr] = next; parent[yr] = next; next++;
  }
  return { merges };
}
