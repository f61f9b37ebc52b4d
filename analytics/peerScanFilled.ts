/**
 * Branch-free peer-query kernels over a {@link PeerIndex}'s NaN-free, 4-row interleaved copy: for
 * rows [from, to), the sums of the continuous terms over one column span [ja, jb), 4 rows at a time
 * (one contiguous stream, independent add chains), each row's terms added in the careful scan's
 * order (bit-identical: the span's inactive columns have q = s = 0 and finite cells, so they add
 * exactly +0). Written to out[i - from] finished (divided by the used weight, `wActive` − missing)
 * or raw (Gower with categorical columns still to add). Before a call reads its rows, the query's
 * values are written into all their missing cells and each row's missing weight is summed into
 * miss[i - from] (ascending columns, as the careful scan did).
 */
import { euclidFinish, gowerTerm1, type Runs } from './peerScan';
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

type Kind = 'gowerFree' | 'gowerClamped' | 'euclid' | 'euclidUnit';

/** One row's sum over the span (rows outside whole 4-row blocks): stride 4 through its block. */
function rowSum(kind: Kind, T: Float64Array, d: number, i: number, S: Span): number {
  const { ja, jb, qsw } = S;
  let a = 0;
  for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
    const q = qsw[3 * j], s = qsw[3 * j + 1];
    if (kind === 'gowerFree') a += Math.abs(q - T[o]) * s;
    else if (kind === 'gowerClamped') a += gowerTerm1(q, T[o], s, qsw[3 * j + 2]);
    else { const x = q - T[o]; a += kind === 'euclid' ? x * x * s : x * x; }
  }
  return a;
}

/** First row of the whole 4-row blocks inside [from, to). @example blockStart(5, 20) // 8 */
function blockStart(from: number, to: number): number {
  return Math.min(to, (from + 3) & ~3);
}

/** End of the last whole 4-row block starting at b0. @example blockEnd(8, 19) // 16 */
function blockEnd(b0: number, to: number): number {
  return b0 + ((to - b0) & ~3);
}

/**
 * Everything before the block scan: miss zeroed, the rows outside whole blocks patched and summed
 * one at a time, then the query written into the blocks' missing cells in one pass. (Kept out of the
 * kernels: with it inline, V8 compiled the block loops markedly slower.)
 */
function prepareRows(ix: PeerIndex, from: number, to: number, b0: number, b1: number, S: Span, miss: Float64Array, out: Float64Array, kind: Kind): void {
  miss.fill(0, 0, to - from);
  for (const [a, b] of [[from, b0], [b1, to]]) {
    for (let r = a; r < b; r++) { patch(ix, S.runs, from, r, r + 1, miss); out[r - from] = rowSum(kind, ix.filled, ix.cols, r, S); }
  }
  patch(ix, S.runs, from, b0, b1, miss);
}

/** out[t] = out[t] / used weight for the n rows (Gower without categorical columns). */
function divideByUsed(out: Float64Array, miss: Float64Array, n: number, wActive: number): void {
  for (let t = 0; t < n; t++) out[t] = gowerDivide(out[t], wActive - miss[t]);
}

/** out[t] rescaled to the total weight (Euclidean) for the n rows. */
function rescale(out: Float64Array, miss: Float64Array, n: number, wActive: number, wAll: number): void {
  for (let t = 0; t < n; t++) out[t] = euclidFinish(out[t], miss[t], wActive, wAll);
}

/** Σ |q − b|·s over the span (the clamp at w cannot bind: checked by `gowerClampFree`). */
export function gowerSumsFree(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const b0 = blockStart(from, to), b1 = blockEnd(b0, to);
  prepareRows(ix, from, to, b0, b1, S, miss, out, 'gowerFree');
  freeBlocks(ix.filled, ix.cols, b0, b1, b0 - from, S.ja, S.jb, S.qsw, out);
  if (divide) divideByUsed(out, miss, to - from, wActive);
}

