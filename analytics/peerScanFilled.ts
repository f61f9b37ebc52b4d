/**
 * Branch-free peer-query kernels over a {@link PeerIndex}'s NaN-free copy: for rows [from, to), the
 * sums of the continuous terms, 4 rows at a time with independent add chains, each row's terms added
 * in the same order as the careful scan (bit-identical); written to out[i - from] finished (divided
 * by the used weight, `wActive` − missing) or raw (Gower with categorical columns still to add).
 * Just before a block is read, the query's values are written into its missing cells (the rows'
 * lines are then already on their way into the cache) and each row's missing weight is summed
 * into miss[i - from] (ascending columns, as the careful scan did).
 */
import { euclidFinish, type Runs } from './peerScan';
import type { PeerIndex } from './peerIndex';

/** Patch the missing cells e in [e0, e1) with the query's values and add their weights to miss. */
function patch(ix: PeerIndex, R: Runs, from: number, e0: number, e1: number, miss: Float64Array): void {
  const { filled, missRow, missCol, cols: d } = ix;
  const { qv, wv } = R;
  for (let e = e0; e < e1; e++) {
    const i = missRow[e], j = missCol[e];
    filled[i * d + j] = qv[j];
    miss[i - from] += wv[j];
  }
}

/** Σ |q − b|·s over the runs (the clamp at w cannot bind: checked by `gowerClampFree`). */
export function gowerSumsFree(ix: PeerIndex, from: number, to: number, R: Runs, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const Z = ix.filled, d = ix.cols, missStart = ix.missStart;
  miss.fill(0, 0, to - from);
  const { runA, runB, nRuns, qv, sv, qsw } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    patch(ix, R, from, missStart[i], missStart[i + 4], miss);
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qsw[3 * j], s = qsw[3 * j + 1];
        a0 += Math.abs(q - Z[o0 + j]) * s; a1 += Math.abs(q - Z[o1 + j]) * s;
        a2 += Math.abs(q - Z[o2 + j]) * s; a3 += Math.abs(q - Z[o3 + j]) * s;
      }
    }
    const b = i - from;
    if (divide) {
      out[b] = gowerDivide(a0, wActive - miss[b]); out[b + 1] = gowerDivide(a1, wActive - miss[b + 1]);
      out[b + 2] = gowerDivide(a2, wActive - miss[b + 2]); out[b + 3] = gowerDivide(a3, wActive - miss[b + 3]);
    } else { out[b] = a0; out[b + 1] = a1; out[b + 2] = a2; out[b + 3] = a3; }
  }
  patch(ix, R, from, missStart[i], missStart[to], miss);
  for (; i < to; i++) {
    let a = 0;
    const o = i * d;
    for (let r = 0; r < nRuns; r++) for (let j = runA[r], e = runB[r]; j < e; j++) a += Math.abs(qv[j] - Z[o + j]) * sv[j];
    out[i - from] = divide ? gowerDivide(a, wActive - miss[i - from]) : a;
  }
}

/** A Gower sum divided by the used weight (as gowerCatFinish without categorical columns). */
function gowerDivide(acc: number, den: number): number {
  return den > 0 ? acc / den : NaN;
}

/** Gower term min(|q − b|·s, w). */
function clamped(q: number, b: number, s: number, w: number): number {
  const c = Math.abs(q - b) * s;
  return c > w ? w : c;
}

