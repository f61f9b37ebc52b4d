/**
 * One k-means run as explicit steps on a state, so the heavy part can run as fixed row parts
 * (anywhere, in any order, e.g. on worker threads) with the same result:
 *   while (kmeansBegin(s)) { changed = Σ kmeansPart(s, p) for p < KMEANS_PARTS; kmeansEnd(s, changed) }
 * A part assigns its rows (Hamerly bounds, exact distances) and sums them per cluster; the cluster
 * sums are the parts' sums added in part order. The parts are fixed (never the core count), so
 * the floating-point order, and the result, is the same on every machine.
 */
import { sqDist } from './kernels';
import { computeHalfGaps, fullScan } from './kmeansNearest';
import { plainArrays, type ArrayAllocator } from './arrays';

/** First assignment (every row counts as changed), full rescan, or Hamerly bounds. */
export type AssignMode = 'first' | 'full' | 'bounds';

/** What the assignment and sums steps read and write. */
export interface KMeansStepView {
  /** Rows (NaN-free), n × d. */
  X: Float64Array; n: number; d: number; k: number;
  C: Float64Array; labels: Int32Array; upper: Float64Array; lower: Float64Array;
  /** Half the distance from each centroid to its closest other centroid ('bounds' mode). */
  half: Float64Array;
  /** How far each centroid moved in the last update, its maximum (argMax) and the runner-up. */
  shift: Float64Array; argMax: number; maxS: number; maxS2: number;
  mode: AssignMode;
  /** Per-part cluster sums: part p's k × d block starts at p·k·d. */
  partSums: Float64Array;
}

export interface KMeansState extends KMeansStepView {
  sums: Float64Array; counts: Float64Array; newC: Float64Array; mean: Float64Array;
  tss: number; tolAbs: number; maxIter: number; iter: number;
  /** The next assignment must rescan every row (first iteration, or after re-seeding an empty cluster). */
  full: boolean;
  converged: boolean;
  history: number[];
}

/**
 * State for Lloyd iterations from rows `X` (n × d, NaN-free) and initial centroids `init` (k × d).
 * @example const s = kmeansStart(X, n, d, init, k, { maxIter: 300, tol: 1e-4 })
 */
export function kmeansStart(X: Float64Array, n: number, d: number, init: Float64Array, k: number,
  opts: { maxIter: number; tol: number }, arrays: ArrayAllocator = plainArrays): KMeansState {
  const C = arrays.float64(k * d);
  C.set(init);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { const v = X[i * d + j] - mean[j]; tss += v * v; }
  return {
    X, n, d, k, C, labels: arrays.int32(n), upper: arrays.float64(n), lower: arrays.float64(n), half: arrays.float64(k),
    shift: arrays.float64(k), argMax: -1, maxS: 0, maxS2: 0, mode: 'first', partSums: arrays.float64(KMEANS_PARTS * k * d), sums: new Float64Array(k * d),
    counts: new Float64Array(k), newC: new Float64Array(k * d), mean, tss, tolAbs: opts.tol * (tss / n / Math.max(d, 1)),
    maxIter: opts.maxIter, iter: 0, full: true, converged: false, history: [],
  };
}

/**
 * Start the next iteration (sets its assignment mode); false when converged or out of iterations.
 * @example while (kmeansBegin(s)) { … }
 */
export function kmeansBegin(s: KMeansState): boolean {
  if (s.converged || s.iter >= s.maxIter) return false;
  s.iter++;
  if (s.full) { s.mode = s.iter === 1 ? 'first' : 'full'; s.full = false; }
  else { computeHalfGaps(s.C, s.k, s.d, s.half); s.mode = 'bounds'; }
  return true;
}

/** Fixed number of row parts of an iteration (sets the summation order: never the machine's core count). */
export const KMEANS_PARTS = 4;

/** Rows [from, to) of part p. @example kmeansPartRows(10, 1) // [2, 5] */
export function kmeansPartRows(n: number, p: number): [number, number] {
  return [Math.floor((n * p) / KMEANS_PARTS), Math.floor((n * (p + 1)) / KMEANS_PARTS)];
}

