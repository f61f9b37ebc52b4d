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
 */
import { euclidRows, gowerCatFinish, gowerRows } from './peerScan';
import type { PeerIndex } from './peerIndex';
import { missingSums, spanSums, type Span } from './peerScanFilled';
import { CHUNK, offer, skipRow, worstKept } from './peerPart';
import type { PeerQueryPart, PreparedPeerQuery } from './peerQueryParts';

const EPS = 2 ** -53;

/**
 * {@link peerQueryRange} over the index, into `part` (see the file comment for why it is exact).
 * @example indexedRange(p, p.index, p.span, 0, p.m.rows, part)
 */
export function indexedRange(p: PreparedPeerQuery, index: PeerIndex, span: Span, from: number, to: number, part: PeerQueryPart): PeerQueryPart {
  const { k, wActive, nCat } = p;
  const skip = skipRow(p), len = Math.min(CHUNK, to - from);
  const sums = new Float64Array(len), miss = new Float64Array(len), fill = new Float64Array(len), one = new Float64Array(1);
  const rel = (p.m.cols + 8) * 2 ** -50;
  // Without categorical columns, distance = acc · g / used weight: the bounds compare acc with
  // (worst or farthest) · used weight / g, so no row needs a division. With them, acc is finished first.
  const g = p.gower ? 1 : p.wAll;
  let farthest = part.farthest, worst = worstKept(part, k), count = part.count;
  let lo = (worst * (1 + 8 * EPS)) / g, hi = (farthest * (1 - 8 * EPS)) / g;
  for (let s0 = from; s0 < to; s0 += CHUNK) {
    const s1 = Math.min(to, s0 + CHUNK);
    spanSums(index, s0, s1, span, sums);
    missingSums(index, s0, s1, span, miss, fill);
    for (let i = s0, t = 0; i < s1; i++, t++) {
      const sum = sums[t], f = fill[t], acc = sum - f, delta = rel * (sum + f);
      if (nCat === 0) {
        const den = wActive - miss[t];
        if (den > 0 && acc - delta >= lo * den && acc + delta <= hi * den) { if (!skip(i)) count++; continue; }
      } else {
        const o = i * p.m.cols, dLo = catFinish(p, o, acc - delta, miss[t]), dHi = catFinish(p, o, acc + delta, miss[t]);
        if (dLo >= worst && dHi <= farthest) { if (!skip(i)) count++; continue; } // (false when NaN)
      }
      if (skip(i)) continue;
      const dist = carefulDistance(p, i, one);
      if (dist !== dist) continue;
      count++;
      if (dist > farthest) { farthest = dist; hi = (farthest * (1 - 8 * EPS)) / g; }
      if (dist < worst) { offer(part, k, dist, i); worst = worstKept(part, k); lo = (worst * (1 + 8 * EPS)) / g; }
    }
  }
  part.farthest = farthest; part.count = count;
  return part;
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
