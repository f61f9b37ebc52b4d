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

/**
 * The query's continuous active columns as contiguous runs [runA[r], runB[r]), so the row loops read
 * `data[o + j]` sequentially without an index array. qv/sv/wv are indexed by column: query value,
 * per-column scale (w/range for Gower, w for Euclidean) and weight.
 */
interface Runs { runA: Int32Array; runB: Int32Array; nRuns: number; qv: Float64Array; sv: Float64Array; wv: Float64Array }

/** Weighted Gower distance of one stored row (offset o) to the active query columns; NaN if none shared. */
function gowerRow(data: Float64Array, o: number, R: Runs, catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number): number {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let acc = 0, miss = 0;
  for (let r = 0; r < nRuns; r++) {
    for (let j = runA[r], e = runB[r]; j < e; j++) {
      const b = data[o + j];
      if (b !== b) { miss += wv[j]; continue; }
      const c = Math.abs(qv[j] - b) * sv[j];
      const cw = wv[j];
      acc += c > cw ? cw : c;
    }
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
function euclidRow(data: Float64Array, o: number, R: Runs, wActive: number, wAll: number): number {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let acc = 0, miss = 0;
  for (let r = 0; r < nRuns; r++) {
    for (let j = runA[r], e = runB[r]; j < e; j++) {
      const diff = qv[j] - data[o + j];
      if (diff !== diff) { miss += wv[j]; continue; }
      acc += diff * diff * sv[j];
    }
  }
  const den = wActive - miss;
  return den > 0 ? acc * (wAll / den) : NaN;
}

/** Finish a Euclidean accumulation: rescale by wAll / used weight; NaN if nothing shared. */
function euclidFinish(acc: number, miss: number, wActive: number, wAll: number): number {
  const den = wActive - miss;
  return den > 0 ? acc * (wAll / den) : NaN;
}

/**
 * {@link euclidRow} for rows [from, to) into out[i - from]. Four rows advance together (four
 * independent add chains, same per-row summation order, so results are bit-identical).
 */
function euclidRows(data: Float64Array, d: number, from: number, to: number, R: Runs, wActive: number, wAll: number, out: Float64Array): void {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qv[j], sj = sv[j], wj = wv[j];
        const x0 = q - data[o0 + j], x1 = q - data[o1 + j], x2 = q - data[o2 + j], x3 = q - data[o3 + j];
        if (x0 === x0) a0 += x0 * x0 * sj; else m0 += wj;
        if (x1 === x1) a1 += x1 * x1 * sj; else m1 += wj;
        if (x2 === x2) a2 += x2 * x2 * sj; else m2 += wj;
        if (x3 === x3) a3 += x3 * x3 * sj; else m3 += wj;
      }
    }
    const b = i - from;
    out[b] = euclidFinish(a0, m0, wActive, wAll); out[b + 1] = euclidFinish(a1, m1, wActive, wAll);
    out[b + 2] = euclidFinish(a2, m2, wActive, wAll); out[b + 3] = euclidFinish(a3, m3, wActive, wAll);
  }
  for (; i < to; i++) out[i - from] = euclidRow(data, i * d, R, wActive, wAll);
}

/** Gower term of one continuous column: min(|q - b|·s, w). */
function gowerTerm1(q: number, b: number, s: number, w: number): number {
  const c = Math.abs(q - b) * s;
  return c > w ? w : c;
}

/**
 * {@link gowerRow} for rows [from, to) into out[i - from], four rows at a time over the continuous
 * runs (same per-row summation order: bit-identical), then the categorical columns per row.
 */
function gowerRows(data: Float64Array, d: number, from: number, to: number, R: Runs,
  catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number, out: Float64Array): void {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qv[j], sj = sv[j], wj = wv[j];
        const b0 = data[o0 + j], b1 = data[o1 + j], b2 = data[o2 + j], b3 = data[o3 + j];
        if (b0 === b0) a0 += gowerTerm1(q, b0, sj, wj); else m0 += wj;
        if (b1 === b1) a1 += gowerTerm1(q, b1, sj, wj); else m1 += wj;
        if (b2 === b2) a2 += gowerTerm1(q, b2, sj, wj); else m2 += wj;
        if (b3 === b3) a3 += gowerTerm1(q, b3, sj, wj); else m3 += wj;
      }
    }
    const b = i - from;
    out[b] = gowerCatFinish(data, o0, a0, m0, catIdx, catQ, catW, nCat, wActive);
    out[b + 1] = gowerCatFinish(data, o1, a1, m1, catIdx, catQ, catW, nCat, wActive);
    out[b + 2] = gowerCatFinish(data, o2, a2, m2, catIdx, catQ, catW, nCat, wActive);
    out[b + 3] = gowerCatFinish(data, o3, a3, m3, catIdx, catQ, catW, nCat, wActive);
  }
  for (; i < to; i++) out[i - from] = gowerRow(data, i * d, R, catIdx, catQ, catW, nCat, wActive);
}

