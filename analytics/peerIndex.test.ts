import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows } from './matrix';
import { fitGowerRanges, type VariableSpec } from './distance';
import { peerQuery } from './neighbors';
import { peerIndex } from './peerIndex';
import { createRandom } from './random';

/** Same neighbours, same distance bits, same farthest and count. */
function expectSame(a: ReturnType<typeof peerQuery>, b: ReturnType<typeof peerQuery>): void {
  expect(b.neighbors.map((x) => x.index)).toEqual(a.neighbors.map((x) => x.index));
  b.neighbors.forEach((x, t) => { expect(Object.is(x.distance, a.neighbors[t].distance)).toBe(true); expect(x.used).toBe(a.neighbors[t].used); });
  expect(Object.is(b.farthest, a.farthest)).toBe(true);
  expect(b.candidates).toBe(a.candidates);
}

describe('peerIndex', () => {
  it('records missing cells per row, column bounds and fill values', () => {
    const m = fromRows([[1, null, 3], [null, null, 2], [4, 5, 6]]);
    const ix = peerIndex(m);
    expect(Array.from(ix.missStart)).toEqual([0, 1, 3, 3]);
    expect(Array.from(ix.missCol)).toEqual([1, 0, 1]);
    expect(Array.from(ix.fill)).toEqual([2.5, 5, 11 / 3]);
    expect(Array.from(ix.lo)).toEqual([1, 5, 2]);
    expect(Array.from(ix.hi)).toEqual([4, 5, 6]);
    expect(ix.filled.some((v) => Number.isNaN(v))).toBe(false);
  });
  it('property: queries with the index are bit-identical to the careful scan, query after query (mixed kinds, NaN, weights, ±Infinity, outside ranges, candidate masks and predicates)', () => {
    const kinds = ['numeric', 'categorical', 'ordinal', 'boolean'] as const;
    const cell = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -3, max: 6 }) }, { weight: 3, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity) });
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(0, 0.3, 1, 2)), { minLength: 1, maxLength: 9 }).chain((sp) =>
        fc.tuple(fc.constant(sp), fc.array(fc.array(cell, { minLength: sp.length, maxLength: sp.length }), { minLength: 1, maxLength: 30 }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4 }))),
      ([sp, rows, queries]) => {
        const specs: VariableSpec[] = sp.map(([kind, weight]) => ({ kind, weight }));
        const m = fromRows(rows);
        const index = peerIndex(m);
        for (const [q0, k, fitted, external, only] of queries) {
          const ranges = fitted ? fitGowerRanges(m, specs) : specs.map((_, j) => 1 + j); // narrow given ranges make the clamp bind
          const query = external ? Float64Array.from(specs, (_, j) => (j % 3 === 0 ? NaN : q0 % 7 - 2)) : q0 % m.rows;
          for (const metric of ['gower', 'euclidean'] as const) {
            const candidates = only === 1 ? Uint8Array.from(rows, (_, i) => (i % 3 === 1 ? 0 : 1)) : only === 2 ? (i: number) => i % 2 === 0 : undefined;
            const opts = { k, metric, specs, ranges, candidates };
            expectSame(peerQuery(m, query, opts), peerQuery(m, query, { ...opts, index }));
          }
        }
      }), { numRuns: 300 });
  });
  it('±Infinity in the data: the careful scan answers (found by the property below)', () => {
    const specs = (['boolean', 'ordinal', 'numeric', 'ordinal', 'boolean', 'boolean'] as const).map((kind, j) => ({ kind, weight: j === 2 ? 2 : j === 3 ? 0 : 1 }));
    const m = fromRows([[null, 5e-324, 0, Infinity, Infinity, null], [null, 0, 0, 0, 0, 0], [0, null, 0, 0, 0, Infinity]]);
    const index = peerIndex(m);
    expect(index.finite).toBe(false);
    const opts = { k: 1, metric: 'gower' as const, specs, ranges: fitGowerRanges(m, specs) };
    expectSame(peerQuery(m, 0, opts), peerQuery(m, 0, { ...opts, index }));
    expect(peerQuery(m, 0, { ...opts, index }).neighbors[0]).toMatchObject({ index: 2, used: 2 });
  });
  it('large random data: identical with and without the index', () => {
    const r = createRandom(9);
    const m = fromRows(Array.from({ length: 3001 }, () => Array.from({ length: 13 }, () => (r.next() < 0.1 ? null : r.normal()))));
    const index = peerIndex(m);
    for (let q = 0; q < 40; q++) for (const metric of ['gower', 'euclidean'] as const) expectSame(peerQuery(m, q * 71, { k: 10, metric }), peerQuery(m, q * 71, { k: 10, metric, index }));
  });
  it('far outliers make the fill terms huge: rows whose rounding could matter are recomputed (same bits, same ties)', () => {
    const r = createRandom(4);
    // Columns whose mean (the fill) is far out, pulled there by one outlier: a Euclidean row missing
    // there adds a term near 2^52 and takes it off again, so its sum is off by up to about ±1 (ulp 1), both ways.
    const rows = Array.from({ length: 2003 }, (_, i) => Array.from({ length: 9 }, (_, j) =>
      i === 7 && j < 4 ? -(2 ** 26) * 1600 : r.next() < 0.2 ? null : r.int(3) + (j === 8 ? r.next() : 0)));
    const m = fromRows(rows);
    const index = peerIndex(m);
    expect(Math.abs(index.fill[0] / 2 ** 26 + 1)).toBeLessThan(0.1);
    const specs: VariableSpec[] = Array.from({ length: 9 }, (_, j) => ({ kind: j === 5 ? 'categorical' : 'numeric', weight: j === 6 ? 3 : 1 }));
    for (let q = 0; q < 60; q++) {
      for (const metric of ['gower', 'euclidean'] as const) {
        for (const k of [1, 5, 40]) expectSame(peerQuery(m, q * 29, { k, metric, specs }), peerQuery(m, q * 29, { k, metric, specs, index }));
      }
    }
  });
  it('a huge value in a column the query lacks: (0 − b)²·0 overflows to NaN in the sums, the careful scan answers (rows were lost before)', () => {
    const m = fromRows([[0, 1e200, 2, 1], [1, 1e200, 3, 2], [null, null, 2, 1], [1, 5, 2, 1], [2, 1e200, 2, 1]]);
    const q = Float64Array.from([0, NaN, 2, 1]);
    const got = peerQuery(m, q, { k: 3, metric: 'euclidean', index: peerIndex(m) });
    expectSame(peerQuery(m, q, { k: 3, metric: 'euclidean' }), got);
    expect(got.candidates).toBe(5);
  });
  it('rejects an index of another shape', () => {
    const m = fromRows([[1], [2]]);
    expect(() => peerQuery(m, 0, { k: 1, metric: 'gower', index: peerIndex(fromRows([[1, 2]])) })).toThrow('index is 1x2, must match the matrix 2x1');
  });
});
