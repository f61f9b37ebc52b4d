/**
 * Branch-free peer-query kernels over a {@link PeerIndex}'s NaN-free, 4-row interleaved copy: for
 * rows [from, to), the sums of the continuous terms over one column span [ja, jb), 4 rows at a time
 * (one contiguous stream, independent add chains), each row's terms added in the careful scan's
 * order. The span's inactive columns have q = s = 0 and finite cells, so they add exactly +0; a
 * missing cell holds its column's fill value and adds that value's term ({@link Span.fillTerm}),
 * which the caller takes off again (see peerQueryIndexed.ts for how the result stays exact). A row
 * without missing cells gets the careful scan's sum bit for bit.
 */
import { gowerTerm1, type Runs } from './peerScan';
import { cellOffset, type PeerIndex } from './peerIndex';

/** Which term a kernel adds: Gower without or with the clamp at w, Euclidean with or without weights. */
export type Kind = 'gowerFree' | 'gowerClamped' | 'euclid' | 'euclidUnit';

/** The query as the kernels read it: its column span, per-column values and kernel. */
export interface Span {
  ja: number;
  jb: number;
  /** q, s, w of column j at 3j, 3j + 1, 3j + 2 (0, 0, 0 for inactive columns). */
  qsw: Float64Array;
  runs: Runs;
  kind: Kind;
  /** The term a missing cell of column j adds in the span (its fill value's), 0 outside it. */
  fillTerm: Float64Array;
  /** The largest fill term and the largest weight of an active column: each missing cell adds at most these. */
  fillMax: number;
  weightMax: number;
}

/** One column's term. @example term('euclidUnit', 1, 3, 1, 1) // 4 */
function term(kind: Kind, q: number, b: number, s: number, w: number): number {
  if (kind === 'gowerFree') return Math.abs(q - b) * s;
  if (kind === 'gowerClamped') return gowerTerm1(q, b, s, w);
  const x = q - b;
  return kind === 'euclid' ? x * x * s : x * x;
}

/**
 * The query's span over the index for a kernel: [first active, last active + 1) and the fill terms.
 * @example spanOf(index, runs, 'gowerFree').fillTerm[2] // |q₂ − fill₂|·s₂
 */
export function spanOf(ix: PeerIndex, runs: Runs, kind: Kind): Span {
  const { runA, runB, nRuns, qsw } = runs;
  const ja = nRuns === 0 ? 0 : runA[0], jb = nRuns === 0 ? 0 : runB[nRuns - 1];
  const fillTerm = new Float64Array(ix.cols);
  let fillMax = 0, weightMax = 0;
  for (let j = ja; j < jb; j++) {
    fillTerm[j] = term(kind, qsw[3 * j], ix.fill[j], qsw[3 * j + 1], qsw[3 * j + 2]);
    fillMax = Math.max(fillMax, fillTerm[j]);
    weightMax = Math.max(weightMax, runs.wv[j]);
  }
  return { ja, jb, qsw, runs, kind, fillTerm, fillMax, weightMax };
}

/** out[i - from] = the row's sum of terms over the span (fill terms included) for rows [from, to). */
export function spanSums(ix: PeerIndex, from: number, to: number, S: Span, out: Float64Array): void {
  const { filled: T, cols: d } = ix, { ja, jb, qsw } = S;
  const b0 = Math.min(to, (from + 3) & ~3), b1 = b0 + ((to - b0) & ~3); // the whole 4-row blocks
  for (let i = from; i < b0; i++) out[i - from] = rowSum(S.kind, T, d, i, S);
  for (let i = b1; i < to; i++) out[i - from] = rowSum(S.kind, T, d, i, S);
  const t0 = b0 - from;
  if (S.kind === 'gowerFree') freeBlocks(T, d, b0, b1, t0, ja, jb, qsw, out);
  else if (S.kind === 'gowerClamped') clampedBlocks(T, d, b0, b1, t0, ja, jb, qsw, out);
  else if (S.kind === 'euclid') euclidBlocks(T, d, b0, b1, t0, ja, jb, qsw, out);
  else unitBlocks(T, d, b0, b1, t0, ja, jb, qsw, out);
}

/** One row's sum over the span (rows outside whole 4-row blocks): stride 4 through its block. */
function rowSum(kind: Kind, T: Float64Array, d: number, i: number, S: Span): number {
  const { ja, jb, qsw } = S;
  let a = 0;
  for (let j = ja, o = cellOffset(i, ja, d); j < jb; j++, o += 4) a += term(kind, qsw[3 * j], T[o], qsw[3 * j + 1], qsw[3 * j + 2]);
  return a;
}

// The block kernels: one per kind, so each inner loop has no branch (a shared loop with a branch
// per cell is much slower in V8). Σ |q − b|·s (the clamp cannot bind: checked by `gowerClampFree`).
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

/** Σ min(|q − b|·s, w). */
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

/** Σ (q − b)²·s (Euclidean). */
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

/** Σ (q − b)² when every column of the span has weight 1 ((q − b)²·1 is (q − b)², so the multiply goes). */
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
