/** Typed arrays in SharedArrayBuffers: what the compute workers read and write without copying. */
import type { ArrayAllocator } from '../../analytics/arrays';
import type { Matrix } from '../../analytics/matrix';

/**
 * A zero-filled Float64Array backed by a SharedArrayBuffer.
 * @example const D = sharedFloat64(n * n) // workers fill disjoint parts of D
 */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** A zero-filled Int32Array backed by a SharedArrayBuffer. @example sharedInt32(n) */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** A Uint8Array backed by a SharedArrayBuffer. @example sharedUint8(n) */
export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** Whether a typed array lives in a SharedArrayBuffer (workers see it without a copy). */
export function isShared(a: ArrayBufferView): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

/**
 * The same array in shared memory: returned as is when already shared, else copied once.
 * @example const X = toSharedFloat64(m.data)
 */
export function toSharedFloat64(a: Float64Array): Float64Array {
  if (isShared(a)) return a;
  const out = sharedFloat64(a.length);
  out.set(a);
  return out;
}

/**
 * The matrix with its data in shared memory (copied once unless it already is). Convert a matrix
 * once when it is queried repeatedly, so each parallel call shares it instead of copying 8·rows·cols bytes.
 * @example const shared = sharedMatrix(m); await parallelPeerQuery(shared, 0, opts)
 */
export function sharedMatrix(m: Matrix): Matrix {
  return isShared(m.data) ? m : { rows: m.rows, cols: m.cols, data: toSharedFloat64(m.data) };
}

/** Allocator for analytics state that workers read in place (e.g. `peerIndex(m, sharedArrays)`). */
export const sharedArrays: ArrayAllocator = { float64: sharedFloat64, int32: sharedInt32 };
