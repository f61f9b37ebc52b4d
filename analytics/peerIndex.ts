/**
 * A per-matrix index that makes peer queries branch-free: a NaN-free copy of the data, where each
 * query first writes its own value into the missing cells it reads (|q − q| = 0 adds exactly
 * nothing, as skipping did), the missing cells of each row (CSR), and column bounds that tell when
 * the Gower clamp min(|q − b|·s, w) can never bind. Distances are bit-identical to the scan without it.
 * The copy is scratch space (the scan kernels in peerScanFilled.ts write the query into it): one query at a time per index.
 */
import type { Matrix } from './matrix';
import { plainArrays, type ArrayAllocator } from './arrays';
import type { Runs } from './peerScan';
import type { Span } from './peerScanFilled';

export interface PeerIndex {
  rows: number;
  cols: number;
  /**
   * The data, 4 rows interleaved (cell (i, j) at {@link cellOffset}; rows padded to a multiple of
   * 4 with zeros), with missing cells overwritten by queries (never NaN).
   */
  filled: Float64Array;
  /** Missing cells in row-major order: (missRow[e], missCol[e]); row i's are e in [missStart[i], missStart[i + 1]). */
  missStart: Int32Array;
  missRow: Int32Array;
  missCol: Int32Array;
  /** Smallest and largest present value per column (Infinity / -Infinity when none). */
  lo: Float64Array;
  hi: Float64Array;
  /** No ±Infinity among the present values: the branch-free sums are exact only then (0 · ∞ is NaN, not the +0 of a skipped cell). */
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
 * Build the index of `m` (one pass; rebuild it when `m` changes).
 * @example const index = peerIndex(m); peerQuery(m, 0, { k: 10, metric: 'gower', ranges, index })
 */
export function peerIndex(m: Matrix, arrays: ArrayAllocator = plainArrays): PeerIndex {
  const { rows: n, cols: d, data } = m;
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  const filled = arrays.float64(4 * Math.ceil(n / 4) * d), missStart = arrays.int32(n + 1);
  let nnz = 0, finite = true;
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < d; j++, o++) {
      const v = data[o];
      if (v !== v) { nnz++; continue; }
      if (v === Infinity || v === -Infinity) finite = false;
      filled[cellOffset(i, j, d)] = v;
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
    missStart[i + 1] = nnz;
  }
  const missRow = arrays.int32(nnz), missCol = arrays.int32(nnz);
  for (let o = 0, t = 0; o < n * d; o++) if (data[o] !== data[o]) { missRow[t] = Math.floor(o / d); missCol[t++] = o % d; }
  return { rows: n, cols: d, filled, missStart, missRow, missCol, lo, hi, finite };
}

/**
 * Whether the Gower clamp cannot bind for this query: every active value lies in its column's
 * [lo, hi] and fl(fl(hi − lo)·s) ≤ w, so fl(fl(|q − b|)·s) ≤ w for every present b (rounding is monotonic).
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

/**
 * The query's columns as one span [first active, last active + 1) for the branch-free kernels, or
 * undefined when they cannot be exact: an active query value that is not finite (|q − q| must be 0
 * in the patched cells), or an inactive column inside the span with a non-finite cell (its term
 * |0 − b|·0 must be exactly 0).
 */
export function querySpan(index: PeerIndex, R: Runs): Span | undefined {
  const { runA, runB, nRuns, qv } = R;
  if (nRuns === 0) return { ja: 0, jb: 0, qsw: R.qsw, runs: R };
  for (let r = 0; r < nRuns; r++) for (let j = runA[r]; j < runB[r]; j++) if (!Number.isFinite(qv[j])) return undefined;
  for (let r = 1; r < nRuns; r++) {
    for (let j = runB[r - 1]; j < runA[r]; j++) if (!Number.isFinite(index.lo[j]) || !Number.isFinite(index.hi[j])) return undefined;
  }
  return { ja: runA[0], jb: runB[nRuns - 1], qsw: R.qsw, runs: R };
}