/** Add the categorical columns of one row to its continuous Gower sums and divide. */
function gowerCatFinish(data: Float64Array, o: number, acc: number, miss: number,
  catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number): number {
  for (let t = 0; t < nCat; t++) {
    const b = data[o + catIdx[t]];
    if (b !== b) miss += catW[t];
    else if (b !== catQ[t]) acc += catW[t];
  }
  const den = wActive - miss;
  return den > 0 ? acc / den : NaN;
}

/** Group the continuous active columns (`isRun[j]` = 1) into maximal contiguous runs. */
function buildRuns(isRun: Uint8Array, qv: Float64Array, sv: Float64Array, wv: Float64Array): Runs {
  const d = isRun.length;
  const runA = new Int32Array(d), runB = new Int32Array(d);
  let nRuns = 0;
  for (let j = 0; j < d; j++) {
    if (isRun[j] === 0) continue;
    if (nRuns > 0 && runB[nRuns - 1] === j) runB[nRuns - 1] = j + 1;
    else { runA[nRuns] = j; runB[nRuns] = j + 1; nRuns++; }
  }
  return { runA, runB, nRuns, qv, sv, wv };
}

/**
 * Bounded max-heap of the k best (distance, index) pairs; larger index loses ties. The caller only
 * offers a pair when the heap is not full or it beats the root.
 */
function offer(heap: { d: Float64Array; i: Int32Array; size: number }, k: number, dist: number, i: number): void {
  const heapD = heap.d, heapI = heap.i;
  if (heap.size < k) {
    let c = heap.size++; // sift up
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (heapD[p] > dist || (heapD[p] === dist && heapI[p] > i)) break;
      heapD[c] = heapD[p]; heapI[c] = heapI[p]; c = p;
    }
    heapD[c] = dist; heapI[c] = i;
    return;
  }
  const size = heap.size; // replace root, sift down
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
  const isRun = new Uint8Array(d), qv = new Float64Array(d), sv = new Float64Array(d), wv = new Float64Array(d);
  const catIdx = new Int32Array(d), catQ = new Float64Array(d), catW = new Float64Array(d);
  let nCat = 0, wActive = 0, wAll = 0;
  for (let j = 0; j < d; j++) {
    wAll += w[j];
    const v = q[j];
    if (v !== v || w[j] === 0) continue;
    wActive += w[j];
    const kind = specs?.[j].kind ?? 'numeric';
    if (gowerMetric && (kind === 'categorical' || kind === 'boolean')) {
      catIdx[nCat] = j; catQ[nCat] = v; catW[nCat] = w[j]; nCat++;
    } else {
      isRun[j] = 1; qv[j] = v; wv[j] = w[j];
      sv[j] = gowerMetric ? (ranges![j] > 0 ? w[j] / ranges![j] : 0) : w[j];
    }
  }
  const R = buildRuns(isRun, qv, sv, wv);
  let mask: Uint8Array | undefined;
  const cand = opts.candidates;
  if (typeof cand === 'function') { mask = new Uint8Array(n); for (let i = 0; i < n; i++) mask[i] = cand(i) ? 1 : 0; }
  else if (cand) { if (cand.length !== n) throw new RangeError(`candidates mask length=${cand.length} must equal rows=${n}`); mask = cand; }

  const heap = { d: new Float64Array(k), i: new Int32Array(k), size: 0 };
  let farthest = -Infinity, count = 0;
  const CH = 1024, buf = new Float64Array(CH);
  for (let s0 = 0; s0 < n; s0 += CH) {
    const e = Math.min(n, s0 + CH);
    if (gowerMetric) gowerRows(data, d, s0, e, R, catIdx, catQ, catW, nCat, wActive, buf);
    else euclidRows(data, d, s0, e, R, wActive, wAll, buf);
    for (let i = s0; i < e; i++) {
      if (i === self || (mask !== undefined && mask[i] === 0)) continue;
      const dist = buf[i - s0];
      if (dist !== dist) continue;
      count++;
      if (dist > farthest) farthest = dist;
      if (heap.size < k || dist < heap.d[0]) offer(heap, k, dist, i);
    }
  }
  const heapD = heap.d, heapI = heap.i, size = heap.size;
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
