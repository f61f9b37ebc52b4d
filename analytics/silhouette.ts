import { hasMissing, imputeMean, selectRows, type Matrix } from './matrix';
import { centredCopy, packRows4, rowSqNorms, sqDist, sqDistBlock4x3 } from './kernels';

export interface SilhouetteResult {
  /** Mean silhouette over all rows. */
  mean: number;
  /** Per-row silhouette in [-1, 1]; 0 for rows in singleton clusters (as scikit-learn). */
  perRow: Float64Array;
}

function clusterCounts(labels: ArrayLike<number>, n: number): { k: number; counts: Float64Array } {
  if (labels.length !== n) throw new RangeError(`labels.length=${labels.length} must equal rows=${n}`);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (!Number.isInteger(l) || l < 0) throw new RangeError(`labels[${i}]=${l} must be a non-negative integer`);
    if (l + 1 > k) k = l + 1;
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  let used = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) used++;
  if (used < 2) throw new RangeError(`number of clusters=${used} must be >= 2`);
  return { k, counts };
}

/** From per-row sums of distances to each cluster (n × k), compute silhouettes. */
function finish(sums: Float64Array, labels: ArrayLike<number>, n: number, k: number, counts: Float64Array): SilhouetteResult {
  const perRow = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i];
    if (counts[own] <= 1) { perRow[i] = 0; continue; }
    const a = sums[i * k + own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      const v = sums[i * k + c] / counts[c];
      if (v < b) b = v;
    }
    const den = a > b ? a : b;
    const s = den > 0 ? (b - a) / den : 0;
    perRow[i] = s; total += s;
  }
  return { mean: n > 0 ? total / n : NaN, perRow };
}

/**
 * Euclidean silhouette (NaN mean-imputed per column). O(n²·d) time, O(n·k) memory: no n×n matrix.
 * Rows are grouped by cluster; each pair is visited once, in 4×3 blocks with the norms trick on
 * centred data ({@link sqDistBlock4x3}, small distances exactly), and added to both rows' sums.
 * The pairs are split into {@link SILHOUETTE_PARTS} fixed parts summed in order, so a parallel run
 * of the same parts (`silhouetteSumsRange`) gives bit-identical results on any machine.
 * @example silhouette(fromRows([[0], [1], [10], [11]]), [0, 0, 1, 1]).mean // ≈ 0.9
 */
export function silhouette(m: Matrix, labels: ArrayLike<number>): SilhouetteResult {
  const p = silhouettePrepare(m, labels);
  return silhouetteFinish(p, silhouetteParts(p.n).map(([from, to]) => silhouetteSumsRange(p, from, to)));
}

/** Rows sorted by cluster (then index) and centred, with what the pair sums need. */
export interface SilhouetteInput {
  /** Sorted, centred rows (n × d). */
  X: Float64Array; n: number; d: number; k: number;
  /** Squared norms of the rows of X. */
  norms: Float64Array;
  /** Labels in sorted order; rows of cluster c are [start[c], start[c+1]). */
  lab: Int32Array; start: Int32Array;
  counts: Float64Array;
  /** order[p] = original index of sorted row p. */
  order: Int32Array;
}

/**
 * Validate labels and sort/centre the rows (NaN mean-imputed).
 * @example const p = silhouettePrepare(m, labels) // then silhouetteSumsRange(p, from, to)
 */
export function silhouettePrepare(m: Matrix, labels: ArrayLike<number>): SilhouetteInput {
  const n = m.rows, d = m.cols;
  const { k, counts } = clusterCounts(labels, n);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => labels[a] - labels[b] || a - b);
  const X = centredCopy(selectRows(hasMissing(m) ? imputeMean(m) : m, Array.from(order)).data, n, d);
  const lab = Int32Array.from(order, (i) => labels[i]);
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + counts[c];
  return { X, n, d, k, norms: rowSqNorms(X, n, d), lab, start, counts, order };
}

/** Fixed number of parts of the pair sums (never the machine's core count: it sets the summation order). */
export const SILHOUETTE_PARTS = 4;

/**
 * The fixed parts [from, to) of the sorted rows: a row's pairs are those with later rows, so bounds
 * are spaced to give each part about the same number of pairs.
 * @example silhouetteParts(100) // [[0, 13], [13, 29], [29, 50], [50, 100]]
 */
export function silhouetteParts(n: number): [number, number][] {
  const bounds = Array.from({ length: SILHOUETTE_PARTS + 1 }, (_, p) => p === SILHOUETTE_PARTS ? n : Math.round(n * (1 - Math.sqrt(1 - p / SILHOUETTE_PARTS))));
  return bounds.slice(0, -1).map((b, p) => [b, bounds[p + 1]]);
}

/**
 * Distance sums of one part: every pair whose first row's block starts in [from, to), added to both
 * rows. Returns sums[p·k + c] (sorted row p, cluster c) over those pairs only.
 * @example const parts = silhouetteParts(p.n).map(([a, b]) => silhouetteSumsRange(p, a, b))
 */
