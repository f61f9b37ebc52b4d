import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows } from './matrix';
import { gowerMatrix } from './distance';
import { kmedoids } from './kmedoids';

function dist1d(xs: number[]): Float64Array {
  const n = xs.length, d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = Math.abs(xs[i] - xs[j]);
  return d;
}

describe('kmedoids', () => {
  it('hand case on a line', () => {
    const xs = [0, 1, 2, 10, 11, 12];
    const r = kmedoids(dist1d(xs), 6, { k: 2 });
    expect(Array.from(r.medoids).sort((a, b) => a - b)).toEqual([1, 4]);
    expect(r.cost).toBe(4);
    expect(r.labels[0]).toBe(r.labels[2]); expect(r.labels[3]).toBe(r.labels[5]); expect(r.labels[0]).not.toBe(r.labels[3]);
  });
  it('works on a gower matrix of mixed data', () => {
    const m = fromRows([[0, 1], [0.1, 1], [5, 0], [5.2, 0]]);
    const r = kmedoids(gowerMatrix(m, [{ kind: 'numeric' }, { kind: 'boolean' }]), 4, { k: 2 });
    expect(r.labels[0]).toBe(r.labels[1]); expect(r.labels[2]).toBe(r.labels[3]); expect(r.labels[0]).not.toBe(r.labels[2]);
  });
  it('throws with rule and values', () => {
    expect(() => kmedoids(dist1d([1, 2, 3]), 3, { k: 4 })).toThrow('k=4 must be <= rows=3');
    expect(() => kmedoids(new Float64Array(3), 3, { k: 1 })).toThrow('distance matrix length=3 must equal n*n=9');
  });
  it('property: deterministic and never worse than brute force + cost matches labels', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 9 }), fc.integer({ min: 1, max: 3 }), (xs, k) => {
      const D = dist1d(xs), n = xs.length;
      const a = kmedoids(D, n, { k }), b = kmedoids(D, n, { k });
      expect(Array.from(a.medoids)).toEqual(Array.from(b.medoids));
      let c = 0;
      for (let i = 0; i < n; i++) c += D[i * n + a.medoids[a.labels[i]]];
      expect(a.cost).toBeCloseTo(c, 9);
      // brute force optimum over all k-subsets
      let best = Infinity;
      const rec = (start: number, chosen: number[]) => {
        if (chosen.length === k) { let s = 0; for (let i = 0; i < n; i++) s += Math.min(...chosen.map((m) => D[i * n + m])); best = Math.min(best, s); return; }
        for (let t = start; t < n; t++) rec(t + 1, [...chosen, t]);
      };
      rec(0, []);
      expect(a.cost).toBeGreaterThanOrEqual(best - 1e-9);
    }));
  });
});
