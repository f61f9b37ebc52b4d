/**
 * The exact nearest-centroid scans behind k-means' Hamerly bounds (kmeansSteps.ts): a row's nearest
 * and second-nearest centroid, three centroids per pass over the row, and half the gap from each
 * centroid to its closest other one.
 */
import { sqDist } from './kernels';

/**
 * Nearest and second-nearest centroid of row i (exact distances, ties to the lowest index), as
 * label and Hamerly bounds.
 * @example fullScan(X, 0, d, C, k, labels, upper, lower) // labels[0], upper[0], lower[0] set
 */
export function fullScan(X: Float64Array, i: number, d: number, C: Float64Array, k: number, labels: Int32Array, upper: Float64Array, lower: Float64Array): void {
  let b1 = Infinity, b2 = Infinity, best = 0;
  const o = i * d;
  const v3 = SCRATCH3;
  let c = 0;
  for (; c + 2 < k; c += 3) {
    sqDist3(X, o, C, c * d, d, v3);
    for (let t = 0; t < 3; t++) {
      const v = v3[t];
      if (v < b1) { b2 = b1; b1 = v; best = c + t; } else if (v < b2) b2 = v;
    }
  }
  for (; c < k; c++) {
    const v = sqDist(X, o, C, c * d, d);
    if (v < b1) { b2 = b1; b1 = v; best = c; } else if (v < b2) b2 = v;
  }
  labels[i] = best; upper[i] = Math.sqrt(b1); lower[i] = Math.sqrt(b2);
}

const SCRATCH3 = new Float64Array(3);

/**
 * {@link sqDist} from row `X[o..o+d)` to three consecutive centroids starting at `C[co]`, sharing
 * the row loads; each distance uses sqDist's exact even/odd summation (bit-identical).
 */
function sqDist3(X: Float64Array, o: number, C: Float64Array, co: number, d: number, out: Float64Array): void {
  const c1 = co + d, c2 = c1 + d;
  let e0 = 0, f0 = 0, e1 = 0, f1 = 0, e2 = 0, f2 = 0;
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const x = X[o + j], y = X[o + j + 1];
    let u = x - C[co + j], w = y - C[co + j + 1]; e0 += u * u; f0 += w * w;
    u = x - C[c1 + j]; w = y - C[c1 + j + 1]; e1 += u * u; f1 += w * w;
    u = x - C[c2 + j]; w = y - C[c2 + j + 1]; e2 += u * u; f2 += w * w;
  }
  if (j < d) {
    const x = X[o + j];
    let u = x - C[co + j]; e0 += u * u;
    u = x - C[c1 + j]; e1 += u * u;
    u = x - C[c2 + j]; e2 += u * u;
  }
  out[0] = e0 + f0; out[1] = e1 + f1; out[2] = e2 + f2;
}

/**
 * half[c] = half the distance from centroid c to its closest other centroid.
 * @example computeHalfGaps(Float64Array.of(0, 4), 2, 1, half) // half = [2, 2]
 */
export function computeHalfGaps(C: Float64Array, k: number, d: number, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const v = 0.5 * Math.sqrt(sqDist(C, a * d, C, b * d, d));
      if (v < half[a]) half[a] = v;
      if (v < half[b]) half[b] = v;
    }
  }
}
