import { columnMeans, matrix, type Matrix } from './matrix';
import { jacobiEigen } from './eigen';

export interface PcaModel {
  mean: number[];
  /** components × cols, unit rows, sign: largest-|loading| positive (like scikit-learn's svd_flip). */
  components: Matrix;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}

/**
 * Principal component analysis via the covariance matrix (one pass, cols×cols) and cyclic Jacobi.
 * Missing values are replaced by the column mean (they then add nothing to the covariance).
 * Variance uses n-1 like scikit-learn.
 * @example fitPca(fromRows([[0, 0], [1, 1], [2, 2]]), { components: 1 }).components.data // ≈ [0.7071, 0.7071]
 */
export function fitPca(m: Matrix, opts: { components: number } = { components: 2 }): PcaModel {
  const { rows: n, cols: d, data } = m;
  const p = opts.components;
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`components=${p} must be an integer >= 1`);
  if (p > d) throw new RangeError(`components=${p} must be <= cols=${d}`);
  if (n < 2) throw new RangeError(`rows=${n} must be >= 2`);
  const mean = columnMeans(m);
  for (let j = 0; j < d; j++) if (mean[j] !== mean[j]) mean[j] = 0;
  const cov = new Float64Array(d * d);
  const B = 256;
  const T = new Float64Array(d * B); // chunk transposed: column-major, centred, NaN → 0
  for (let start = 0; start < n; start += B) {
    const len = Math.min(B, n - start);
    for (let r = 0; r < len; r++) {
      const o = (start + r) * d;
      for (let j = 0; j < d; j++) { const v = data[o + j] - mean[j]; T[j * B + r] = v === v ? v : 0; }
    }
    crossChunk(T, B, len, d, cov);
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { const v = cov[a * d + b] / (n - 1); cov[a * d + b] = v; cov[b * d + a] = v; }
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j];
  const { values, vectors } = jacobiEigen(cov, d);
  const comps = new Float64Array(p * d);
  const ev: number[] = [], ratio: number[] = [];
  for (let c = 0; c < p; c++) {
    let bestAbs = -1, sign = 1;
    for (let j = 0; j < d; j++) { const v = vectors[j * d + c]; if (Math.abs(v) > bestAbs + 1e-12) { bestAbs = Math.abs(v); sign = v < 0 ? -1 : 1; } }
    for (let j = 0; j < d; j++) comps[c * d + j] = sign * vectors[j * d + c];
    const lam = Math.max(0, values[c]);
    ev.push(lam); ratio.push(total > 0 ? lam / total : 0);
  }
  return { mean: Array.from(mean), components: matrix(p, d, comps), explainedVariance: ev, explainedVarianceRatio: ratio };
}

/**
 * Upper triangle of Tᵀ·T for one transposed chunk, 2×4 register blocks (each entry still sums its
 * rows in order, so the result does not depend on the blocking).
 */
function crossChunk(T: Float64Array, B: number, len: number, d: number, cov: Float64Array): void {
  for (let a = 0; a < d; a += 2) {
    const a1 = a + 1 < d ? a + 1 : a;
    let b = a;
    for (; b + 3 < d; b += 4) cross2x4(T, B, len, a, a1, b, d, cov);
    for (; b < d; b++) {
      const oa = a * B, oa1 = a1 * B, ob = b * B;
      let s0 = 0, s1 = 0;
      for (let r = 0; r < len; r++) { const y = T[ob + r]; s0 += T[oa + r] * y; s1 += T[oa1 + r] * y; }
      cov[a * d + b] += s0;
      if (a1 !== a && b >= a1) cov[a1 * d + b] += s1;
    }
  }
}

/** Products of columns a, a1 with columns b..b+3 over one chunk, added to the upper triangle. */
function cross2x4(T: Float64Array, B: number, len: number, a: number, a1: number, b: number, d: number, cov: Float64Array): void {
  const oa = a * B, oa1 = a1 * B, ob0 = b * B, ob1 = ob0 + B, ob2 = ob1 + B, ob3 = ob2 + B;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  for (let r = 0; r < len; r++) {
    const y0 = T[ob0 + r], y1 = T[ob1 + r], y2 = T[ob2 + r], y3 = T[ob3 + r];
    const x0 = T[oa + r]; s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
    const x1 = T[oa1 + r]; s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
  }
  const ra = a * d + b;
  cov[ra] += s00; cov[ra + 1] += s01; cov[ra + 2] += s02; cov[ra + 3] += s03;
  if (a1 === a) return;
  const r1 = a1 * d + b; // row a1 only keeps entries with column >= a1
  if (b >= a1) cov[r1] += s10;
  if (b + 1 >= a1) cov[r1 + 1] += s11;
  cov[r1 + 2] += s12; cov[r1 + 3] += s13;
}

/**
 * Project rows onto the fitted components (NaN treated as the column mean, i.e. contributes 0).
 * @example pcaTransform(model, m) // Matrix rows × components
 */
export function pcaTransform(model: PcaModel, m: Matrix): Matrix {
  const { components: C, mean } = model;
  const d = C.cols, p = C.rows;
  if (m.cols !== d) throw new RangeError(`matrix cols=${m.cols} must equal model cols=${d}`);
  const out = new Float64Array(m.rows * p);
  for (let i = 0; i < m.rows; i++) {
    const o = i * d;
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const v = m.data[o + j] - mean[j]; if (v === v) s += v * C.data[c * d + j]; }
      out[i * p + c] = s;
    }
  }
  return { data: out, rows: m.rows, cols: p };
}
