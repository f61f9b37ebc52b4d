/** Where a kernel's long-lived arrays come from: plain memory, or e.g. shared memory for worker threads. */
export interface ArrayAllocator {
  float64(length: number): Float64Array;
  int32(length: number): Int32Array;
}

/** Ordinary (unshared) typed arrays. @example plainArrays.float64(3) // Float64Array [0, 0, 0] */
export const plainArrays: ArrayAllocator = { float64: (length) => new Float64Array(length), int32: (length) => new Int32Array(length) };
