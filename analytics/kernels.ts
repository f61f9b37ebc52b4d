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
