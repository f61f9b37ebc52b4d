import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, imputeMean } from './matrix';
import { chooseK } from './chooseK';
import { silhouette, silhouetteFromDistances } from './silhouette';

describe('silhouette', () => {
  it('two well-separated pairs (hand computed)', () => {
    const m = fromRows([[0], [1], [10], [11]]);
    const r = silhouette(m, [0, 0, 1, 1]);
    // row 0: a = 1, b = (10 + 11)/2 = 10.5 → 9.5/10.5
    expect(r.perRow[0]).toBeCloseTo(9.5 / 10.5, 12);
    expect(r.perRow[1]).toBeCloseTo((9.5 - 1) / 9.5, 12);
    expect(r.mean).toBeCloseTo((2 * 9.5 / 10.5 + 2 * 8.5 / 9.5) / 4, 12);
  });
  it('singleton cluster scores 0; from distances agrees', () => {
    const m = fromRows([[0], [1], [10]]);
    const r = silhouette(m, [0, 0, 1]);
    expect(r.perRow[2]).toBe(0);
    const D = Float64Array.of(0, 1, 10, 1, 0, 9, 10, 9, 0);
    expect(Array.from(silhouetteFromDistances(D, 3, [0, 0, 1]).perRow)).toEqual(Array.from(r.perRow));
  });
  it('needs two clusters', () => {
    expect(() => silhouette(fromRows([[0], [1]]), [0, 0])).toThrow('number of clusters=1 must be >= 2');
  });
  it('property: in [-1,1], odd/even row counts agree with the distance-matrix version', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: 0, max: 2 })), { minLength: 3, maxLength: 25 }), (pts) => {
      const labels = pts.map((p) => p[2]);
      if (new Set(labels).size < 2) return;
      const m = fromRows(pts.map((p) => [p[0], p[1]]));
      const n = m.rows, D = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) D[i * n + j] = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
      const a = silhouette(m, labels), b = silhouetteFromDistances(D, n, labels);
      for (let i = 0; i < n; i++) { expect(a.perRow[i] >= -1 && a.perRow[i] <= 1).toBe(true); expect(a.perRow[i]).toBeCloseTo(b.perRow[i], 9); }
    }));
  });
  it('property: blocked norms-trick path equals direct distances (NaN, duplicates, 5 cols)', () => {
    // values on a 1e-3 grid (squares of ~1e-160 differences would underflow: out of scope)
    const cell = fc.option(fc.integer({ min: -50000, max: 50000 }).map((v) => v / 1000), { nil: null, freq: 10 });
    const rowArb = fc.tuple(fc.array(cell, { minLength: 5, maxLength: 5 }), fc.integer({ min: 0, max: 3 }), fc.boolean());
    fc.assert(fc.property(fc.array(rowArb, { minLength: 3, maxLength: 60 }), (spec) => {
      const labels = spec.map((s) => s[1]);
      if (new Set(labels).size < 2) return;
      // some rows duplicate their predecessor (distance 0 / tiny distances go through the exact path)
      const rows = spec.map((s, i) => (s[2] && i > 0 ? spec[i - 1][0] : s[0]));
      const m = fromRows(rows);
      const X = imputeMean(m), n = m.rows, d = m.cols, D = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) { const v = X.data[i * d + t] - X.data[j * d + t]; s += v * v; }
        D[i * n + j] = Math.sqrt(s);
      }
      const a = silhouette(m, labels), b = silhouetteFromDistances(D, n, labels);
      for (let i = 0; i < n; i++) expect(Math.abs(a.perRow[i] - b.perRow[i])).toBeLessThan(1e-9);
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(1e-9);
    }), { numRuns: 200 });
  });
  it('chooseK finds 3 well-separated blobs', () => {
    const rows: number[][] = [];
    for (let c = 0; c < 3; c++) for (let i = 0; i < 20; i++) rows.push([c * 50 + (i % 5), c * 30 + Math.floor(i / 5)]);
    const r = chooseK(fromRows(rows), { kMin: 2, kMax: 5, seed: 1 });
    expect(r.k).toBe(3);
    expect(r.scores.map((s) => s.k)).toEqual([2, 3, 4, 5]);
  });
});
