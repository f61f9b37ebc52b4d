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

export interface PeerIndex {
  rows: number;
  cols: number;
  /** The data with missing cells overwritten by queries (never NaN). */
  filled: Float64Array;
  /** Missing cells in row-major order: (missRow[e], missCol[e]); row i's are e in [missStart[i], missStart[i + 1]). */
  missStart: Int32Array;
  missRow: Int32Array;
  missCol: Int32Array;
  /** Smallest and largest present value per column (Infinity / -Infinity when none). */
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * Build the index of `m` (one pass; rebuild it when `m` changes).
 * @example const index = peerIndex(m); peerQuery(m, 0, { k: 10, metric: 'gower', ranges, index })
 */
export function peerIndex(m: Matrix, arrays: ArrayAllocator = plainArrays): PeerIndex {
  const { rows: n, cols: d, data } = m;
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  const filled = arrays.float64(n * d), missStart = arrays.int32(n + 1);
  let nnz = 0;
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < d; j++, o++) {
      const v = data[o];
      if (v !== v) { nnz++; continue; }
      filled[o] = v;
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
    missStart[i + 1] = nnz;
  }
  const missRow = arrays.int32(nnz), missCol = arrays.int32(nnz);
  for (let o = 0, t = 0; o < n * d; o++) if (data[o] !== data[o]) { missRow[t] = Math.floor(o / d); missCol[t++] = o % d; }
  return { rows: n, cols: d, filled, missStart, missRow, missCol, lo, hi };
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

/** Whether every active query value is finite (|q − q| must be 0 for the patched cells). */
export function finiteQuery(R: Runs): boolean {
  for (let r = 0; r < R.nRuns; r++) for (let j = R.runA[r]; j < R.runB[r]; j++) if (!Number.isFinite(R.qv[j])) return false;
  return true;
}