/**
 * Part p of an iteration: assign its rows to their nearest centroid, then sum them per cluster
 * (rows in order) into the part's block of `partSums`. Returns how many rows changed label.
 * @example let changed = 0; for (let p = 0; p < KMEANS_PARTS; p++) changed += kmeansPart(s, p)
 */
export function kmeansPart(v: KMeansStepView, p: number): number {
  const [from, to] = kmeansPartRows(v.n, p);
  const changed = assignRows(v, from, to);
  sumRows(v, from, to, v.partSums.subarray(p * v.k * v.d, (p + 1) * v.k * v.d));
  return changed;
}

/**
 * Assign rows [from, to); returns how many changed label. In 'bounds' mode each row's bounds first
 * move by the last centroid shifts (Hamerly), then rows whose bounds cannot change their label are
 * skipped. Ties go to the lowest centroid index.
 */
function assignRows(v: KMeansStepView, from: number, to: number): number {
  const { X, d, k, C, labels, upper, lower } = v;
  let changed = 0;
  if (v.mode !== 'bounds') {
    const first = v.mode === 'first';
    for (let i = from; i < to; i++) {
      const old = labels[i];
      fullScan(X, i, d, C, k, labels, upper, lower);
      if (labels[i] !== old || first) changed++;
    }
    return changed;
  }
  const { half, shift, argMax, maxS, maxS2 } = v;
  for (let i = from; i < to; i++) {
    const a = labels[i];
    upper[i] += shift[a];
    lower[i] -= a === argMax ? maxS2 : maxS;
    const z = lower[i] > half[a] ? lower[i] : half[a];
    if (upper[i] <= z) continue;
    upper[i] = Math.sqrt(sqDist(X, i * d, C, a * d, d));
    if (upper[i] <= z) continue;
    fullScan(X, i, d, C, k, labels, upper, lower);
    if (labels[i] !== a) changed++;
  }
  return changed;
}

/** Per-cluster sums of rows [from, to), in row order, into sums (k × d, zeroed first). */
function sumRows(v: KMeansStepView, from: number, to: number, sums: Float64Array): void {
  const { X, d, labels } = v;
  sums.fill(0);
  for (let i = from, o = from * d; i < to; i++, o += d) {
    const oc = labels[i] * d;
    let j = 0;
    for (; j + 3 < d; j += 4) { // unrolled: each element still gets the same single add
      sums[oc + j] += X[o + j]; sums[oc + j + 1] += X[o + j + 1]; sums[oc + j + 2] += X[o + j + 2]; sums[oc + j + 3] += X[o + j + 3];
    }
    for (; j < d; j++) sums[oc + j] += X[o + j];
  }
}

/**
 * Finish an iteration after its parts (`changed` rows in all): add the parts' sums in part order,
 * re-seed empty clusters, move the centroids, record the inertia and test convergence.
 * @example kmeansEnd(s, changed)
 */
export function kmeansEnd(s: KMeansState, changed: number): void {
  const { X, n, d, k, C, labels, sums, partSums, counts, newC, shift } = s;
  sums.set(partSums.subarray(0, k * d));
  for (let p = 1; p < KMEANS_PARTS; p++) for (let e = 0, o = p * k * d; e < k * d; e++) sums[e] += partSums[o + e];
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  if (reseedEmpty(X, n, d, C, k, labels, sums, counts)) { s.full = true; changed++; }
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
  s.maxS = maxS; s.maxS2 = maxS2; s.argMax = argMax;
  let between = 0;
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let j = 0; j < d; j++) { const v = C[c * d + j] - s.mean[j]; sq += v * v; }
    between += counts[c] * sq;
  }
  s.history.push(Math.max(0, s.tss - between));
  if ((s.iter > 1 && changed === 0) || totalShift <= s.tolAbs) s.converged = true;
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
