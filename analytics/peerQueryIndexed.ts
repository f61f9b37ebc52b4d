/**
 * The peer query's scan over a {@link PeerIndex}: branch-free sums (peerScanFilled.ts), the fill
 * terms of missing cells taken off again, and the careful scan for the few rows where rounding could
 * change the result, so the part is exactly the careful scan's.
 */
import { euclidFinish, euclidRows, gowerCatFinish, gowerRows } from './peerScan';
import type { PeerIndex } from './peerIndex';
import { missingSums, spanSums, type Span } from './peerScanFilled';
import { CHUNK, offer, skipRow, worstKept } from './peerPart';
import type { PeerQueryPart, PreparedPeerQuery } from './peerQueryParts';

const EPS4 = 4 * 2 ** -53;

/**
 * {@link peerQueryRange} over the index, into `part`. A row's sum minus its fill terms goes through
 * the careful scan's finishing steps. It may differ from the careful distance by rounding: the sum,
 * the fill total and the careful sum are each within d·2⁻⁵³ of their exact values relative to
 * (sum + fill terms), and every finishing step is monotonic, so
 * err = errScale · (sum + fill terms + catTotal) + 4·2⁻⁵³·|distance| bounds the difference (errScale
 * has a factor of 8 to spare and divides by the least possible used weight). A row whose interval
 * [distance ± err] could enter the k best or raise the farthest distance (and any NaN) is recomputed
 * by the careful scan: about k·ln(n/k) rows per query.
 * @example indexedRange(p, p.index, p.span, 0, p.m.rows, part)
 */
export function indexedRange(p: PreparedPeerQuery, index: PeerIndex, span: Span, from: number, to: number, part: PeerQueryPart): PeerQueryPart {
  const { m: { data, cols: d }, k, gower, nCat, wActive, wAll, errScale, catTotal } = p;
  const skip = skipRow(p), len = Math.min(CHUNK, to - from);
  const sums = new Float64Array(len), miss = new Float64Array(len), fill = new Float64Array(len), one = new Float64Array(1);
  let farthest = part.farthest, worst = worstKept(part, k), count = part.count;
  for (let s0 = from; s0 < to; s0 += CHUNK) {
    const s1 = Math.min(to, s0 + CHUNK);
    spanSums(index, s0, s1, span, sums);
    missingSums(index, s0, s1, span, miss, fill);
    for (let i = s0, t = 0; i < s1; i++, t++) {
      if (skip(i)) continue;
      const sum = sums[t], f = fill[t], acc = sum - f;
      let dist = !gower ? euclidFinish(acc, miss[t], wActive, wAll)
        : nCat > 0 ? gowerCatFinish(data, i * d, acc, miss[t], p.catIdx, p.catQ, p.catW, nCat, wActive)
          : wActive - miss[t] > 0 ? acc / (wActive - miss[t]) : NaN;
      const err = errScale * (sum + f + catTotal) + EPS4 * Math.abs(dist);
      if (!(dist - err >= worst && dist + err <= farthest)) {
        dist = carefulDistance(p, i, one);
        if (dist !== dist) continue;
      } // else: dist is defined, at most farthest, and no better than worst (a tie never wins)
      count++;
      if (dist > farthest) farthest = dist;
      if (dist < worst) { offer(part, k, dist, i); worst = worstKept(part, k); }
    }
  }
  part.farthest = farthest; part.count = count;
  return part;
}

/** Row i's distance by the careful scan (one row: the same bits as within a block). */
function carefulDistance(p: PreparedPeerQuery, i: number, one: Float64Array): number {
  const { data, cols: d } = p.m;
  if (p.gower) gowerRows(data, d, i, i + 1, p.runs, p.catIdx, p.catQ, p.catW, p.nCat, p.wActive, one);
  else euclidRows(data, d, i, i + 1, p.runs, p.wActive, p.wAll, one);
  return one[0];
}
