import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromRows, toRows } from './matrix';
import { fitNormalizer, transform, transformRow, zscore } from './normalize';

const col = (rows: number[][]) => toRows(fromRows(rows)).map((r) => r[0]);

describe('normalize', () => {
  const m = fromRows([[1], [2], [3], [NaN], [10]]);
  it('minmax keeps NaN as NaN', () => {
    const out = transform(fitNormalizer(m, { method: 'minmax' }), m);
    expect(toRows(out).map((r) => r[0])).toEqual([0, 1 / 9, 2 / 9, NaN, 1]);
  });
  it('zscore uses population sd', () => {
    const out = zscore(fromRows([[1], [3]]));
    expect(Array.from(out.data)).toEqual([-1, 1]);
    const model = fitNormalizer(fromRows([[1], [3]]), { method: 'zscore' });
    expect(Array.from(transformRow(model, Float64Array.of(5)))).toEqual([3]);
  });
  it('robust = (x - median) / (1.4826 MAD)', () => {
    const model = fitNormalizer(fromRows([[1], [2], [3], [4], [100]]), { method: 'robust' });
    // median 3, |dev| = 2,1,0,1,97 → MAD 1
    expect(transformRow(model, Float64Array.of(4.4826))[0]).toBeCloseTo(1, 10);
  });
  it('percentile = mid-rank fraction ≤ x', () => {
    const model = fitNormalizer(fromRows([[1], [2], [2], [4]]), { method: 'percentile' });
    const t = (x: number) => transformRow(model, Float64Array.of(x))[0];
    expect(t(1)).toBe(0.25); expect(t(2)).toBe((1 + 1.5) / 4); expect(t(4)).toBe(1); expect(t(0)).toBe(0); expect(t(3)).toBe(0.75);
  });
  it('log and winsorize are applied before scaling', () => {
    const model = fitNormalizer(fromRows([[0], [Math.E - 1], [Math.E ** 2 - 1]]), { method: 'minmax', log: [0] });
    expect(transformRow(model, Float64Array.of(Math.E - 1))[0]).toBeCloseTo(0.5, 12);
    const w = fitNormalizer(fromRows([[0], [1], [2], [3], [1000]]), { method: 'minmax', winsorize: [0, 0.75] });
    expect(transformRow(w, Float64Array.of(1000))[0]).toBe(1);
    expect(transformRow(w, Float64Array.of(1.5))[0]).toBe(0.5);
  });
  it('ordinal columns map level index to [0,1]', () => {
    const model = fitNormalizer(fromRows([[1, 5], [2, 6], [4, 7]]), { method: 'zscore', ordinal: [true, false] });
    expect(col(toRows(transform(model, fromRows([[1, 5], [2, 5], [4, 5]]))).map((r) => [r[0]]))).toEqual([0, 0.5, 1]);
  });
  it('constant columns map to 0 (zscore/robust) or 0.5 (minmax/percentile), never NaN/Infinity', () => {
    const c = fromRows([[3], [3], [NaN]]);
    for (const method of ['zscore', 'robust', 'minmax', 'percentile'] as const) {
      const out = transform(fitNormalizer(c, { method }), c);
      expect(out.data[0]).toBe(method === 'zscore' || method === 'robust' ? 0 : 0.5);
      expect(Number.isNaN(out.data[2])).toBe(true);
    }
    expect(zscore(c).data[0]).toBe(0);
  });
  it('model is JSON-serialisable and round-trips', () => {
    for (const opts of [{ method: 'percentile', winsorize: [0.1, 0.9] }, { method: 'zscore' }, { method: 'robust', log: [0] }] as const) {
      const model = fitNormalizer(m, opts as never);
      const back = JSON.parse(JSON.stringify(model));
      const probe = fromRows([[-50], [1], [NaN], [1e6]]);
      expect(Array.from(transform(back, probe).data)).toEqual(Array.from(transform(model, probe).data));
    }
  });
  it('rejects bad options with rule and values', () => {
    expect(() => fitNormalizer(m, { method: 'minmax', winsorize: [0.9, 0.1] })).toThrow('winsorize=[0.9, 0.1] must satisfy 0 <= lowQ <= highQ <= 1');
    expect(() => fitNormalizer(m, { method: 'minmax', log: [3] })).toThrow('log column 3 must be in [0, cols=1)');
  });
  it('property: minmax output in [0,1] or NaN; zscore never Infinity', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 30 }), (vals) => {
      const mm = fromRows(vals.map((v) => [v]));
      const a = transform(fitNormalizer(mm, { method: 'minmax' }), mm).data;
      for (let i = 0; i < a.length; i++) {
        if (vals[i] === null) expect(Number.isNaN(a[i])).toBe(true);
        else expect(a[i] >= 0 && a[i] <= 1).toBe(true);
      }
      for (const v of zscore(mm).data) expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true);
    }));
  });
});
