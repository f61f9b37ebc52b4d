import { selectRows, type Matrix } from './matrix';
import { kmeans } from './kmeans';
import { createRandom } from './random';
import { fitGowerRanges, type VariableSpec } from './distance';
import { peerQuery, type NeighborMetric } from './neighbors';

export interface ClusterStabilityOptions {
  k: number;
  runs: number;
  seed: number;
  method?: 'kmeans';
}

export interface ClusterStability {
  /** Reference clustering on all rows (seeded k-means). */
  labels: Int32Array;
  /** Per reference cluster: mean over runs of the best Jaccard overlap with a bootstrap cluster (Hennig's clusterboot). */
  clusters: { cluster: number; size: number; meanJaccard: number }[];
  /** Per row: mean over runs (where the row was drawn) of the share of its drawn reference-cluster mates kept with it. */
  coAssignment: Float64Array;
  meanJaccard: number;
}

/**
 * Bootstrap cluster stability: resample rows with replacement `runs` times, re-cluster the resample
 * (k-means, seed + run) and compare with the reference clustering on the distinct drawn rows.
 * @example clusterStability(m, { k: 4, runs: 20, seed: 1 }).clusters[0].meanJaccard // ≈ 0.9 = stable
 */
export function clusterStability(m: Matrix, opts: ClusterStabilityOptions): ClusterStability {
  const { k, runs, seed } = opts;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs=${runs} must be an integer >= 1`);
  const n = m.rows;
  const ref = kmeans(m, { k, seed }).labels;
  const rng = createRandom(seed);
  const jac = new Float64Array(k), co = new Float64Array(n), coRuns = new Float64Array(n);
  const refSize = new Float64Array(k);
  for (let i = 0; i < n; i++) refSize[ref[i]]++;
  for (let r = 0; r < runs; r++) {
    const idx = rng.bootstrap(n);
    const boot = kmeans(selectRows(m, idx), { k, seed: seed + r + 1 }).labels;
    // distinct drawn rows with their bootstrap label (first occurrence)
    const bl = new Int32Array(n).fill(-1);
    for (let t = 0; t < n; t++) if (bl[idx[t]] < 0) bl[idx[t]] = boot[t];
    const table = new Float64Array(k * k), refCnt = new Float64Array(k), bootCnt = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      if (bl[i] < 0) continue;
      table[ref[i] * k + bl[i]]++; refCnt[ref[i]]++; bootCnt[bl[i]]++;
    }
    for (let c = 0; c < k; c++) {
      let best = 0;
      for (let b = 0; b < k; b++) {
        const inter = table[c * k + b], uni = refCnt[c] + bootCnt[b] - inter;
        if (uni > 0 && inter / uni > best) best = inter / uni;
      }
      jac[c] += best;
    }
    for (let i = 0; i < n; i++) {
      if (bl[i] < 0) continue;
      const mates = refCnt[ref[i]] - 1;
      co[i] += mates > 0 ? (table[ref[i] * k + bl[i]] - 1) / mates : 1;
      coRuns[i]++;
    }
  }
  const clusters = [];
  let total = 0;
  for (let c = 0; c < k; c++) { clusters.push({ cluster: c, size: refSize[c], meanJaccard: jac[c] / runs }); total += jac[c] / runs; }
  for (let i = 0; i < n; i++) co[i] = coRuns[i] > 0 ? co[i] / coRuns[i] : NaN;
  return { labels: ref, clusters, coAssignment: co, meanJaccard: total / k };
}

export interface PeerStabilityOptions {
  k: number;
  runs: number;
  seed: number;
  metric?: NeighborMetric;
  specs?: readonly VariableSpec[];
  weights?: ArrayLike<number>;
  /**
   * `rows` (default): candidate rows drawn with replacement; a peer's stability is the share of the
   * runs *in which it was drawn* where it stays in the top k. `variables`: variables drawn with
   * replacement (drawn counts become weights); every peer is always a candidate.
   */
  resample?: 'rows' | 'variables';
}

export interface PeerStability {
  index: number;
  distance: number;
  /** Fraction of runs (where it was a candidate) in which this peer stays in the top k. */
  stability: number;
  /** Runs in which it was a candidate. */
  runs: number;
}

/**
 * Bootstrap stability of a row's top-k peer list. Gower ranges are fitted once on all rows.
 * @example peerStability(m, 0, { k: 5, runs: 50, seed: 1, metric: 'gower' }) // [{ index, distance, stability, runs }]
 */
export function peerStability(m: Matrix, row: number, opts: PeerStabilityOptions): PeerStability[] {
  const { k, runs, seed } = opts;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs=${runs} must be an integer >= 1`);
  const metric = opts.metric ?? 'gower';
  const n = m.rows, d = m.cols;
  const specs = opts.specs;
  const ranges = metric === 'gower' ? fitGowerRanges(m, specs ?? new Array(d).fill({ kind: 'numeric' })) : undefined;
  const base = peerQuery(m, row, { k, metric, specs, weights: opts.weights, ranges }).neighbors;
  const rng = createRandom(seed);
  const kept = new Float64Array(base.length), seen = new Float64Array(base.length);
  const baseW = new Float64Array(d);
  for (let j = 0; j < d; j++) baseW[j] = opts.weights ? opts.weights[j] : specs?.[j]?.weight ?? 1;
  for (let r = 0; r < runs; r++) {
    let res;
    if (opts.resample === 'variables') {
      const w = new Float64Array(d);
      for (let t = 0; t < d; t++) { const j = rng.int(d); w[j] += baseW[j]; }
      res = peerQuery(m, row, { k, metric, specs, weights: w, ranges }).neighbors;
      seen.fill(seen[0] + 1);
      for (let b = 0; b < base.length; b++) if (res.some((x) => x.index === base[b].index)) kept[b]++;
    } else {
      const mask = new Uint8Array(n);
      for (let t = 0; t < n; t++) mask[rng.int(n)] = 1;
      res = peerQuery(m, row, { k, metric, specs, weights: opts.weights, ranges, candidates: mask }).neighbors;
      const inTop = new Set(res.map((x) => x.index));
      for (let b = 0; b < base.length; b++) {
        if (!mask[base[b].index]) continue;
        seen[b]++;
        if (inTop.has(base[b].index)) kept[b]++;
      }
    }
  }
  return base.map((p, b) => ({ index: p.index, distance: p.distance, stability: seen[b] > 0 ? kept[b] / seen[b] : NaN, runs: seen[b] }));
}
