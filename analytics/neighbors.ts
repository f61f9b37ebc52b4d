import type { Matrix } from './matrix';
import { fitGowerRanges, gower, resolveWeights, type VariableSpec } from './distance';

export type NeighborMetric = 'gower' | 'euclidean';

export interface NeighborOptions {
  k: number;
  metric: NeighborMetric;
  /** Column specs (Gower). Default: every column numeric. */
  specs?: readonly VariableSpec[];
  /** Per-column weights (override `specs[j].weight`). */
  weights?: ArrayLike<number>;
  /** Precomputed Gower ranges (from `fitGowerRanges`); fitted from `m` when absent (one extra pass). */
  ranges?: ArrayLike<number>;
  /** Restrict candidates: predicate or mask (1 = candidate). */
  candidates?: ((i: number) => boolean) | Uint8Array;
}

export interface Neighbor {
  index: number;
  distance: number;
  /** Variables present in both rows (with weight > 0). */
  used: number;
}

export interface PeerQueryResult {
  neighbors: Neighbor[];
  /** Largest distance over all candidates (for {@link peerSimilarity}); NaN when none. */
  farthest: number;
  /** Number of candidates with a defined distance. */
  candidates: number;
}

/** Weighted Gower distance of one stored row (offset o) to the active query columns; NaN if none shared. */
function gowerRow(data: Float64Array, o: number, numIdx: Int32Array, numQ: Float64Array, numS: Float64Array, numW: Float64Array, nNum: number,
  catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number): number {
  let acc = 0, miss = 0;
  for (let t = 0; t < nNum; t++) {
    const b = data[o + numIdx[t]];
    if (b !== b) { miss += numW[t]; continue; }
    const c = Math.abs(numQ[t] - b) * numS[t];
    const cw = numW[t];
    acc += c > cw ? cw : c;
  }
  for (let t = 0; t < nCat; t++) {
    const b = data[o + catIdx[t]];
    if (b !== b) miss += catW[t];
    else if (b !== catQ[t]) acc += catW[t];
  }
  const den = wActive - miss;
  return den > 0 ? acc / den : NaN;
}

/** Rescaled squared weighted Euclidean distance (sum w·diff² · wAll/wUsed); NaN if none shared. */
function euclidRow(data: Float64Array, o: number, numIdx: Int32Array, numQ: Float64Array, numS: Float64Array, numW: Float64Array, nNum: number,
  wActive: number, wAll: number): number {
  let acc = 0, miss = 0;
  for (let t = 0; t < nNum; t++) {
    const diff = numQ[t] - data[o + numIdx[t]];
    if (diff !== diff) { miss += numW[t]; continue; }
    acc += diff * diff * numS[t];
  }
  const den = wActive - miss;
  return den > 0 ? acc * (wAll / den) : NaN;
}

/**
 * One query against every row: the k nearest rows plus the farthest candidate distance.
 * Single pass over the flat array, bounded max-heap of size k, no per-row allocation.
 * Rows sharing no variable with the query (distance NaN) are never returned.
 * @example peerQuery(m, 0, { k: 5, metric: 'gower', ranges }).neighbors[0].index
 */
