/**
 * The peer query split into exact parts: prepare once, scan any row ranges (in any order, on any
 * thread), merge. Every row's distance is computed by the same code whatever the split, and the
 * merge keeps the k smallest (distance, index) pairs, so any partition gives the serial result.
 */
import type { Matrix } from './matrix';
import { fitGowerRanges, resolveWeights } from './distance';
import { buildRuns, euclidRows, gowerCatFinish, gowerRows, type Runs } from './peerScan';
import { gowerClampFree, querySpan, type PeerIndex } from './peerIndex';
import { euclidSums, euclidSumsUnit, gowerSumsClamped, gowerSumsFree, type Span } from './peerScanFilled';
import type { Neighbor, NeighborOptions, PeerQueryResult } from './neighbors';

/** A validated query with its per-column scales, ready for {@link peerQueryRange}. */
export interface PreparedPeerQuery {
  m: Matrix;
  /** Row index of the query in `m` (never a candidate), or -1 for an external vector. */
  self: number;
  q: Float64Array;
  k: number;
  gower: boolean;
  w: Float64Array;
  runs: Runs;
  catIdx: Int32Array; catQ: Float64Array; catW: Float64Array; nCat: number;
  wActive: number; wAll: number;
  candidates?: ((i: number) => boolean) | Uint8Array;
  /** The matrix's index and the query's column span, when the branch-free scan applies. */
  index?: PeerIndex;
  span?: Span;
  /** Gower: the clamp at w can never bind (checked against the index's column bounds). */
  clampFree: boolean;
  /** Every column of the span has weight 1 (Euclidean: no weight multiply). */
  unitWeights: boolean;
}

/** The k best (raw distance, index) pairs of a row range, plus its farthest distance and candidate count. */
export interface PeerQueryPart {
  /** Raw distances: Gower, or the squared (rescaled) Euclidean distance. */
  dist: Float64Array;
  index: Int32Array;
  size: number;
  farthest: number;
  count: number;
}

/**
 * Validate a query and precompute its scales (fits Gower ranges when `opts.ranges` is absent:
 * pass them when preparing the same query in several places).
 * @example peerQueryRange(preparePeerQuery(m, 0, { k: 5, metric: 'gower', ranges }), 0, m.rows)
 */
export function preparePeerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions): PreparedPeerQuery {
  const { rows: n, cols: d, data } = m;
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
  const cand = opts.candidates;
  if (cand && typeof cand !== 'function' && cand.length !== n) throw new RangeError(`candidates mask length=${cand.length} must equal rows=${n}`);
  const index = opts.index;
  if (index && (index.rows !== n || index.cols !== d)) throw new RangeError(`index is ${index.rows}x${index.cols}, must match the matrix ${n}x${d}`);
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
  const runs = buildRuns(isRun, qv, sv, wv);
  // The branch-free scan needs finite values on both sides; otherwise the careful scan answers.
  const span = index?.finite && qv.every(Number.isFinite) ? querySpan(index, runs) : undefined;
  const useIndex = span ? index : undefined;
  return {
    m, self: typeof query === 'number' ? query : -1, q, k, gower: gowerMetric, w, runs,
    catIdx, catQ, catW, nCat, wActive, wAll, candidates: cand,
    index: useIndex, span, clampFree: useIndex !== undefined && gowerMetric && gowerClampFree(useIndex, runs),
    unitWeights: span !== undefined && sv.subarray(span.ja, span.jb).every((v) => v === 1),
  };
}

const CHUNK = 1024;

/**
 * Scan rows [from, to): their k nearest (raw distances), farthest distance and candidate count.
 * @example const part = peerQueryRange(prepared, 0, 50000) // then mergePeerQueryParts(prepared, [part, …])
 */
