import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, selectRows } from './matrix';
import { cutTree, toTree, ward } from './hierarchical';

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
