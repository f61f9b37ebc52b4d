/**
 * What every peer-query scan shares: which rows are candidates, and the part it fills (candidate
 * count, farthest distance, and the k best (distance, index) pairs as a bounded max-heap).
 */
import type { PeerQueryPart, PreparedPeerQuery } from './peerQueryParts';

/** Rows per kernel call: their sums stay in L1. */
export const CHUNK = 1024;

/** Buffers a scan reuses from chunk to chunk: the rows' sums or distances, rows left to settle, one careful distance. */
export interface ChunkScratch { sums: Float64Array; pending: Int32Array; one: Float64Array }

/** Scratch for chunks of up to min(CHUNK, rows) rows. @example chunkScratch(to - from) */
export function chunkScratch(rows: number): ChunkScratch {
  const len = Math.min(CHUNK, rows);
  return { sums: new Float64Array(len), pending: new Int32Array(len), one: new Float64Array(1) };
}

/** Whether row i is not a candidate: the query row itself, or left out by the mask or predicate. */
export function skipRow(p: PreparedPeerQuery): (i: number) => boolean {
  const { self, candidates: cand } = p;
  if (cand === undefined) return (i) => i === self;
  if (typeof cand === 'function') return (i) => i === self || !cand(i);
  return (i) => i === self || cand[i] === 0;
}

/**
 * How many of rows [from, to) are candidates (`skip` from {@link skipRow}).
 * @example candidatesIn(p, skipRow(p), 0, 1024) // 1023 when the query row is among them
 */
export function candidatesIn(p: PreparedPeerQuery, skip: (i: number) => boolean, from: number, to: number): number {
  if (p.candidates === undefined) return to - from - (from <= p.self && p.self < to ? 1 : 0);
  let c = 0;
  for (let i = from; i < to; i++) if (!skip(i)) c++;
  return c;
}

/**
 * Count a candidate row with a defined distance: update the part's candidate count and farthest
 * distance, and keep it if it is among the k best so far (rows come in index order: a tie never wins).
 * @example accept(part, 10, 0.25, 42)
 */
export function accept(part: PeerQueryPart, k: number, dist: number, i: number): void {
  part.count++;
  if (dist > part.farthest) part.farthest = dist;
  if (part.size < k || dist < part.dist[0]) offer(part, k, dist, i);
}

/** The distance a row must beat to enter the part's k best (Infinity while it holds fewer). */
export function worstKept(part: PeerQueryPart, k: number): number {
  return part.size < k ? Infinity : part.dist[0];
}

/**
 * Bounded max-heap of the k best (distance, index) pairs; larger index loses ties. The caller only
 * offers a pair when the heap is not full or it beats the root.
 */
export function offer(heap: PeerQueryPart, k: number, dist: number, i: number): void {
  const heapD = heap.dist, heapI = heap.index;
  if (heap.size < k) {
    let c = heap.size++; // sift up
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (heapD[p] > dist || (heapD[p] === dist && heapI[p] > i)) break;
      heapD[c] = heapD[p]; heapI[c] = heapI[p]; c = p;
    }
    heapD[c] = dist; heapI[c] = i;
    return;
  }
  const size = heap.size; // replace root, sift down
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    let b = l;
    const r = l + 1;
    if (r < size && (heapD[r] > heapD[l] || (heapD[r] === heapD[l] && heapI[r] > heapI[l]))) b = r;
    if (heapD[b] > dist || (heapD[b] === dist && heapI[b] > i)) {
      heapD[c] = heapD[b]; heapI[c] = heapI[b]; c = b;
    } else break;
  }
  heapD[c] = dist; heapI[c] = i;
}
