import { hasMissing, imputeMean, selectRows, type Matrix } from './matrix';
import { kmeans } from './kmeans';
import { createRandom } from './random';

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
 * @example silhouette(fromRows([[0], [1], [10], [11]]), [0, 0, 1, 1]).mean // ≈ 0.9
 */
export function silhouette(m: Matrix, labels: ArrayLike<number>): SilhouetteResult {
  const n = m.rows, d = m.cols;
  const { k, counts } = clusterCounts(labels, n);
  const X = hasMissing(m) ? imputeMean(m).data : m.data;
  const lab = Int32Array.from(labels);
  const sums = new Float64Array(n * k);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o0 = i * d, o1 = o0 + d, l0 = lab[i], l1 = lab[i + 1];
    let s = 0;
    for (let t = 0; t < d; t++) { const v = X[o0 + t] - X[o1 + t]; s += v * v; }
    s = Math.sqrt(s);
    sums[i * k + l1] += s; sums[(i + 1) * k + l0] += s;
    pairRowsAgainst(X, d, n, i, lab, k, sums);
  }
  if (i < n) { // last odd row: its pairs were all accumulated by earlier rows
  }
  return finish(sums, lab, n, k, counts);
}

/** Rows i and i+1 against every row j ≥ i+2 (loads of row j shared by both). */
function pairRowsAgainst(X: Float64Array, d: number, n: number, i: number, lab: Int32Array, k: number, sums: Float64Array): void {
  const o0 = i * d, o1 = o0 + d, l0 = lab[i], l1 = lab[i + 1], r0 = i * k, r1 = r0 + k;
  let a0 = 0, a1 = 0;
  for (let j = i + 2; j < n; j++) {
    const oj = j * d;
    let s0 = 0, s1 = 0;
    for (let t = 0; t < d; t++) {
      const x = X[oj + t];
      const u = X[o0 + t] - x, w = X[o1 + t] - x;
      s0 += u * u; s1 += w * w;
    }
    s0 = Math.sqrt(s0); s1 = Math.sqrt(s1);
    const lj = lab[j], rj = j * k;
    if (lj === l0) a0 += s0; else sums[r0 + lj] += s0;
    if (lj === l1) a1 += s1; else sums[r1 + lj] += s1;
    sums[rj + l0] += s0; sums[rj + l1] += s1;
  }
  sums[r0 + l0] += a0; sums[r1 + l1] += a1;
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

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Rows used to score silhouettes (seeded subsample above this; default 5000). */
  maxRows?: number;
}

/**
 * Pick k by the mean silhouette of seeded k-means (k-means++) over [kMin, kMax]; ties → smaller k.
 * Above `maxRows` rows the silhouette is scored on a seeded subsample.
 * @example chooseK(m, { kMin: 2, kMax: 6, seed: 1 }) // { k: 3, scores: [{ k: 2, silhouette: 0.41 }, ...] }
 */
export function chooseK(m: Matrix, opts: ChooseKOptions = {}): { k: number; scores: { k: number; silhouette: number }[] } {
  const kMin = opts.kMin ?? 2, kMax = opts.kMax ?? Math.min(10, m.rows - 1), seed = opts.seed ?? 0;
  if (!Number.isInteger(kMin) || kMin < 2) throw new RangeError(`kMin=${kMin} must be an integer >= 2`);
  if (!Number.isInteger(kMax) || kMax < kMin) throw new RangeError(`kMax=${kMax} must be an integer >= kMin=${kMin}`);
  if (kMax > m.rows - 1) throw new RangeError(`kMax=${kMax} must be <= rows-1=${m.rows - 1}`);
  const maxRows = opts.maxRows ?? 5000;
  const sampleIdx = m.rows > maxRows ? Array.from(createRandom(seed).sample(m.rows, maxRows)).sort((a, b) => a - b) : null;
  const scored = sampleIdx ? selectRows(m, sampleIdx) : m;
  const scores: { k: number; silhouette: number }[] = [];
  let best = kMin, bestS = -Infinity;
  for (let k = kMin; k <= kMax; k++) {
    const { labels } = kmeans(m, { k, seed });
    const lab = sampleIdx ? Int32Array.from(sampleIdx, (i) => labels[i]) : labels;
    let s: number;
    try { s = silhouette(scored, lab).mean; } catch { s = -1; }
    scores.push({ k, silhouette: s });
    if (s > bestS) { bestS = s; best = k; }
  }
  return { k: best, scores };
}