/** Σ min(|q − b|·s, w) over the runs. */
export function gowerSumsClamped(ix: PeerIndex, from: number, to: number, R: Runs, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const Z = ix.filled, d = ix.cols, missStart = ix.missStart;
  miss.fill(0, 0, to - from);
  const { runA, runB, nRuns, qv, sv, wv, qsw } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    patch(ix, R, from, missStart[i], missStart[i + 4], miss);
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qsw[3 * j], s = qsw[3 * j + 1], w = qsw[3 * j + 2];
        a0 += clamped(q, Z[o0 + j], s, w); a1 += clamped(q, Z[o1 + j], s, w);
        a2 += clamped(q, Z[o2 + j], s, w); a3 += clamped(q, Z[o3 + j], s, w);
      }
    }
    const b = i - from;
    if (divide) {
      out[b] = gowerDivide(a0, wActive - miss[b]); out[b + 1] = gowerDivide(a1, wActive - miss[b + 1]);
      out[b + 2] = gowerDivide(a2, wActive - miss[b + 2]); out[b + 3] = gowerDivide(a3, wActive - miss[b + 3]);
    } else { out[b] = a0; out[b + 1] = a1; out[b + 2] = a2; out[b + 3] = a3; }
  }
  patch(ix, R, from, missStart[i], missStart[to], miss);
  for (; i < to; i++) {
    let a = 0;
    const o = i * d;
    for (let r = 0; r < nRuns; r++) for (let j = runA[r], e = runB[r]; j < e; j++) a += clamped(qv[j], Z[o + j], sv[j], wv[j]);
    out[i - from] = divide ? gowerDivide(a, wActive - miss[i - from]) : a;
  }
}

/** Σ (q − b)²·s over the runs (Euclidean, before the rescaling by used weight). */
export function euclidSums(ix: PeerIndex, from: number, to: number, R: Runs, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const Z = ix.filled, d = ix.cols, missStart = ix.missStart;
  miss.fill(0, 0, to - from);
  const { runA, runB, nRuns, qv, sv, qsw } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    patch(ix, R, from, missStart[i], missStart[i + 4], miss);
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qsw[3 * j], s = qsw[3 * j + 1];
        const x0 = q - Z[o0 + j], x1 = q - Z[o1 + j], x2 = q - Z[o2 + j], x3 = q - Z[o3 + j];
        a0 += x0 * x0 * s; a1 += x1 * x1 * s; a2 += x2 * x2 * s; a3 += x3 * x3 * s;
      }
    }
    const b = i - from;
    out[b] = euclidFinish(a0, miss[b], wActive, wAll); out[b + 1] = euclidFinish(a1, miss[b + 1], wActive, wAll);
    out[b + 2] = euclidFinish(a2, miss[b + 2], wActive, wAll); out[b + 3] = euclidFinish(a3, miss[b + 3], wActive, wAll);
  }
  patch(ix, R, from, missStart[i], missStart[to], miss);
  for (; i < to; i++) {
    let a = 0;
    const o = i * d;
    for (let r = 0; r < nRuns; r++) for (let j = runA[r], e = runB[r]; j < e; j++) { const x = qv[j] - Z[o + j]; a += x * x * sv[j]; }
    out[i - from] = euclidFinish(a, miss[i - from], wActive, wAll);
  }
}

/** {@link euclidSums} when every active weight is 1: (q − b)²·1 is (q − b)² exactly, so the multiply goes. */
export function euclidSumsUnit(ix: PeerIndex, from: number, to: number, R: Runs, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const Z = ix.filled, d = ix.cols, missStart = ix.missStart;
  miss.fill(0, 0, to - from);
  const { runA, runB, nRuns, qv } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    patch(ix, R, from, missStart[i], missStart[i + 4], miss);
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qv[j];
        const x0 = q - Z[o0 + j], x1 = q - Z[o1 + j], x2 = q - Z[o2 + j], x3 = q - Z[o3 + j];
        a0 += x0 * x0; a1 += x1 * x1; a2 += x2 * x2; a3 += x3 * x3;
      }
    }
    const b = i - from;
    out[b] = euclidFinish(a0, miss[b], wActive, wAll); out[b + 1] = euclidFinish(a1, miss[b + 1], wActive, wAll);
    out[b + 2] = euclidFinish(a2, miss[b + 2], wActive, wAll); out[b + 3] = euclidFinish(a3, miss[b + 3], wActive, wAll);
  }
  patch(ix, R, from, missStart[i], missStart[to], miss);
  for (; i < to; i++) {
    let a = 0;
    const o = i * d;
    for (let r = 0; r < nRuns; r++) for (let j = runA[r], e = runB[r]; j < e; j++) { const x = qv[j] - Z[o + j]; a += x * x; }
    out[i - from] = euclidFinish(a, miss[i - from], wActive, wAll);
  }
}
