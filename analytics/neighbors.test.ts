import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, row } from './matrix';
import { fitGowerRanges, gower, weightedEuclidean, type VariableSpec } from './distance';
import { explainPair, nearestNeighbors, peerQuery, peerSimilarity } from './neighbors';
import { createRandom } from './random';

describe('nearestNeighbors', () => {
  const m = fromRows([[0, 0], [1, 0], [0, 2], [5, 5], [1, 1], [NaN, 0]]);
  it('euclidean, excludes self, sorted, ties by index', () => {
    const res = nearestNeighbors(m, 0, { k: 3, metric: 'euclidean' });
    // distances: 1:1, 2:2, 3:√50, 4:√2, 5: missing col0 → √(0·2)=0
    expect(res.map((r) => r.index)).toEqual([5, 1, 4]);
    expect(res[0]).toEqual({ index: 5, distance: 0, used: 1 });
    expect(res[2].distance).toBeCloseTo(Math.SQRT2, 12);
  });
  it('tie-break by index', () => {
    const t = fromRows([[0], [1], [-1], [1], [-1]]);
    expect(nearestNeighbors(t, 0, { k: 4, metric: 'euclidean' }).map((r) => r.index)).toEqual([1, 2, 3, 4]);
  });
  it('candidates mask and predicate', () => {
    const a = nearestNeighbors(m, 0, { k: 2, metric: 'euclidean', candidates: (i) => i >= 2 });
    expect(a.map((r) => r.index)).toEqual([5, 4]);
    const mask = Uint8Array.of(1, 0, 1, 1, 0, 0);
    expect(nearestNeighbors(m, 0, { k: 5, metric: 'euclidean', candidates: mask }).map((r) => r.index)).toEqual([2, 3]);
  });
  it('k larger than candidates returns all; k invalid throws', () => {
    expect(nearestNeighbors(m, 0, { k: 100, metric: 'gower' }).length).toBe(5);
    expect(() => nearestNeighbors(m, 0, { k: 0, metric: 'gower' })).toThrow('k=0 must be an integer >= 1');
    expect(() => nearestNeighbors(m, 9, { k: 1, metric: 'gower' })).toThrow('row=9 must be an integer in [0, rows=6)');
  });
  it('property: matches brute force gower/euclidean', () => {
    const specs: VariableSpec[] = [{ kind: 'numeric' }, { kind: 'categorical' }, { kind: 'ordinal', weight: 2 }];
    const cell = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), (rows, k) => {
      const mm = fromRows(rows);
      const ranges = fitGowerRanges(mm, specs);
      for (const metric of ['gower', 'euclidean'] as const) {
        const got = nearestNeighbors(mm, 0, { k, metric, specs, ranges });
        const brute: { index: number; distance: number; used: number }[] = [];
        for (let i = 1; i < mm.rows; i++) {
          const g = metric === 'gower' ? gower(row(mm, 0), row(mm, i), specs, ranges) : weightedEuclidean(row(mm, 0), row(mm, i), specs.map((s) => s.weight ?? 1));
          if (!Number.isNaN(g.distance)) brute.push({ index: i, distance: g.distance, used: g.used });
        }
        brute.sort((a, b) => a.distance - b.distance || a.index - b.index);
        const want = brute.slice(0, k);
        // Same distances in the same order; among (floating-point) ties any index may come first.
        expect(got.length).toBe(want.length);
        got.forEach((r, t) => {
          expect(r.distance).toBeCloseTo(want[t].distance, 10);
          const exact = brute.find((b) => b.index === r.index)!;
          expect(r.distance).toBeCloseTo(exact.distance, 10);
          expect(r.used).toBe(exact.used);
        });
      }
    }), { numRuns: 150 });
  });
  it('property: 4-row blocked scan over column runs matches brute force (9 mixed cols, NaN, weights, masks)', () => {
    const kinds = ['numeric', 'categorical', 'ordinal', 'boolean'] as const;
    const specArb = fc.array(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(0, 0.5, 1, 2)), { minLength: 9, maxLength: 9 });
    const cell = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 5 });
    fc.assert(fc.property(specArb, fc.array(fc.array(cell, { minLength: 9, maxLength: 9 }), { minLength: 2, maxLength: 40 }),
      fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 39 }), fc.boolean(), (sp, rows, k, q0, useMask) => {
        const specs: VariableSpec[] = sp.map(([kind, weight]) => ({ kind, weight }));
        const mm = fromRows(rows);
        const q = q0 % mm.rows;
        const ranges = fitGowerRanges(mm, specs);
        const mask = useMask ? Uint8Array.from({ length: mm.rows }, (_, i) => (i % 3 === 0 ? 0 : 1)) : undefined;
        for (const metric of ['gower', 'euclidean'] as const) {
          const got = peerQuery(mm, q, { k, metric, specs, ranges, candidates: mask });
          const brute = [];
          for (let i = 0; i < mm.rows; i++) {
            if (i === q || (mask && mask[i] === 0)) continue;
            const g = metric === 'gower' ? gower(row(mm, q), row(mm, i), specs, ranges) : weightedEuclidean(row(mm, q), row(mm, i), specs.map((s) => s.weight ?? 1));
            if (!Number.isNaN(g.distance)) brute.push({ index: i, distance: g.distance, used: g.used });
          }
          brute.sort((a, b) => a.distance - b.distance || a.index - b.index);
          expect(got.candidates).toBe(brute.length);
          if (brute.length > 0) expect(got.farthest).toBeCloseTo(brute[brute.length - 1].distance, 10);
          const want = brute.slice(0, k);
          expect(got.neighbors.map((r) => r.distance).map((v) => v.toFixed(9))).toEqual(want.map((r) => r.distance.toFixed(9)));
        }
      }), { numRuns: 300 });
  });
  it('larger random data agrees with brute force ordering', () => {
    const r = createRandom(5);
    const rows = Array.from({ length: 500 }, () => Array.from({ length: 6 }, () => (r.next() < 0.05 ? null : r.normal())));
    const mm = fromRows(rows);
    const { neighbors, farthest, candidates } = peerQuery(mm, 3, { k: 10, metric: 'gower' });
    expect(candidates).toBe(499);
    expect(neighbors.length).toBe(10);
    for (let t = 1; t < 10; t++) expect(neighbors[t].distance >= neighbors[t - 1].distance).toBe(true);
    expect(farthest >= neighbors[9].distance).toBe(true);
  });
});

describe('peerSimilarity and explainPair', () => {
  it('farthest = 0, identical = 1', () => {
    const s = peerSimilarity([{ index: 1, distance: 0 }, { index: 2, distance: 0.2 }, { index: 3, distance: 0.8 }], 0.8);
    expect(s.map((x) => x.similarity)).toEqual([1, 0.75, 0]);
    expect(peerSimilarity([{ distance: 0 }], 0)[0].similarity).toBe(1);
  });
  it('explains a pair: similarities ascending, differences descending', () => {
    const specs: VariableSpec[] = [{ kind: 'numeric' }, { kind: 'numeric' }, { kind: 'categorical' }, { kind: 'numeric' }];
    const e = explainPair(Float64Array.of(0, 0, 1, NaN), Float64Array.of(1, 0.5, 2, 3), specs, [2, 1, 1, 1], undefined, ['a', 'b', 'c', 'd'], 2);
    expect(e.used).toBe(3);
    expect(e.missing).toEqual([3]);
    expect(e.similarities.map((x) => x.name)).toEqual(['a', 'b']); // 0.5/3 each, tie by index
    expect(e.differences.map((x) => x.name)).toEqual(['c', 'b']);
    expect(e.items.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(e.distance, 12);
  });
});
