/** Tight numeric kernels shared by the clustering modules (no allocation, no NaN handling). */

/**
 * Squared Euclidean distance between `a[ao..ao+d)` and `b[bo..bo+d)`.
 * @example sqDist(Float64Array.of(0, 0), 0, Float64Array.of(3, 4), 0, 2) // 25
 */
export function sqDist(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s0 = 0, s1 = 0;
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const x0 = a[ao + j] - b[bo + j], x1 = a[ao + j + 1] - b[bo + j + 1];
    s0 += x0 * x0; s1 += x1 * x1;
  }
  if (j < d) { const x = a[ao + j] - b[bo + j]; s0 += x * x; }
  return s0 + s1;
}

/**
 * Squared norms of every row of a row-major array.
 * @example rowSqNorms(Float64Array.of(3, 4, 1, 0), 2, 2) // Float64Array [25, 1]
 */
export function rowSqNorms(data: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += data[o + j] * data[o + j];
    out[i] = s;
  }
  return out;
}

/**
 * Relative threshold under which a norms-trick squared distance is recomputed exactly:
 * below `SMALL · (‖a‖² + ‖b‖²)` cancellation could cost more than ~1e-11 relative accuracy.
 */
const SMALL = 1e-4;

/**
 * Interleave rows i..i+3 of `X` (n × d) into `T[4t + r]`, the layout {@link sqDistBlock4x3} reads.
 * @example packRows4(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, 0, T) // T = [1, 3, 5, 7, 2, 4, 6, 8]
 */
export function packRows4(X: Float64Array, d: number, i: number, T: Float64Array): void {
  for (let r = 0; r < 4; r++) {
    const o = (i + r) * d;
    for (let t = 0; t < d; t++) T[4 * t + r] = X[o + t];
  }
}

/**
 * Squared distances of rows i..i+3 (packed in `T` by {@link packRows4}) to rows j..j+2 of `X`
 * (n × d, row-major) into `out[r*3 + c]`, as ‖a‖² + ‖b‖² − 2a·b with 12 register accumulators
 * (`norms` from {@link rowSqNorms}). Small results, where cancellation matters, are recomputed
 * exactly with {@link sqDist}. Centre the data first (subtract column means) for best accuracy.
 */
export function sqDistBlock4x3(T: Float64Array, X: Float64Array, d: number, norms: Float64Array, i: number, j: number, out: Float64Array): void {
  const p0 = j * d, p1 = p0 + d, p2 = p1 + d;
  let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0, s30 = 0, s31 = 0, s32 = 0;
  for (let t = 0, u = 0; t < d; t++, u += 4) {
    const x = X[p0 + t], y = X[p1 + t], z = X[p2 + t];
    let a = T[u]; s00 += a * x; s01 += a * y; s02 += a * z;
    a = T[u + 1]; s10 += a * x; s11 += a * y; s12 += a * z;
    a = T[u + 2]; s20 += a * x; s21 += a * y; s22 += a * z;
    a = T[u + 3]; s30 += a * x; s31 += a * y; s32 += a * z;
  }
  out[0] = s00; out[1] = s01; out[2] = s02; out[3] = s10; out[4] = s11; out[5] = s12;
  out[6] = s20; out[7] = s21; out[8] = s22; out[9] = s30; out[10] = s31; out[11] = s32;
  for (let r = 0; r < 4; r++) {
    const nr = norms[i + r];
    for (let c = 0; c < 3; c++) {
      const sum = nr + norms[j + c];
      const v = sum - 2 * out[r * 3 + c];
      out[r * 3 + c] = v > SMALL * sum ? v : sqDist(X, (i + r) * d, X, (j + c) * d, d);
    }
  }
}

/**
 * Copy of `X` (n × d) with each column's mean subtracted (keeps norms small for the norms trick).
 * @example centredCopy(Float64Array.of(1, 3), 2, 1) // Float64Array [-1, 1]
 */
export function centredCopy(X: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let o = 0; o < n * d; o += d) for (let j = 0; j < d; j++) mean[j] += X[o + j];
  for (let j = 0; j < d; j++) mean[j] /= n > 0 ? n : 1;
  const out = new Float64Array(n * d);
  for (let o = 0; o < n * d; o += d) for (let j = 0; j < d; j++) out[o + j] = X[o + j] - mean[j];
  return out;
}