function freeBlocks(T: Float64Array, d: number, b0: number, b1: number, t0: number, ja: number, jb: number, qsw: Float64Array, out: Float64Array): void {
  for (let i = b0, t = t0; i < b1; i += 4, t += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1];
      a0 += Math.abs(q - T[o]) * s; a1 += Math.abs(q - T[o + 1]) * s; a2 += Math.abs(q - T[o + 2]) * s; a3 += Math.abs(q - T[o + 3]) * s;
    }
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
}

/** Σ min(|q − b|·s, w) over the span. */
export function gowerSumsClamped(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, divide: boolean): void {
  const b0 = blockStart(from, to), b1 = blockEnd(b0, to);
  prepareRows(ix, from, to, b0, b1, S, miss, out, 'gowerClamped');
  clampedBlocks(ix.filled, ix.cols, b0, b1, b0 - from, S.ja, S.jb, S.qsw, out);
  if (divide) divideByUsed(out, miss, to - from, wActive);
}

function clampedBlocks(T: Float64Array, d: number, b0: number, b1: number, t0: number, ja: number, jb: number, qsw: Float64Array, out: Float64Array): void {
  for (let i = b0, t = t0; i < b1; i += 4, t += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1], w = qsw[3 * j + 2];
      a0 += gowerTerm1(q, T[o], s, w); a1 += gowerTerm1(q, T[o + 1], s, w); a2 += gowerTerm1(q, T[o + 2], s, w); a3 += gowerTerm1(q, T[o + 3], s, w);
    }
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
}

/** Σ (q − b)²·s over the span (Euclidean), rescaled by the used weight. */
export function euclidSums(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const b0 = blockStart(from, to), b1 = blockEnd(b0, to);
  prepareRows(ix, from, to, b0, b1, S, miss, out, 'euclid');
  euclidBlocks(ix.filled, ix.cols, b0, b1, b0 - from, S.ja, S.jb, S.qsw, out);
  rescale(out, miss, to - from, wActive, wAll);
}

function euclidBlocks(T: Float64Array, d: number, b0: number, b1: number, t0: number, ja: number, jb: number, qsw: Float64Array, out: Float64Array): void {
  for (let i = b0, t = t0; i < b1; i += 4, t += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j], s = qsw[3 * j + 1];
      const x0 = q - T[o], x1 = q - T[o + 1], x2 = q - T[o + 2], x3 = q - T[o + 3];
      a0 += x0 * x0 * s; a1 += x1 * x1 * s; a2 += x2 * x2 * s; a3 += x3 * x3 * s;
    }
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
}

/** {@link euclidSums} when every column of the span has weight 1: (q − b)²·1 is (q − b)², so the multiply goes. */
export function euclidSumsUnit(ix: PeerIndex, from: number, to: number, S: Span, miss: Float64Array, out: Float64Array, wActive: number, wAll: number): void {
  const b0 = blockStart(from, to), b1 = blockEnd(b0, to);
  prepareRows(ix, from, to, b0, b1, S, miss, out, 'euclidUnit');
  unitBlocks(ix.filled, ix.cols, b0, b1, b0 - from, S.ja, S.jb, S.qsw, out);
  rescale(out, miss, to - from, wActive, wAll);
}

function unitBlocks(T: Float64Array, d: number, b0: number, b1: number, t0: number, ja: number, jb: number, qsw: Float64Array, out: Float64Array): void {
  for (let i = b0, t = t0; i < b1; i += 4, t += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) {
      const q = qsw[3 * j];
      const x0 = q - T[o], x1 = q - T[o + 1], x2 = q - T[o + 2], x3 = q - T[o + 3];
      a0 += x0 * x0; a1 += x1 * x1; a2 += x2 * x2; a3 += x3 * x3;
    }
    out[t] = a0; out[t + 1] = a1; out[t + 2] = a2; out[t + 3] = a3;
  }
}