export function peerQueryRange(p: PreparedPeerQuery, from: number, to: number): PeerQueryPart {
  const { m: { data, cols: d, rows: n }, k, self, candidates: cand } = p;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= n)) throw new RangeError(`range [${from}, ${to}) must lie within [0, rows=${n}]`);
  const mask = cand && typeof cand !== 'function' ? cand : undefined, pred = typeof cand === 'function' ? cand : undefined;
  const part: PeerQueryPart = { dist: new Float64Array(k), index: new Int32Array(k), size: 0, farthest: -Infinity, count: 0 };
  const len = Math.min(CHUNK, Math.max(0, to - from));
  const buf = new Float64Array(len), miss = p.index ? new Float64Array(len) : buf;
  let farthest = -Infinity, count = 0, full = false, worst = Infinity;
  for (let s0 = from; s0 < to; s0 += CHUNK) {
    const e = Math.min(to, s0 + CHUNK);
    if (p.index && p.span) scanIndexed(p, p.index, p.span, s0, e, miss, buf);
    else if (p.gower) gowerRows(data, d, s0, e, p.runs, p.catIdx, p.catQ, p.catW, p.nCat, p.wActive, buf);
    else euclidRows(data, d, s0, e, p.runs, p.wActive, p.wAll, buf);
    for (let i = s0; i < e; i++) {
      if (i === self || (mask !== undefined && mask[i] === 0) || (pred !== undefined && !pred(i))) continue;
      const dist = buf[i - s0];
      if (dist !== dist) continue;
      count++;
      if (dist > farthest) farthest = dist;
      if (!full || dist < worst) { // rows come in index order: a tie never wins
        offer(part, k, dist, i);
        if (part.size === k) { full = true; worst = part.dist[0]; }
      }
    }
  }
  part.farthest = farthest; part.count = count;
  return part;
}

/** Distances of rows [from, to) into out via the index (branch-free sums), categorical columns added per row. */
function scanIndexed(p: PreparedPeerQuery, index: PeerIndex, span: Span, from: number, to: number, miss: Float64Array, out: Float64Array): void {
  const { data, cols: d } = p.m;
  if (!p.gower) return (p.unitWeights ? euclidSumsUnit : euclidSums)(index, from, to, span, miss, out, p.wActive, p.wAll);
  (p.clampFree ? gowerSumsFree : gowerSumsClamped)(index, from, to, span, miss, out, p.wActive, p.nCat === 0);
  if (p.nCat === 0) return;
  for (let t = 0; t < to - from; t++) out[t] = gowerCatFinish(data, (from + t) * d, out[t], miss[t], p.catIdx, p.catQ, p.catW, p.nCat, p.wActive);
}

/**
 * Combine the parts of a query (any partition of the rows, any order) into its result.
 * @example mergePeerQueryParts(p, [peerQueryRange(p, 0, 500), peerQueryRange(p, 500, m.rows)])
 */
export function mergePeerQueryParts(p: PreparedPeerQuery, parts: readonly PeerQueryPart[]): PeerQueryResult {
  const { k, q, w, m: { data, cols: d } } = p;
  const heap: PeerQueryPart = { dist: new Float64Array(k), index: new Int32Array(k), size: 0, farthest: -Infinity, count: 0 };
  let farthest = -Infinity, count = 0;
  for (const part of parts) {
    if (part.farthest > farthest) farthest = part.farthest;
    count += part.count;
    for (let t = 0; t < part.size; t++) {
      const dist = part.dist[t], i = part.index[t];
      if (heap.size < k || dist < heap.dist[0] || (dist === heap.dist[0] && i < heap.index[0])) offer(heap, k, dist, i);
    }
  }
  const out: Neighbor[] = [];
  for (let t = 0; t < heap.size; t++) {
    const idx = heap.index[t], o = idx * d;
    let used = 0;
    for (let j = 0; j < d; j++) if (w[j] > 0 && q[j] === q[j] && data[o + j] === data[o + j]) used++;
    out.push({ index: idx, distance: p.gower ? heap.dist[t] : Math.sqrt(heap.dist[t]), used });
  }
  out.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return { neighbors: out, farthest: count === 0 ? NaN : p.gower ? farthest : Math.sqrt(farthest), candidates: count };
}

/**
 * Bounded max-heap of the k best (distance, index) pairs; larger index loses ties. The caller only
 * offers a pair when the heap is not full or it beats the root.
 */
function offer(heap: PeerQueryPart, k: number, dist: number, i: number): void {
  const heapD = heap.dist, heapI = heap.index;
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
