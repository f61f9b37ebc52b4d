import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnMeans, fromRows, imputeMean } from './matrix';
import { fitPca, pcaTransform } from './pca';
import { jacobiEigen } from './eigen';
import { createRandom } from './random';

describe('pca', () => {
  it('points on a 2-D line: one component explains everything', () => {
    const m = fromRows([[0, 0], [1, 1], [2, 2], [3, 3]]);
    const model = fitPca(m, { components: 2 });
    expect(model.components.data[0]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(model.components.data[1]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(model.explainedVariance[0]).toBeCloseTo(10 / 3, 10); // var(x)+var(y) with n-1
    expect(model.explainedVarianceRatio[0]).toBeCloseTo(1, 10);
    const t = pcaTransform(model, m);
    expect(t.data[0]).toBeCloseTo(-1.5 * Math.SQRT2, 10);
    expect(t.data[1]).toBeCloseTo(0, 10);
    expect(JSON.parse(JSON.stringify(model)).mean).toEqual([1.5, 1.5]);
  });
  it('sign convention: largest |loading| positive', () => {
    const m = fromRows([[0, 0], [-1, 2], [-2, 4]]);
    const c = fitPca(m, { components: 1 }).components.data;
    expect(c[1]).toBeGreaterThan(0); expect(c[0]).toBeLessThan(0);
  });
  it('jacobi reconstructs a random symmetric matrix', () => {
    const r = createRandom(2), d = 7, A = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) { const v = r.normal(); A[i * d + j] = v; A[j * d + i] = v; }
    const { values, vectors } = jacobiEigen(A, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += vectors[i * d + c] * values[c] * vectors[j * d + c];
      expect(s).toBeCloseTo(A[i * d + j], 9);
    }
    for (let c = 1; c < d; c++) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
  });
  it('odd column count and NaN (mean-imputed)', () => {
    const m = fromRows([[1, 2, 3], [2, NaN, 1], [3, 6, 2], [4, 8, 0]]);
    const model = fitPca(m, { components: 3 });
    const sum = model.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
    expect(() => fitPca(m, { components: 4 })).toThrow('components=4 must be <= cols=3');
  });
  it('property: blocked covariance (2×4 tiles, any cols) gives the eigenvalues of the naive covariance', () => {
    const cell = fc.option(fc.integer({ min: -20, max: 20 }), { nil: null, freq: 8 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 11 }), fc.array(fc.array(cell, { minLength: 11, maxLength: 11 }), { minLength: 2, maxLength: 30 }), (d, raw) => {
      const m = fromRows(raw.map((r) => r.slice(0, d)));
      const n = m.rows, X = imputeMean(m).data, mu = columnMeans(imputeMean(m));
      const cov = new Float64Array(d * d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (X[i * d + a] - mu[a]) * (X[i * d + b] - mu[b]);
        cov[a * d + b] = s / (n - 1);
      }
      const want = jacobiEigen(cov, d).values;
      const got = fitPca(m, { components: d }).explainedVariance;
      const scale = 1 + Math.abs(want[0]);
      got.forEach((v, c) => expect(Math.abs(v - Math.max(0, want[c]))).toBeLessThan(1e-9 * scale));
    }), { numRuns: 150 });
  });
  it('property: columnMeans (unrolled) equals the plain NaN-skipping mean', () => {
    const cell = fc.option(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { nil: null, freq: 4 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.array(cell, { minLength: 9, maxLength: 9 }), { maxLength: 20 }), (d, raw) => {
      const m = fromRows(raw.map((r) => r.slice(0, d)));
      const got = columnMeans(m);
      for (let j = 0; j < m.cols; j++) {
        let s = 0, c = 0;
        for (let i = 0; i < m.rows; i++) { const v = m.data[i * m.cols + j]; if (!Number.isNaN(v)) { s += v; c++; } }
        expect(Object.is(got[j], c > 0 ? s / c : NaN)).toBe(true);
      }
    }));
  });
});
