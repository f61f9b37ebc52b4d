import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, row } from './matrix';
import { fitGowerRanges, gower, gowerMatrix, weightedEuclidean, type VariableSpec } from './distance';

const specs: VariableSpec[] = [{ kind: 'numeric' }, { kind: 'ordinal' }, { kind: 'categorical' }, { kind: 'boolean', weight: 2 }];

describe('gower', () => {
  const m = fromRows([[0, 1, 3, 1], [10, 3, 3, 0], [5, null, 7, 1]]);
  const ranges = fitGowerRanges(m, specs);
  it('fits ranges for numeric/ordinal only', () => {
    expect(Array.from(ranges)).toEqual([10, 2, 1, 1]);
  });
  it('hand-computed mixed kinds', () => {
    // rows 0,1: numeric 10/10 = 1, ordinal 2/2 = 1, categorical 0, boolean 1 (weight 2) → (1+1+0+2)/5
    const g = gower(row(m, 0), row(m, 1), specs, ranges);
    expect(g.distance).toBeCloseTo(4 / 5, 12);
    expect(g.used).toBe(4);
    expect(Array.from(g.contributions!)).toEqual([0.2, 0.2, 0, 0.4]);
  });
  it('skips a missing value', () => {
    // rows 0,2: numeric 0.5, ordinal missing, categorical 1, boolean 0 → (0.5+1+0)/(1+1+2)
    const g = gower(row(m, 0), row(m, 2), specs, ranges);
    expect(g.distance).toBeCloseTo(1.5 / 4, 12);
    expect(g.used).toBe(3);
    expect(Number.isNaN(g.contributions![1])).toBe(true);
    const sum = g.contributions!.reduce((s, v) => (Number.isNaN(v) ? s : s + v), 0);
    expect(sum).toBeCloseTo(g.distance, 12);
  });
  it('no shared variable → NaN distance, used 0', () => {
    const g = gower(Float64Array.of(NaN, 1, 1, 1), Float64Array.of(1, NaN, NaN, NaN), specs, ranges);
    expect(g.used).toBe(0); expect(Number.isNaN(g.distance)).toBe(true);
  });
  it('explicit weights override spec weights', () => {
    const g = gower(row(m, 0), row(m, 1), specs, ranges, [0, 0, 0, 1]);
    expect(g.distance).toBe(1); expect(g.used).toBe(1);
  });
  it('gowerMatrix is symmetric with zero diagonal and matches gower()', () => {
    const D = gowerMatrix(m, specs);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      expect(D[i * 3 + j]).toBe(D[j * 3 + i]);
      if (i === j) expect(D[i * 3 + j]).toBe(0);
      else expect(D[i * 3 + j]).toBeCloseTo(gower(row(m, i), row(m, j), specs, ranges).distance, 12);
    }
  });
  it('errors state rule and values', () => {
    expect(() => fitGowerRanges(m, specs.slice(0, 2))).toThrow('specs.length=2 must equal cols=4');
  });
  it('property: in [0,1], symmetric, zero diagonal (with missing values)', () => {
    const cell = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null, freq: 5 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 12 }), (rows) => {
      const mm = fromRows(rows);
      const r = fitGowerRanges(mm, specs);
      const D = gowerMatrix(mm, specs);
      const n = mm.rows;
      for (let i = 0; i < n; i++) {
        expect(D[i * n + i]).toBe(0);
        for (let j = 0; j < n; j++) {
          const v = D[i * n + j];
          expect(v >= 0 && v <= 1).toBe(true);
          expect(v).toBe(D[j * n + i]);
          const g = gower(row(mm, i), row(mm, j), specs, r).distance;
          if (!Number.isNaN(g)) { expect(g >= 0 && g <= 1).toBe(true); expect(g).toBeCloseTo(gower(row(mm, j), row(mm, i), specs, r).distance, 12); }
        }
      }
    }));
  });
});

describe('weightedEuclidean', () => {
  it('3-4-5 with contributions summing to the distance', () => {
    const e = weightedEuclidean(Float64Array.of(0, 0), Float64Array.of(3, 4));
    expect(e.distance).toBe(5); expect(e.used).toBe(2);
    expect(e.contributions![0] + e.contributions![1]).toBeCloseTo(5, 12);
    expect(e.contributions![0]).toBeCloseTo(5 * 9 / 25, 12);
  });
  it('rescales by d/used when a value is missing', () => {
    const e = weightedEuclidean(Float64Array.of(0, NaN), Float64Array.of(3, 4));
    expect(e.used).toBe(1); expect(e.distance).toBeCloseTo(Math.sqrt(9 * 2), 12);
  });
  it('weights', () => {
    expect(weightedEuclidean(Float64Array.of(0, 0), Float64Array.of(1, 1), [4, 0]).distance).toBe(2);
  });
});