export function peerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions): PeerQueryResult {
  const { rows: n, cols: d, data } = m;
  const self = typeof query === 'number' ? query : -1;
  if (typeof query === 'number' && (!Number.isInteger(query) || query < 0 || query >= n)) {
    throw new RangeError(`row=${query} must be an integer in [0, rows=${n})`);
  }
  const q = typeof query === 'number' ? data.subarray(query * d, query * d + d) : query;
  if (q.length !== d) throw new RangeError(`query length=${q.length} must equal cols=${d}`);
  const k = opts.k;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k=${k} must be an integer >= 1`);
  if (opts.metric !== 'gower' && opts.metric !== 'euclidean') throw new RangeError(`metric=${String(opts.metric)} must be gower|euclidean`);
  const gowerMetric = opts.metric === 'gower';
  const specs = opts.specs;
  if (specs && specs.length !== d) throw new RangeError(`specs.length=${specs.length} must equal cols=${d}`);
  const w = resolveWeights(specs, opts.weights, d);
  let ranges: ArrayLike<number> | undefined;
  if (gowerMetric) {
    ranges = opts.ranges ?? fitGowerRanges(m, specs ?? new Array(d).fill({ kind: 'numeric' }));
    if (ranges.length !== d) throw new RangeError(`ranges.length=${ranges.length} must equal cols=${d}`);
  }
  // Active columns of the query: split into continuous (numeric/ordinal or euclidean) and categorical.
  const numIdx = new Int32Array(d), numQ = new Float64Array(d), numS = new Float64Array(d), numW = new Float64Array(d);
  const catIdx = new Int32Array(d), catQ = new Float64Array(d), catW = new Float64Array(d);
  let nNum = 0, nCat = 0, wActive = 0, wAll = 0;
  for (let j = 0; j < d; j++) {
    wAll += w[j];
    const v = q[j];
    if (v !== v || w[j] === 0) continue;
    wActive += w[j];
    const kind = specs?.[j].kind ?? 'numeric';
    if (gowerMetric && (kind === 'categorical' || kind === 'boolean')) {
      catIdx[nCat] = j; catQ[nCat] = v; catW[nCat] = w[j]; nCat++;
    } else {
      numIdx[nNum] = j; numQ[nNum] = v; numW[nNum] = w[j];
      numS[nNum] = gowerMetric ? (ranges![j] > 0 ? w[j] / ranges![j] : 0) : w[j];
      nNum++;
    }
  }
  let mask: Uint8Array | undefined;
  const cand = opts.candidates;
  if (typeof cand === 'function') { mask = new Uint8Array(n); for (let i = 0; i < n; i++) mask[i] = cand(i) ? 1 : 0; }
  else if (cand) { if (cand.length !== n) throw new RangeError(`candidates mask length=${cand.length} must equal rows=${n}`); mask = cand; }

  const heapD = new Float64Array(k), heapI = new Int32Array(k);
  let size = 0, farthest = -Infinity, count = 0;
  for (let i = 0; i < n; i++) {
    if (i === self || (mask !== undefined && mask[i] === 0)) continue;
    const dist = gowerMetric
      ? gowerRow(data, i * d, numIdx, numQ, numS, numW, nNum, catIdx, catQ, catW, nCat, wActive)
      : euclidRow(data, i * d, numIdx, numQ, numS, numW, nNum, wActive, wAll);
    if (dist !== dist) continue;
    count++;
    if (dist > farthest) farthest = dist;
    if (size < k) {
      // sift up
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (heapD[p] > dist || (heapD[p] === dist && heapI[p] > i)) break;
        heapD[c] = heapD[p]; heapI[c] = heapI[p]; c = p;
      }
      heapD[c] = dist; heapI[c] = i;
    } else if (dist < heapD[0]) {
      // replace root, sift down
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        let b = l;
        const r = l + 1;
        if (r < size && (heapD[r] > heapD[l] || (heapD[r] === heapD[l] && heapI[r] > heapI[l]))) b = r;
        if (heapD[b] > dist || (heapD[b] === dist && heapI[b] > i)) {
          heapD[c] = heapD[b]; heapI[c] = heapI[b]; c = b;
        } else break;
      }
      heapD[c] = dist; heapI[c] = i;
    }
  }
  const out: Neighbor[] = [];
  for (let t = 0; t < size; t++) {
    const idx = heapI[t], o = idx * d;
    let used = 0;
    for (let j = 0; j < d; j++) if (w[j] > 0 && q[j] === q[j] && data[o + j] === data[o + j]) used++;
    out.push({ index: idx, distance: gowerMetric ? heapD[t] : Math.sqrt(heapD[t]), used });
  }
  out.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return { neighbors: out, farthest: count === 0 ? NaN : gowerMetric ? farthest : Math.sqrt(farthest), candidates: count };
}

/**
 * The k nearest rows to `row` (an index into `m`, excluded from results, or an external vector),
 * ascending by distance, ties broken by index.
 * @example nearestNeighbors(m, 3, { k: 5, metric: 'euclidean' }) // [{ index, distance, used }, ...]
 */
export function nearestNeighbors(m: Matrix, row: number | Float64Array, opts: NeighborOptions): Neighbor[] {
  return peerQuery(m, row, opts).neighbors;
}

/**
 * Attach a similarity in [0,1]: 1 - distance / farthestDistance (the farthest candidate scores 0,
 * an identical row 1). If farthestDistance is 0 or NaN every similarity is 1.
 * @example peerSimilarity([{ index: 1, distance: 0.2, used: 3 }], 0.8) // [{ ..., similarity: 0.75 }]
 */
export function peerSimilarity<T extends { distance: number }>(results: readonly T[], farthestDistance: number): Array<T & { similarity: number }> {
  return results.map((r) => {
    let s = farthestDistance > 0 ? 1 - r.distance / farthestDistance : 1;
    if (s < 0) s = 0; else if (s > 1) s = 1;
    return { ...r, similarity: s };
  });
}

export interface PairContribution {
  index: number;
  name: string;
  /** Weighted share of the Gower distance (contributions sum to `distance`). */
  contribution: number;
  a: number;
  b: number;
}

export interface PairExplanation {
  distance: number;
  used: number;
  /** Variables present in both rows, ascending by contribution (most similar first). */
  items: PairContribution[];
  /** Up to 5 variables with the smallest contributions ("why similar"). */
  similarities: PairContribution[];
  /** Up to 5 variables with the largest contributions, largest first ("where they differ"). */
  differences: PairContribution[];
  /** Indices of variables skipped because missing in either row. */
  missing: number[];
}

/**
 * Explain a Gower comparison: per-variable contributions sorted ascending.
 * @example explainPair(row(m, 0), row(m, 7), specs, ranges, undefined, names).differences[0].name
 */
export function explainPair(a: Float64Array, b: Float64Array, specs: readonly VariableSpec[], ranges: ArrayLike<number>, weights?: ArrayLike<number>, names?: readonly string[], top = 5): PairExplanation {
  const g = gower(a, b, specs, ranges, weights);
  const items: PairContribution[] = [];
  const missing: number[] = [];
  const c = g.contributions!;
  for (let j = 0; j < specs.length; j++) {
    if (c[j] !== c[j]) { missing.push(j); continue; }
    items.push({ index: j, name: names?.[j] ?? `v${j}`, contribution: c[j], a: a[j], b: b[j] });
  }
  items.sort((x, y) => x.contribution - y.contribution || x.index - y.index);
  const differences = items.slice(Math.max(0, items.length - top)).reverse();
  return { distance: g.distance, used: g.used, items, similarities: items.slice(0, top), differences, missing };
}
