import { imputeMean, hasMissing, matrix, type Matrix } from './matrix';
import { createRandom, type Random } from './random';
import { sqDist } from './kernels';

export interface KMeansOptions {
  k: number;
  /** Initial centroids (k × cols) or seeded k-means++ (default). */
  init?: Matrix | 'kmeans++';
  /** Seed for k-means++ (default 0). */
  seed?: number;
  /** Maximum Lloyd iterations (default 300). */
  maxIter?: number;
  /** Stop when the total squared centroid shift ≤ tol × mean column variance (default 1e-4, as scikit-learn). */
  tol?: number;
}

export interface KMeansResult {
  labels: Int32Array;
  centroids: Matrix;
  /** Sum of squared distances of rows to their centroid. */
  inertia: number;
  iterations: number;
  /** Inertia after each iteration (assignment + mean update); never increases. */
  inertiaHistory: number[];
  converged: boolean;
}

/** Validate k against the number of rows. @example checkK(3, 10) // ok; checkK(12, 9) throws */
export function checkK(k: number, rows: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k=${k} must be an integer >= 1`);
  if (k > rows) throw new RangeError(`k=${k} must be <= rows=${rows}`);
}

/**
 * Seeded k-means++ initialisation (plain D² sampling) on complete data.
 * @example kmeansPlusPlus(m, 3, createRandom(1)) // Matrix 3 × cols
 */
export function kmeansPlusPlus(m: Matrix, k: number, rng: Random): Matrix {
  const { rows: n, cols: d, data } = m;
  checkK(k, n);
  const C = new Float64Array(k * d);
  const minD = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    C.set(data.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = sqDist(data, i * d, C, c * d, d);
      if (v < minD[i]) minD[i] = v;
      total += minD[i];
    }
    if (c === k - 1) break;
    if (total > 0) {
      let r = rng.next() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) { r -= minD[i]; if (r < 0 && minD[i] > 0) { pick = i; break; } }
    } else pick = rng.int(n); // all points coincide with chosen centres
  }
  return { data: C, rows: k, cols: d };
}

/**
 * k-means (Lloyd's algorithm, accelerated with Hamerly's bounds — same result as plain Lloyd).
 * Missing values: rows with NaN are clustered with the column mean imputed (centroids live in the
 * imputed space). Empty clusters are re-seeded with the row farthest from its centroid (lowest index on ties).
 * Ties between centroids go to the lowest centroid index.
 * @example
 * kmeans(fromRows([[0], [1], [10], [11]]), { k: 2, init: fromRows([[0], [10]]) })
 * // labels [0,0,1,1], centroids [[0.5],[10.5]], inertia 1
 */
export function kmeans(m: Matrix, opts: KMeansOptions): KMeansResult {
  const { k } = opts;
  const n = m.rows, d = m.cols;
  checkK(k, n);
  const maxIter = opts.maxIter ?? 300;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`maxIter=${maxIter} must be an integer >= 1`);
  const tol = opts.tol ?? 1e-4;
  if (!(tol >= 0)) throw new RangeError(`tol=${tol} must be >= 0`);
  const X = hasMissing(m) ? imputeMean(m).data : m.data;
  let C: Float64Array;
  if (opts.init && opts.init !== 'kmeans++') {
    const init = opts.init;
    if (init.rows !== k || init.cols !== d) throw new RangeError(`init is ${init.rows}x${init.cols}, must be k x cols = ${k}x${d}`);
    C = Float64Array.from(init.data);
    for (let t = 0; t < C.length; t++) if (!Number.isFinite(C[t])) throw new RangeError(`init must be finite, found ${C[t]} at ${t}`);
  } else {
    C = kmeansPlusPlus({ data: X, rows: n, cols: d }, k, createRandom(opts.seed ?? 0)).data;
  }
  // Column means, total sum of squares and tolerance.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { const v = X[i * d + j] - mean[j]; tss += v * v; }
  const tolAbs = tol * (tss / n / Math.max(d, 1));

  const labels = new Int32Array(n);
  const upper = new Float64Array(n), lower = new Float64Array(n);
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  const newC = new Float64Array(k * d), shift = new Float64Array(k), half = new Float64Array(k);
  const history: number[] = [];
  let full = true, converged = false, iter = 0;

  while (iter < maxIter) {
    iter++;
    // ---- assignment
    let changed: number;
    if (full) { changed = assignAll(X, n, d, C, k, labels, upper, lower, iter === 1); full = false; }
    else { computeHalfGaps(C, k, d, half); changed = assignHamerly(X, n, d, C, k, labels, upper, lower, half); }
    // ---- update
    accumulateSums(X, n, d, labels, sums, counts);
    if (reseedEmpty(X, n, d, C, k, labels, sums, counts)) { full = true; changed++; }
    let totalShift = 0, maxS = 0, maxS2 = 0, argMax = -1;
    for (let c = 0; c < k; c++) {
      const oc = c * d;
      for (let j = 0; j < d; j++) newC[oc + j] = sums[oc + j] / counts[c];
      const s2 = sqDist(newC, oc, C, oc, d);
      totalShift += s2;
      shift[c] = Math.sqrt(s2);
      if (shift[c] > maxS) { maxS2 = maxS; maxS = shift[c]; argMax = c; } else if (shift[c] > maxS2) maxS2 = shift[c];
    }
    C.set(newC);
    let between = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const v = C[c * d + j] - mean[j]; s += v * v; }
      between += counts[c] * s;
    }
    history.push(Math.max(0, tss - between));
    if ((iter > 1 && changed === 0) || totalShift <= tolAbs) { converged = true; break; }
    if (!full) moveBounds(n, labels, upper, lower, shift, argMax, maxS, maxS2);
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(X, i * d, C, labels[i] * d, d);
  return { labels, centroids: matrix(k, d, C), inertia, iterations: iter, inertiaHistory: history, converged };
}

/** Full scan of every row; counts rows whose label changed (every row when `first`). */
function assignAll(X: Float64Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array, upper: Float64Array, lower: Float64Array, first: boolean): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const old = labels[i];
    fullScan(X, i, d, C, k, labels, upper, lower);
    if (labels[i] !== old || first) changed++;
  }
  return changed;
}

/** Hamerly assignment: rows whose bounds cannot change their label are skipped. Returns #changed. */
function assignHamerly(X: Float64Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array,
  upper: Float64Array, lower: Float64Array, half: Float64Array): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const z = lower[i] > half[a] ? lower[i] : half[a];
    if (upper[i] <= z) continue;
    upper[i] = Math.sqrt(sqDist(X, i * d, C, a * d, d));
    if (upper[i] <= z) continue;
    fullScan(X, i, d, C, k, labels, upper, lower);
    if (labels[i] !== a) changed++;
  }
  return changed;
}

/** Per-cluster sums of rows (in row order) and counts. */
function accumulateSums(X: Float64Array, n: number, d: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
  sums.fill(0); counts.fill(0);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    const c = labels[i], oc = c * d;
    counts[c]++;
    let j = 0;
    for (; j + 3 < d; j += 4) { // unrolled: each element still gets the same single add
      sums[oc + j] += X[o + j]; sums[oc + j + 1] += X[o + j + 1]; sums[oc + j + 2] += X[o + j + 2]; sums[oc + j + 3] += X[o + j + 3];
    }
    for (; j < d; j++) sums[oc + j] += X[o + j];
  }
}

/** Hamerly bound maintenance after the centroids moved by `shift`. */
function moveBounds(n: number, labels: Int32Array, upper: Float64Array, lower: Float64Array, shift: Float64Array, argMax: number, maxS: number, maxS2: number): void {
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    upper[i] += shift[a];
    lower[i] -= a === argMax ? maxS2 : maxS;
  }
}

/** Nearest and second-nearest centroid of row i (exact distances, ties to the lowest index). */
function fullScan(X: Float64Array, i: number, d: number, C: Float64Array, k: number, labels: Int32Array, upper: Float64Array, lower: Float64Array): void {
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

/** half[c] = half the distance from centroid c to its closest other centroid. */
function computeHalfGaps(C: Float64Array, k: number, d: number, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const v = 0.5 * Math.sqrt(sqDist(C, a * d, C, b * d, d));
      if (v < half[a]) half[a] = v;
      if (v < half[b]) half[b] = v;
    }
  }
}

/** Move the farthest rows into empty clusters. Returns true when anything changed. */
function reseedEmpty(X: Float64Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): boolean {
  let any = false;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1, farD = -1;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]] < 2) continue;
      const v = sqDist(X, i * d, C, labels[i] * d, d);
      if (v > farD) { farD = v; far = i; }
    }
    if (far < 0) continue;
    const old = labels[far], o = far * d;
    for (let j = 0; j < d; j++) { sums[old * d + j] -= X[o + j]; sums[c * d + j] = X[o + j]; }
    counts[old]--; counts[c] = 1; labels[far] = c;
    any = true;
  }
  return any;
}
