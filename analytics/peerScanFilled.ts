/**
 * Branch-free peer-query kernels over a {@link PeerIndex}'s NaN-free, 4-row interleaved copy: for
 * rows [from, to), the sums of the continuous terms over one column span [ja, jb), 4 rows at a time
 * (one contiguous stream, independent add chains), each row's terms added in the careful scan's
 * order (bit-identical: the span's inactive columns have q = s = 0 and finite cells, so they add
 * exactly +0). Written to out[i - from] finished (divided by the used weight, `wActive` − missing)
 * or raw (Gower with categorical columns still to add). Just before rows are read, the query's
 * values are written into their missing cells and each row's missing weight is summed into
 * miss[i - from] (ascending columns, as the careful scan did).
 */
import { euclidFinish, type Runs } from './peerScan';
import { cellOffset, type PeerIndex } from './peerIndex';

/** The query as the kernels read it: its column span and per-column values, interleaved. */
export interface Span {
  ja: number;
  jb: number;
  /** q, s, w of column j at 3j, 3j + 1, 3j + 2 (0, 0, 0 for inactive columns). */
  qsw: Float64Array;
  runs: Runs;
}

/** Patch the missing cells of rows [i0, i1) with the query's values and add their weights to miss. */
function patch(ix: PeerIndex, R: Runs, from: number, i0: number, i1: number, miss: Float64Array): void {
  const { filled, missRow, missCol, missStart, cols: d } = ix;
  const { qv, wv } = R;
  for (let e = missStart[i0], end = missStart[i1]; e < end; e++) {
    const i = missRow[e], j = missCol[e];
    filled[cellOffset(i, j, d)] = qv[j];
    miss[i - from] += wv[j];
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

type Kind = 'gowerFree' | 'gowerClamped' | 'euclid' | 'euclidUnit';

/** One row's sum over the span (rows outside whole 4-row blocks): stride 4 through its block. */
function rowSum(kind: Kind, T: Float64Array, d: number, i: number, S: Span): number {
  const { ja, jb, qsw } = S;
  let a = 0;
  for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
    const q = qsw[3 * j], s = qsw[3 * j + 1];
    if (kind === 'gowerFree') a += Math.abs(q - T[o]) * s;
    else if (kind === 'gowerClamped') a += clamped(q, T[o], s, qsw[3 * j + 2]);
    else { const x = q - T[o]; a += kind === 'euclid' ? x * x * s : x * x; }
  }
  return a;
}

/** First row of the whole 4-row blocks inside [from, to), and the end of the last one. */
function blockBounds(from: number, to: number): [number, number] {
  const a = Math.min(to, (from + 3) & ~3);
  return [a, a + ((to - a) & ~3)];
}

/** Rows outside whole blocks (raw sums): patched and summed one at a time. */
function singles(ix: PeerIndex, from: number, rows: [number, number][], S: Span, miss: Float64Array, out: Float64Array, kind: Kind): void {
  for (const [a, b] of rows) {
    for (let r = a; r < b; r++) { patch(ix, S.runs, from, r, r + 1, miss); out[r - from] = rowSum(kind, ix.filled, ix.cols, r, S); }
  }
}

/** Σ |q − b|·s over the span (the clamp at w cannot bind: checked by `gowerClampFree`). */
export function gowerSumsFree(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const T = ix.filled, d = ix.cols, { ja, jb, qsw } = S;
  const [b0, b1] = blockBounds(from, to);
  miss.fill(0, 0, to - from);
  singles(ix, from, [[from, b0], [b1, to]], S, miss, out, 'gowerFree');
  for (let i = b0; i < b1; i += 4) {
    patch(ix, S.runs, from, i, i + 4, miss);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1];
      a0 += Math.abs(q - T[o]) * s; a1 += Math.abs(q - T[o + 1]) * s; a2 += Math.abs(q - T[o + 2]) * s; a3 += Math.abs(q - T[o + 3]) * s;
    }
    const t = i - from;
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
  if (divide) for (let t = 0; t < to - from; t++) out[t] = gowerDivide(out[t], wActive - miss[t]);
}

/** Σ min(|q − b|·s, w) over the span. */
export function gowerSumsClamped(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const T = ix.filled, d = ix.cols, { ja, jb, qsw } = S;
  const [b0, b1] = blockBounds(from, to);
  miss.fill(0, 0, to - from);
  singles(ix, from, [[from, b0], [b1, to]], S, miss, out, 'gowerClamped');
  for (let i = b0; i < b1; i += 4) {
    patch(ix, S.runs, from, i, i + 4, miss);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1], w = qsw[3 * j + 2];
      a0 += clamped(q, T[o], s, w); a1 += clamped(q, T[o + 1], s, w); a2 += clamped(q, T[o + 2], s, w); a3 += clamped(q, T[o + 3], s, w);
    }
    const t = i - from;
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
  if (divide) for (let t = 0; t < to - from; t++) out[t] = gowerDivide(out[t], wActive - miss[t]);
}

/** Σ (q − b)²·s over the span (Euclidean), rescaled by the used weight. */
export function euclidSums(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const T = ix.filled, d = ix.cols, { ja, jb, qsw } = S;
  const [b0, b1] = blockBounds(from, to);
  miss.fill(0, 0, to - from);
  singles(ix, from, [[from, b0], [b1, to]], S, miss, out, 'euclid');
  for (let i = b0; i < b1; i += 4) {
    patch(ix, S.runs, from, i, i + 4, miss);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1];
      const x0 = q - T[o], x1 = q - T[o + 1], x2 = q - T[o + 2], x3 = q - T[o + 3];
      a0 += x0 * x0 * s; a1 += x1 * x1 * s; a2 += x2 * x2 * s; a3 += x3 * x3 * s;
    }
    const t = i - from;
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
  for (let t = 0; t < to - from; t++) out[t] = euclidFinish(out[t], miss[t], wActive, wAll);
}

/** {@link euclidSums} when every column of the span has weight 1: (q − b)²·1 is (q − b)², so the multiply goes. */
export function euclidSumsUnit(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const T = ix.filled, d = ix.cols, { ja, jb, qsw } = S;
  const [b0, b1] = blockBounds(from, to);
  miss.fill(0, 0, to - from);
  singles(ix, from, [[from, b0], [b1, to]], S, miss, out, 'euclidUnit');
  for (let i = b0; i < b1; i += 4) {
    patch(ix, S.runs, from, i, i + 4, miss);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j];
      const x0 = q - T[o], x1 = q - T[o + 1], x2 = q - T[o + 2], x3 = q - T[o + 3];
      a0 += x0 * x0; a1 += x1 * x1; a2 += x2 * x2; a3 += x3 * x3;
    }
    const t = i - from;
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
  for (let t = 0; t < to - from; t++) out[t] = euclidFinish(out[t], miss[t], wActive, wAll);
}
