import { imputeMean, hasMissing, matrix, type Matrix } from './matrix';
import { createRandom, type Random } from './random';
import { sqDist } from './kernels';
import { KMEANS_PARTS, kmeansBegin, kmeansEnd, kmeansPart, kmeansStart, type KMeansState } from './kmeansSteps';

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
 * Validated inputs of a k-means run: NaN-free rows (column means imputed) and initial centroids.
 * @example const { X, init } = kmeansSetup(m, { k: 3 }) // then kmeansStart(X, m.rows, m.cols, init, 3, …)
 */
export function kmeansSetup(m: Matrix, opts: KMeansOptions): { X: Float64Array; init: Float64Array; maxIter: number; tol: number } {
  const { k } = opts;
  const n = m.rows, d = m.cols;
  checkK(k, n);
  const maxIter = opts.maxIter ?? 300;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`maxIter=${maxIter} must be an integer >= 1`);
  const tol = opts.tol ?? 1e-4;
  if (!(tol >= 0)) throw new RangeError(`tol=${tol} must be >= 0`);
  const X = hasMissing(m) ? imputeMean(m).data : m.data;
  if (opts.init && opts.init !== 'kmeans++') {
    const init = opts.init;
    if (init.rows !== k || init.cols !== d) throw new RangeError(`init is ${init.rows}x${init.cols}, must be k x cols = ${k}x${d}`);
    for (let t = 0; t < init.data.length; t++) if (!Number.isFinite(init.data[t])) throw new RangeError(`init must be finite, found ${init.data[t]} at ${t}`);
    return { X, init: init.data, maxIter, tol };
  }
  return { X, init: kmeansPlusPlus({ data: X, rows: n, cols: d }, k, createRandom(opts.seed ?? 0)).data, maxIter, tol };
}

/** The result of a finished run (inertia summed over rows in order). @example kmeansResult(s).labels */
export function kmeansResult(s: KMeansState): KMeansResult {
  const { X, n, d, C, labels } = s;
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(X, i * d, C, labels[i] * d, d);
  return {
    labels, centroids: matrix(s.k, d, Float64Array.from(C)), inertia, iterations: s.iter,
    inertiaHistory: s.history, converged: s.converged,
  };
}

/**
 * k-means (Lloyd's algorithm, accelerated with Hamerly's bounds — same result as plain Lloyd).
 * Missing values: rows with NaN are clustered with the column mean imputed (centroids live in the
 * imputed space). Empty clusters are re-seeded with the row farthest from its centroid (lowest index on ties).
 * Ties between centroids go to the lowest centroid index. (Steps in kmeansSteps.ts, for range-wise runs.)
 * @example
 * kmeans(fromRows([[0], [1], [10], [11]]), { k: 2, init: fromRows([[0], [10]]) })
 * // labels [0,0,1,1], centroids [[0.5],[10.5]], inertia 1
 */
export function kmeans(m: Matrix, opts: KMeansOptions): KMeansResult {
  const { X, init, maxIter, tol } = kmeansSetup(m, opts);
  const s = kmeansStart(X, m.rows, m.cols, init, opts.k, { maxIter, tol });
  while (kmeansBegin(s)) {
    let changed = 0;
    for (let p = 0; p < KMEANS_PARTS; p++) changed += kmeansPart(s, p);
    kmeansEnd(s, changed);
  }
  return kmeansResult(s);
}
