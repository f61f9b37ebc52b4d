/**
 * Small order statistics on plain arrays (NaN-free input expected unless stated).
 */

/**
 * Quantile of an ascending-sorted array with linear interpolation (R type 7, numpy default).
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q=${q} must be in [0, 1]`);
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Non-NaN values of column `j` of a row-major array, sorted ascending.
 * @example sortedColumn(new Float64Array([3, 1, NaN, 2]), 4, 1, 0) // Float64Array [1, 2, 3]
 */
export function sortedColumn(data: Float64Array, rows: number, cols: number, j: number): Float64Array {
  const tmp = new Float64Array(rows);
  let c = 0;
  for (let i = 0, o = j; i < rows; i++, o += cols) {
    const v = data[o];
    if (v === v) tmp[c++] = v;
  }
  return tmp.slice(0, c).sort();
}

/**
 * Median of an ascending-sorted array (NaN when empty).
 * @example medianSorted([1, 2, 10]) // 2
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  return quantileSorted(sorted, 0.5);
}

/**
 * Number of elements `< x` and `<= x` in an ascending-sorted array (binary search).
 * @example countBelow([1, 2, 2, 3], 2) // { less: 1, lessEq: 3 }
 */
export function countBelow(sorted: ArrayLike<number>, x: number): { less: number; lessEq: number } {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
  const less = lo;
  hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
  return { less, lessEq: lo };
}
