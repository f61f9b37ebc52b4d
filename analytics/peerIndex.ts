/**
 * A per-matrix index that makes peer queries branch-free: a NaN-free copy of the data in which each
 * missing cell holds a fixed value of its column (see {@link PeerIndex.fill}), the missing cells of
 * each row (CSR), and column bounds that tell when the Gower clamp min(|q − b|·s, w) can never bind.
 * Read-only once built: any number of queries (and threads) may read it at once.
 */
import type { Matrix } from './matrix';
import { plainArrays, type ArrayAllocator } from './arrays';
import type { Runs } from './peerScan';

export interface PeerIndex {
  rows: number;
  cols: number;
  /**
   * The data, 4 rows interleaved (cell (i, j) at {@link cellOffset}; rows padded to a multiple of
   * 4 with zeros), with missing cells set to fill[j] (never NaN).
   */
  filled: Float64Array;
  /**
   * The value standing in for column j's missing cells: the mean of its present values, kept within
   * [lo, hi] (0 when it has none). Near a typical query value, so a missing cell's term is small.
   */
  fill: Float64Array;
  /** Missing cells in row-major order: row i's are in columns missCol[e] for e in [missStart[i], missStart[i + 1]). */
  missStart: Int32Array;
  missCol: Int32Array;
  /** Smallest and largest present value per column (Infinity / -Infinity when none). */
  lo: Float64Array;
  hi: Float64Array;
  /** No ±Infinity among the present values: the branch-free sums can be compared with the careful scan only then. */
  finite: boolean;
}

/**
 * Where cell (i, j) of an n × d matrix lives in the 4-row interleaved layout: rows 4b..4b+3 form a
 * block of d groups of 4, so a 4-row scan reads one contiguous stream at constant offsets.
 * @example cellOffset(5, 2, 3) // 4·(1·3 + 2) + 1 = 21
 */
export function cellOffset(i: number, j: number, d: number): number {
  return 4 * ((i >> 2) * d + j) + (i & 3);
}

/**
 * Build the index of `m` (two passes; rebuild it when `m` changes).
 * @example const index = peerIndex(m); peerQuery(m, 0, { k: 10, metric: 'gower', ranges, index })
 */
export function peerIndex(m: Matrix, arrays: ArrayAllocator = plainArrays): PeerIndex {
  const { rows: n, cols: d, data } = m;
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  const sum = new Float64Array(d), present = new Float64Array(d);
  const filled = arrays.float64(4 * Math.ceil(n / 4) * d), missStart = arrays.int32(n + 1);
  let nnz = 0, finite = true;
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < d; j++, o++) {
      const v = data[o];
      if (v !== v) { nnz++; continue; }
      if (v === Infinity || v === -Infinity) finite = false;
      filled[cellOffset(i, j, d)] = v;
      sum[j] += v; present[j]++;
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
    missStart[i + 1] = nnz;
  }
  const fill = Float64Array.from(lo, (v, j) => {
    const mean = sum[j] / present[j]; // rounding or overflow may put it outside [lo, hi]; ±Infinity data may make it NaN
    return v > hi[j] ? 0 : mean === mean ? Math.min(hi[j], Math.max(v, mean)) : v;
  });
  const missCol = arrays.int32(nnz);
  for (let o = 0, t = 0; o < n * d; o++) {
    if (data[o] !== data[o]) { const i = Math.floor(o / d), j = o % d; missCol[t++] = j; filled[cellOffset(i, j, d)] = fill[j]; }
  }
  return { rows: n, cols: d, filled, fill, missStart, missCol, lo, hi, finite };
}

/**
 * Whether the Gower clamp cannot bind for this query: every active value lies in its column's
 * [lo, hi] and fl(fl(hi − lo)·s) ≤ w, so fl(fl(|q − b|)·s) ≤ w for every present b and for the
 * fill value (rounding is monotonic).
 */
export function gowerClampFree(index: PeerIndex, R: Runs): boolean {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  for (let r = 0; r < nRuns; r++) {
    for (let j = runA[r]; j < runB[r]; j++) {
      if (!(index.lo[j] <= qv[j] && qv[j] <= index.hi[j]) || (index.hi[j] - index.lo[j]) * sv[j] > wv[j]) return false;
    }
  }
  return true;
}
