/**
 * The peer query split into exact parts: prepare once, scan any row ranges (in any order, on any
 * thread), merge. Every row's distance is computed by the same code whatever the split, and the
 * merge keeps the k smallest (distance, index) pairs, so any partition gives the serial result.
 */
import type { Matrix } from './matrix';
import { fitGowerRanges, resolveWeights } from './distance';
import { buildRuns, euclidRows, gowerRows, type Runs } from './peerScan';
import { gowerClampFree, type PeerIndex } from './peerIndex';
import { spanOf, type Kind, type Span } from './peerScanFilled';
import { accept, CHUNK, chunkScratch, offer, skipRow, type ChunkScratch } from './peerPart';
import { indexedRange } from './peerQueryIndexed';
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
  const useIndex = index?.finite && qv.every(Number.isFinite) ? index : undefined;
  const kind: Kind = gowerMetric ? (useIndex && gowerClampFree(useIndex, runs) ? 'gowerFree' : 'gowerClamped')
    : runs.nRuns > 0 && sv.subarray(runs.runA[0], runs.runB[runs.nRuns - 1]).every((v) => v === 1) ? 'euclidUnit' : 'euclid';
  return {
    m, self: typeof query === 'number' ? query : -1, q, k, gower: gowerMetric, w, runs,
    catIdx, catQ, catW, nCat, wActive, wAll, candidates: cand,
    index: useIndex, span: useIndex && spanOf(useIndex, runs, kind),
  };
}

/**
 * Scan rows [from, to): their k nearest (raw distances), farthest distance and candidate count.
 * @example const part = peerQueryRange(prepared, 0, 50000) // then mergePeerQueryParts(prepared, [part, …])
 */
export function peerQueryRange(p: PreparedPeerQuery, from: number, to: number): PeerQueryPart {
  const n = p.m.rows;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= n)) throw new RangeError(`range [${from}, ${to}) must lie within [0, rows=${n}]`);
  return scanInto(p, from, to, emptyPart(p.k), chunkScratch(to - from));
}

/** Rows a thread takes at a time when threads share one query (about 0.1 ms of scanning at 100k × 40). */
export const CLAIM_ROWS = 4096;

/**
 * Work sharing: scan blocks of `block` rows taken from the counter `claims[0]` (advanced with
 * `Atomics.add` by every thread sharing the query) until none are left. A slow or busy thread simply
 * takes fewer blocks. Each thread's blocks come in ascending order and the parts of any partition
 * merge to the serial result, so the answer never depends on who took what. `rows` counts the rows
 * this call scanned (all of them means no other thread took any).
 * @example const { part, rows } = peerQueryClaimed(prepared, new Int32Array(1)) // alone: every row
 */
export function peerQueryClaimed(p: PreparedPeerQuery, claims: Int32Array, block = CLAIM_ROWS): { part: PeerQueryPart; rows: number } {
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`block=${block} must be an integer >= 1`);
  const n = p.m.rows, part = emptyPart(p.k), scratch = chunkScratch(block);
  let rows = 0;
  for (let from = Atomics.add(claims, 0, block); from < n; from = Atomics.add(claims, 0, block)) {
    const to = Math.min(n, from + block);
    scanInto(p, from, to, part, scratch);
    rows += to - from;
  }
  return { part, rows };
}

function emptyPart(k: number): PeerQueryPart {
  return { dist: new Float64Array(k), index: new Int32Array(k), size: 0, farthest: -Infinity, count: 0 };
}

/** Add rows [from, to), which follow every row already in `part`, to it. */
function scanInto(p: PreparedPeerQuery, from: number, to: number, part: PeerQueryPart, scratch: ChunkScratch): PeerQueryPart {
  if (p.index && p.span) return indexedRange(p, p.index, p.span, from, to, part, scratch);
  const { m: { data, cols: d }, k } = p;
  const skip = skipRow(p), buf = scratch.sums;
  for (let s0 = from; s0 < to; s0 += CHUNK) {
    const s1 = Math.min(to, s0 + CHUNK);
    if (p.gower) gowerRows(data, d, s0, s1, p.runs, p.catIdx, p.catQ, p.catW, p.nCat, p.wActive, buf);
    else euclidRows(data, d, s0, s1, p.runs, p.wActive, p.wAll, buf);
    for (let i = s0; i < s1; i++) {
      const dist = buf[i - s0];
      if (dist === dist && !skip(i)) accept(part, k, dist, i);
    }
  }
  return part;
}

/**
 * Combine the parts of a query (any partition of the rows, any order) into its result.
 * @example mergePeerQueryParts(p, [peerQueryRange(p, 0, 500), peerQueryRange(p, 500, m.rows)])
 */
export function mergePeerQueryParts(p: PreparedPeerQuery, parts: readonly PeerQueryPart[]): PeerQueryResult {
  const { k, q, w, m: { data, cols: d } } = p;
  const heap = emptyPart(k);
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