export function silhouetteSumsRange(p: SilhouetteInput, from: number, to: number): Float64Array {
  const { X, n, d, k, norms, lab, start } = p;
  const sums = new Float64Array(n * k);
  const blk = new Float64Array(12), T = new Float64Array(4 * d);
  for (let c = 0; c < k; c++) {
    const s0 = start[c], end = start[c + 1], blockEnd = s0 + 4 * Math.floor((end - s0) / 4);
    let i = from <= s0 ? s0 : s0 + 4 * Math.ceil((from - s0) / 4);
    for (; i < blockEnd && i < to; i += 4) {
      for (let r = 0; r < 4; r++) exactPairs(X, d, i + r, i + r + 1, i + 4, lab, k, sums);
      packRows4(X, d, i, T);
      for (let cj = c; cj < k; cj++) {
        blockSegment(X, T, d, norms, i, cj === c ? i + 4 : start[cj], start[cj + 1], lab, k, sums, blk);
      }
    }
    for (let t = Math.max(from, blockEnd); t < end && t < to; t++) exactPairs(X, d, t, t + 1, n, lab, k, sums);
  }
  return sums;
}

/**
 * Silhouettes from the parts' sums (added in part order) in the original row order.
 * @example silhouetteFinish(p, parts).mean
 */
export function silhouetteFinish(p: SilhouetteInput, parts: readonly Float64Array[]): SilhouetteResult {
  const { n, k, lab, counts, order } = p;
  const sums = Float64Array.from(parts[0]);
  for (let q = 1; q < parts.length; q++) { const part = parts[q]; for (let e = 0; e < sums.length; e++) sums[e] += part[e]; }
  const sorted = finish(sums, lab, n, k, counts);
  const perRow = new Float64Array(n);
  for (let r = 0; r < n; r++) perRow[order[r]] = sorted.perRow[r];
  return { mean: sorted.mean, perRow };
}

/** Rows i..i+3 (one cluster, packed in T) against rows [from, to) of one cluster, 3 at a time. */
function blockSegment(X: Float64Array, T: Float64Array, d: number, norms: Float64Array, i: number, from: number, to: number,
  lab: Int32Array, k: number, sums: Float64Array, blk: Float64Array): void {
  const ci = lab[i];
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, j = from;
  for (; j + 2 < to; j += 3) {
    sqDistBlock4x3(T, X, d, norms, i, j, blk);
    let s0 = 0, s1 = 0, s2 = 0, v: number;
    v = Math.sqrt(blk[0]); a0 += v; s0 += v; v = Math.sqrt(blk[1]); a0 += v; s1 += v; v = Math.sqrt(blk[2]); a0 += v; s2 += v;
    v = Math.sqrt(blk[3]); a1 += v; s0 += v; v = Math.sqrt(blk[4]); a1 += v; s1 += v; v = Math.sqrt(blk[5]); a1 += v; s2 += v;
    v = Math.sqrt(blk[6]); a2 += v; s0 += v; v = Math.sqrt(blk[7]); a2 += v; s1 += v; v = Math.sqrt(blk[8]); a2 += v; s2 += v;
    v = Math.sqrt(blk[9]); a3 += v; s0 += v; v = Math.sqrt(blk[10]); a3 += v; s1 += v; v = Math.sqrt(blk[11]); a3 += v; s2 += v;
    sums[j * k + ci] += s0; sums[(j + 1) * k + ci] += s1; sums[(j + 2) * k + ci] += s2;
  }
  if (from < to) {
    const cj = lab[from];
    sums[i * k + cj] += a0; sums[(i + 1) * k + cj] += a1; sums[(i + 2) * k + cj] += a2; sums[(i + 3) * k + cj] += a3;
  }
  for (let r = 0; r < 4; r++) exactPairs(X, d, i + r, j, to, lab, k, sums);
}

/** Row p against rows [from, to), distances computed directly; added to both rows' sums. */
function exactPairs(X: Float64Array, d: number, p: number, from: number, to: number, lab: Int32Array, k: number, sums: Float64Array): void {
  for (let q = from; q < to; q++) {
    const dist = Math.sqrt(sqDist(X, p * d, X, q * d, d));
    sums[p * k + lab[q]] += dist;
    sums[q * k + lab[p]] += dist;
  }
}

/**
 * Silhouette from a precomputed n×n distance matrix (e.g. `gowerMatrix`).
 * @example silhouetteFromDistances(gowerMatrix(m, specs), m.rows, labels).mean
 */
export function silhouetteFromDistances(dist: Float64Array, n: number, labels: ArrayLike<number>): SilhouetteResult {
  if (dist.length !== n * n) throw new RangeError(`distance matrix length=${dist.length} must equal n*n=${n * n}`);
  const { k, counts } = clusterCounts(labels, n);
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * n, r = i * k;
    for (let j = 0; j < n; j++) if (j !== i) sums[r + labels[j]] += dist[o + j];
  }
  return finish(sums, labels, n, k, counts);
}
