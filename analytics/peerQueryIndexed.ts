/**
 * The peer query's scan over a {@link PeerIndex}: branch-free sums (peerScanFilled.ts), the fill
 * terms of missing cells taken off again, and the careful scan for the few rows where rounding could
 * change the result, so the part is exactly the careful scan's.
 *
 * Why it is exact: a row's sum minus its fill terms (acc) and the careful scan's sum of its present
 * terms are both within (d + 2)·2⁻⁵³·(sum + fill terms) of the exact real sum (all terms ≥ 0), and
 * every finishing step (adding categorical mismatches, dividing by the used weight, scaling) is
 * monotonic. So with δ = (d + 8)·2⁻⁵⁰·(sum + fill terms), a factor of 8 to spare, the careful
 * distance lies within the bounds computed from acc ± δ. A row is recomputed by the careful scan
 * whenever those bounds could put it among the k best or above the farthest distance (and whenever
 * its distance could be undefined): about k·ln(n/k) rows per query. Every other row only counts.
 *
 * Most rows are settled before their missing cells are even looked at ({@link screen}): a row with
 * c missing cells has fill terms in [0, c·fillMax] and a used weight in [wActive − c·weightMax,
 * wActive], and every step of the test is monotonic in both, so if the test passes at the worst
 * end of both ranges it passes for the row's actual values.
 */
import { euclidRows, gowerCatFinish, gowerRows } from './peerScan';
import type { PeerIndex } from './peerIndex';
import { spanSums, type Span } from './peerScanFilled';
import { candidatesIn, CHUNK, offer, skipRow, worstKept, type ChunkScratch } from './peerPart';
import type { PeerQueryPart, PreparedPeerQuery } from './peerQueryParts';

const EPS = 2 ** -53;

/**
 * {@link peerQueryRange} over the index, into `part` (see the file comment for why it is exact).
 * @example indexedRange(p, p.index, p.span, 0, p.m.rows, part, chunkScratch(p.m.rows))
 */
export function indexedRange(p: PreparedPeerQuery, index: PeerIndex, span: Span, from: number, to: number, part: PeerQueryPart, scratch: ChunkScratch): PeerQueryPart {
  const { k, wActive, nCat } = p, { missStart, missCol } = index, { fillTerm, runs: { wv } } = span;
  const skip = skipRow(p), { sums, pending, one } = scratch;
  const rel = (p.m.cols + 8) * 2 ** -50;
  // Each missing cell adds at most fillMax to the row's sum and takes at most weightMax from its used
  // weight; `slack` covers the rounding of adding up to d of them.
  const slack = 1 + (p.m.cols + 2) * EPS * 2, fillMax = span.fillMax * slack, weightMax = span.weightMax * slack;
  // Without categorical columns, distance = acc · g / used weight: the bounds compare acc with
  // (worst or farthest) · used weight / g, so no row needs a division. With them, acc is finished first.
  const g = p.gower ? 1 : p.wAll;
  let farthest = part.farthest, worst = worstKept(part, k), count = part.count;
  let lo = (worst * (1 + 8 * EPS)) / g, hi = (farthest * (1 - 8 * EPS)) / g;
  for (let s0 = from; s0 < to; s0 += CHUNK) {
    const s1 = Math.min(to, s0 + CHUNK);
    spanSums(index, s0, s1, span, sums);
    // Every candidate counts unless its careful distance turns out undefined (below).
    count += candidatesIn(p, skip, s0, s1);
    let np = s1 - s0;
    if (nCat === 0) np = screen(sums, missStart, s0, s1, fillMax, weightMax, wActive, rel, lo, hi, pending);
    else for (let t = 0; t < np; t++) pending[t] = t;
    for (let u = 0; u < np; u++) {
      const i = s0 + pending[u];
      if (skip(i)) continue;
      const sum = sums[i - s0];
      let f = 0, miss = 0;
      for (let e = missStart[i], end = missStart[i + 1]; e < end; e++) { const j = missCol[e]; miss += wv[j]; f += fillTerm[j]; }
      const acc = sum - f, delta = rel * (sum + f);
      if (nCat === 0) {
        const den = wActive - miss;
        if (den > 0 && acc - delta >= lo * den && acc + delta <= hi * den) continue;
      } else {
        const o = i * p.m.cols, dLo = catFinish(p, o, acc - delta, miss), dHi = catFinish(p, o, acc + delta, miss);
        if (dLo >= worst && dHi <= farthest) continue; // (false when NaN)
      }
      const dist = carefulDistance(p, i, one);
      if (dist !== dist) { count--; continue; }
      if (dist > farthest) { farthest = dist; hi = (farthest * (1 - 8 * EPS)) / g; }
      if (dist < worst) { offer(part, k, dist, i); worst = worstKept(part, k); lo = (worst * (1 + 8 * EPS)) / g; }
    }
  }
  part.farthest = farthest; part.count = count;
  return part;
}

/**
 * Without categorical columns: the offsets (from s0) of the rows [s0, s1) that a test holding
 * whatever their missing cells are cannot settle, into `pending`; returns how many. (For a row
 * without missing cells it is the exact test; whenever it passes, the exact test passes too, with
 * these or any later, tighter lo and hi.)
 */
function screen(sums: Float64Array, missStart: Int32Array, s0: number, s1: number, fillMax: number, weightMax: number, wActive: number, rel: number, lo: number, hi: number, pending: Int32Array): number {
  let np = 0;
  for (let i = s0, t = 0; i < s1; i++, t++) {
    const sum = sums[t], c = missStart[i + 1] - missStart[i], fMax = c * fillMax, den = wActive - c * weightMax;
    if (!(den > 0 && sum - fMax - rel * (sum + fMax) >= lo * wActive && sum + rel * (sum + fMax) <= hi * den)) pending[np++] = t;
  }
  return np;
}

/** Gower with categorical columns: the row's continuous sum `acc` finished as the careful scan does. */
function catFinish(p: PreparedPeerQuery, o: number, acc: number, miss: number): number {
  return gowerCatFinish(p.m.data, o, acc, miss, p.catIdx, p.catQ, p.catW, p.nCat, p.wActive);
}

/** Row i's distance by the careful scan (one row: the same bits as within a block). */
function carefulDistance(p: PreparedPeerQuery, i: number, one: Float64Array): number {
  const { data, cols: d } = p.m;
  if (p.gower) gowerRows(data, d, i, i + 1, p.runs, p.catIdx, p.catQ, p.catW, p.nCat, p.wActive, one);
  else euclidRows(data, d, i, i + 1, p.runs, p.wActive, p.wAll, one);
  return one[0];
}
