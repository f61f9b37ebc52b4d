/**
 * Row kernels of the peer query: distances of one prepared query to a range of rows, 4 rows at a
 * time with independent add chains (bit-identical to the one-row versions).
 */

/**
 * The query's continuous active columns as contiguous runs [runA[r], runB[r]), so the row loops read
 * `data[o + j]` sequentially without an index array. qv/sv/wv are indexed by column: query value,
 * per-column scale (w/range for Gower, w for Euclidean) and weight.
 */
export interface Runs {
  runA: Int32Array; runB: Int32Array; nRuns: number; qv: Float64Array; sv: Float64Array; wv: Float64Array;
  /** qv, sv, wv interleaved (qsw[3j], qsw[3j + 1], qsw[3j + 2]): one array, one bounds check per column. */
  qsw: Float64Array;
}

/** Weighted Gower distance of one stored row (offset o) to the active query columns; NaN if none shared. */
function gowerRow(data: Float64Array, o: number, R: Runs, catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number): number {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let acc = 0, miss = 0;
  for (let r = 0; r < nRuns; r++) {
    for (let j = runA[r], e = runB[r]; j < e; j++) {
      const b = data[o + j];
      if (b !== b) { miss += wv[j]; continue; }
      const c = Math.abs(qv[j] - b) * sv[j];
      const cw = wv[j];
      acc += c > cw ? cw : c;
    }
  }
  for (let t = 0; t < nCat; t++) {
    const b = data[o + catIdx[t]];
    if (b !== b) miss += catW[t];
    else if (b !== catQ[t]) acc += catW[t];
  }
  const den = wActive - miss;
  return den > 0 ? acc / den : NaN;
}

/** Rescaled squared weighted Euclidean distance (sum w·diff² · wAll/wUsed); NaN if none shared. */
function euclidRow(data: Float64Array, o: number, R: Runs, wActive: number, wAll: number): number {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let acc = 0, miss = 0;
  for (let r = 0; r < nRuns; r++) {
    for (let j = runA[r], e = runB[r]; j < e; j++) {
      const diff = qv[j] - data[o + j];
      if (diff !== diff) { miss += wv[j]; continue; }
      acc += diff * diff * sv[j];
    }
  }
  const den = wActive - miss;
  return den > 0 ? acc * (wAll / den) : NaN;
}

/** Finish a Euclidean accumulation: rescale by wAll / used weight; NaN if nothing shared. */
export function euclidFinish(acc: number, miss: number, wActive: number, wAll: number): number {
  const den = wActive - miss;
  return den > 0 ? acc * (wAll / den) : NaN;
}

/**
 * {@link euclidRow} for rows [from, to) into out[i - from]. Four rows advance together (four
 * independent add chains, same per-row summation order, so results are bit-identical).
 */
export function euclidRows(data: Float64Array, d: number, from: number, to: number, R: Runs, wActive: number, wAll: number, out: Float64Array): void {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qv[j], sj = sv[j], wj = wv[j];
        const x0 = q - data[o0 + j], x1 = q - data[o1 + j], x2 = q - data[o2 + j], x3 = q - data[o3 + j];
        if (x0 === x0) a0 += x0 * x0 * sj; else m0 += wj;
        if (x1 === x1) a1 += x1 * x1 * sj; else m1 += wj;
        if (x2 === x2) a2 += x2 * x2 * sj; else m2 += wj;
        if (x3 === x3) a3 += x3 * x3 * sj; else m3 += wj;
      }
    }
    const b = i - from;
    out[b] = euclidFinish(a0, m0, wActive, wAll); out[b + 1] = euclidFinish(a1, m1, wActive, wAll);
    out[b + 2] = euclidFinish(a2, m2, wActive, wAll); out[b + 3] = euclidFinish(a3, m3, wActive, wAll);
  }
  for (; i < to; i++) out[i - from] = euclidRow(data, i * d, R, wActive, wAll);
}

/** Gower term of one continuous column: min(|q - b|·s, w). @example gowerTerm1(0.2, 0.9, 2, 1) // 1 */
export function gowerTerm1(q: number, b: number, s: number, w: number): number {
  const c = Math.abs(q - b) * s;
  return c > w ? w : c;
}

/**
 * {@link gowerRow} for rows [from, to) into out[i - from], four rows at a time over the continuous
 * runs (same per-row summation order: bit-identical), then the categorical columns per row.
 */
export function gowerRows(data: Float64Array, d: number, from: number, to: number, R: Runs,
  catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number, out: Float64Array): void {
  const { runA, runB, nRuns, qv, sv, wv } = R;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let r = 0; r < nRuns; r++) {
      for (let j = runA[r], e = runB[r]; j < e; j++) {
        const q = qv[j], sj = sv[j], wj = wv[j];
        const b0 = data[o0 + j], b1 = data[o1 + j], b2 = data[o2 + j], b3 = data[o3 + j];
        if (b0 === b0) a0 += gowerTerm1(q, b0, sj, wj); else m0 += wj;
        if (b1 === b1) a1 += gowerTerm1(q, b1, sj, wj); else m1 += wj;
        if (b2 === b2) a2 += gowerTerm1(q, b2, sj, wj); else m2 += wj;
        if (b3 === b3) a3 += gowerTerm1(q, b3, sj, wj); else m3 += wj;
      }
    }
    const b = i - from;
    out[b] = gowerCatFinish(data, o0, a0, m0, catIdx, catQ, catW, nCat, wActive);
    out[b + 1] = gowerCatFinish(data, o1, a1, m1, catIdx, catQ, catW, nCat, wActive);
    out[b + 2] = gowerCatFinish(data, o2, a2, m2, catIdx, catQ, catW, nCat, wActive);
    out[b + 3] = gowerCatFinish(data, o3, a3, m3, catIdx, catQ, catW, nCat, wActive);
  }
  for (; i < to; i++) out[i - from] = gowerRow(data, i * d, R, catIdx, catQ, catW, nCat, wActive);
}

/** Add the categorical columns of one row to its continuous Gower sums and divide. */
export function gowerCatFinish(data: Float64Array, o: number, acc: number, miss: number,
  catIdx: Int32Array, catQ: Float64Array, catW: Float64Array, nCat: number, wActive: number): number {
  for (let t = 0; t < nCat; t++) {
    const b = data[o + catIdx[t]];
    if (b !== b) miss += catW[t];
    else if (b !== catQ[t]) acc += catW[t];
  }
  const den = wActive - miss;
  return den > 0 ? acc / den : NaN;
}

/** Group the continuous active columns (`isRun[j]` = 1) into maximal contiguous runs. */
export function buildRuns(isRun: Uint8Array, qv: Float64Array, sv: Float64Array, wv: Float64Array): Runs {
  const d = isRun.length;
  const runA = new Int32Array(d), runB = new Int32Array(d);
  let nRuns = 0;
  for (let j = 0; j < d; j++) {
    if (isRun[j] === 0) continue;
    if (nRuns > 0 && runB[nRuns - 1] === j) runB[nRuns - 1] = j + 1;
    else { runA[nRuns] = j; runB[nRuns] = j + 1; nRuns++; }
  }
  const qsw = new Float64Array(3 * d);
  for (let j = 0; j < d; j++) { qsw[3 * j] = qv[j]; qsw[3 * j + 1] = sv[j]; qsw[3 * j + 2] = wv[j]; }
  return { runA, runB, nRuns, qv, sv, wv, qsw };
}
