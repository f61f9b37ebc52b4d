/**
 * Dense row-major matrix of doubles. Missing values are `NaN`.
 * Element (i, j) lives at `data[i * cols + j]`.
 */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

function assertDims(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows=${rows} must be a non-negative integer`);
  if (!Number.isInteger(cols) || cols < 0) throw new RangeError(`cols=${cols} must be a non-negative integer`);
}

/**
 * Create a matrix, zero-filled or wrapping/copying `data`.
 * @example matrix(2, 2, [1, 2, 3, 4]) // rows [[1,2],[3,4]]
 */
export function matrix(rows: number, cols: number, data?: Float64Array | ArrayLike<number>): Matrix {
  assertDims(rows, cols);
  if (data === undefined) return { data: new Float64Array(rows * cols), rows, cols };
  if (data.length !== rows * cols) {
    throw new RangeError(`data.length=${data.length} must equal rows*cols=${rows * cols}`);
  }
  return { data: data instanceof Float64Array ? data : Float64Array.from(data), rows, cols };
}

/**
 * Build a matrix from nested arrays; `null`/`undefined` become `NaN` (missing).
 * @example fromRows([[1, null], [3, 4]]).data // Float64Array [1, NaN, 3, 4]
 */
export function fromRows(rows: ReadonlyArray<ReadonlyArray<number | null | undefined>>): Matrix {
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0].length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.length !== d) throw new RangeError(`row ${i} has length=${r.length}, must equal cols=${d}`);
    for (let j = 0; j < d; j++) {
      const v = r[j];
      out[i * d + j] = v === null || v === undefined ? NaN : v;
    }
  }
  return { data: out, rows: n, cols: d };
}

/**
 * Convert to nested arrays (NaN kept as NaN).
 * @example toRows(matrix(1, 2, [5, 6])) // [[5, 6]]
 */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/**
 * Element accessor.
 * @example get(fromRows([[1, 2]]), 0, 1) // 2
 */
export function get(m: Matrix, i: number, j: number): number {
  if (i < 0 || i >= m.rows) throw new RangeError(`i=${i} must be in [0, rows=${m.rows})`);
  if (j < 0 || j >= m.cols) throw new RangeError(`j=${j} must be in [0, cols=${m.cols})`);
  return m.data[i * m.cols + j];
}

/**
 * Row `i` as a subarray *view* (no copy; writes go through).
 * @example row(fromRows([[1, 2], [3, 4]]), 1) // Float64Array [3, 4]
 */
export function row(m: Matrix, i: number): Float64Array {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) throw new RangeError(`row index i=${i} must be in [0, rows=${m.rows})`);
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/**
 * Copy the given rows (in the given order, repeats allowed) into a new matrix.
 * @example selectRows(fromRows([[1], [2], [3]]), [2, 0]) // rows [[3], [1]]
 */
export function selectRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const d = m.cols;
  const out = new Float64Array(idx.length * d);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (!Number.isInteger(i) || i < 0 || i >= m.rows) throw new RangeError(`row index ${i} must be in [0, rows=${m.rows})`);
    out.set(m.data.subarray(i * d, i * d + d), k * d);
  }
  return { data: out, rows: idx.length, cols: d };
}

/**
 * Copy the given columns into a new matrix.
 * @example selectCols(fromRows([[1, 2, 3]]), [2, 0]) // rows [[3, 1]]
 */
export function selectCols(m: Matrix, idx: ArrayLike<number>): Matrix {
  const n = m.rows, d = m.cols, k = idx.length;
  for (let c = 0; c < k; c++) {
    if (!Number.isInteger(idx[c]) || idx[c] < 0 || idx[c] >= d) throw new RangeError(`column index ${idx[c]} must be in [0, cols=${d})`);
  }
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = m.data[i * d + idx[c]];
  return { data: out, rows: n, cols: k };
}

/**
 * Column means ignoring NaN (NaN when a column has no values).
 * @example columnMeans(fromRows([[1, NaN], [3, 4]])) // Float64Array [2, 4]
 */
export function columnMeans(m: Matrix): Float64Array {
  const { rows: n, cols: d, data } = m;
  const sum = new Float64Array(d);
  const miss = new Int32Array(d);
  for (let o = 0; o < n * d; o += d) {
    let j = 0;
    for (; j + 3 < d; j += 4) { // unrolled; each column still sums its rows in order
      const a = data[o + j], b = data[o + j + 1], c = data[o + j + 2], e = data[o + j + 3];
      if (a === a) sum[j] += a; else miss[j]++;
      if (b === b) sum[j + 1] += b; else miss[j + 1]++;
      if (c === c) sum[j + 2] += c; else miss[j + 2]++;
      if (e === e) sum[j + 3] += e; else miss[j + 3]++;
    }
    for (; j < d; j++) { const v = data[o + j]; if (v === v) sum[j] += v; else miss[j]++; }
  }
  for (let j = 0; j < d; j++) { const c = n - miss[j]; sum[j] = c > 0 ? sum[j] / c : NaN; }
  return sum;
}

/**
 * Copy with every NaN replaced by its column mean (columns with no values → 0).
 * Used by k-means, PCA and euclidean silhouette, which need complete data.
 * @example imputeMean(fromRows([[1, NaN], [3, 4]])) // rows [[1, 4], [3, 4]]
 */
export function imputeMean(m: Matrix): Matrix {
  const means = columnMeans(m);
  const d = m.cols;
  const out = new Float64Array(m.data);
  for (let o = 0; o < out.length; o++) {
    if (out[o] !== out[o]) {
      const mu = means[o % d];
      out[o] = mu === mu ? mu : 0;
    }
  }
  return { data: out, rows: m.rows, cols: d };
}

/** True when any element is NaN. @example hasMissing(fromRows([[NaN]])) // true */
export function hasMissing(m: Matrix): boolean {
  const a = m.data;
  for (let o = 0; o < a.length; o++) if (a[o] !== a[o]) return true;
  return false;
}
