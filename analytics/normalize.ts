import type { Matrix } from './matrix';
import { countBelow, medianSorted, quantileSorted, sortedColumn } from './stats';

export type NormalizeMethod = 'minmax' | 'zscore' | 'robust' | 'percentile';

/** Options for {@link fitNormalizer}. Column lists may be a boolean mask or column indices. */
export interface NormalizerOptions {
  method: NormalizeMethod;
  /** Columns to transform with signed log1p, `sign(x)·ln(1+|x|)` (= log1p for x ≥ 0), before scaling. */
  log?: boolean[] | number[];
  /** Clip each (non-ordinal) column to its fitted [lowQ, highQ] quantiles before scaling, e.g. [0.01, 0.99]. */
  winsorize?: [number, number];
  /** Columns kept ordinal: mapped to (level index)/(levels-1) in [0,1], never z-scored. */
  ordinal?: boolean[] | number[];
}

/**
 * What was learned, as plain JSON-serialisable data (plain number arrays, no typed arrays;
 * all-missing columns are marked `constant`, so no NaN is stored; `null` clip bounds mean "no clip").
 * Per column `kind`:
 * - `scale`: y = (clip(f(x)) - center) / scale
 * - `constant`: every finite input maps to `fill` (0 for zscore/robust, 0.5 for minmax/percentile/ordinal)
 * - `ordinal`: y = position of x among `levels` / (levels.length - 1), linear between levels, clipped to [0,1]
 * - `percentile`: y = mid-rank of x among `sorted` / n
 */
export interface NormalizerModel {
  method: NormalizeMethod;
  cols: number;
  kind: Array<'scale' | 'constant' | 'ordinal' | 'percentile'>;
  log: boolean[];
  clipLow: (number | null)[];
  clipHigh: (number | null)[];
  center: number[];
  scale: number[];
  fill: number[];
  /** Sorted distinct fitted values of ordinal columns (empty array for other columns). */
  levels: number[][];
  /** Sorted fitted values for percentile columns (empty array for other columns). */
  sorted: number[][];
}

const MAD_TO_SD = 1.4826;

function toMask(list: boolean[] | number[] | undefined, cols: number, name: string): boolean[] {
  const mask = new Array<boolean>(cols).fill(false);
  if (!list) return mask;
  if (list.length > 0 && typeof list[0] === 'boolean') {
    if (list.length !== cols) throw new RangeError(`${name} mask length=${list.length} must equal cols=${cols}`);
    return (list as boolean[]).slice();
  }
  for (const j of list as number[]) {
    if (!Number.isInteger(j) || j < 0 || j >= cols) throw new RangeError(`${name} column ${j} must be in [0, cols=${cols})`);
    mask[j] = true;
  }
  return mask;
}

/** Signed log1p: sign(x)·ln(1+|x|). @example slog1p(Math.E - 1) // 1 */
export function slog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

/**
 * Fit a per-column normaliser. NaN (missing) is ignored when fitting and stays NaN when transforming.
 * Constant (or all-missing) columns never yield NaN/Infinity: they map to 0 (zscore, robust)
 * or 0.5 (minmax, percentile, ordinal with one level).
 * Robust: (x - median) / (1.4826·MAD); if MAD = 0, falls back to the standard deviation.
 * @example
 * const model = fitNormalizer(fromRows([[1], [3]]), { method: 'minmax' });
 * transform(model, fromRows([[2]])).data // Float64Array [0.5]
 */
export function fitNormalizer(m: Matrix, options: NormalizerOptions): NormalizerModel {
  const { method } = options;
  if (!['minmax', 'zscore', 'robust', 'percentile'].includes(method)) {
    throw new RangeError(`method=${String(method)} must be one of minmax|zscore|robust|percentile`);
  }
  const d = m.cols;
  const log = toMask(options.log, d, 'log');
  const ordinal = toMask(options.ordinal, d, 'ordinal');
  const w = options.winsorize;
  if (w && !(w[0] >= 0 && w[0] <= w[1] && w[1] <= 1)) {
    throw new RangeError(`winsorize=[${w[0]}, ${w[1]}] must satisfy 0 <= lowQ <= highQ <= 1`);
  }
  const model: NormalizerModel = {
    method, cols: d, kind: [], log, clipLow: [], clipHigh: [], center: [], scale: [], fill: [], levels: [], sorted: [],
  };
  const midFill = method === 'zscore' || method === 'robust' ? 0 : 0.5;
  for (let j = 0; j < d; j++) {
    let s = sortedColumn(m.data, m.rows, d, j);
    model.levels.push([]);
    model.sorted.push([]);
    model.clipLow.push(null);
    model.clipHigh.push(null);
    model.center.push(0);
    model.scale.push(1);
    if (ordinal[j]) {
      model.log[j] = false;
      const lv: number[] = [];
      for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) lv.push(s[i]);
      model.levels[j] = lv;
      model.kind.push(lv.length >= 2 ? 'ordinal' : 'constant');
      model.fill.push(0.5);
      continue;
    }
    if (log[j]) { for (let i = 0; i < s.length; i++) s[i] = slog1p(s[i]); s = s.sort(); }
    if (w && s.length > 0) {
      const lo = quantileSorted(s, w[0]), hi = quantileSorted(s, w[1]);
      model.clipLow[j] = lo; model.clipHigh[j] = hi;
      for (let i = 0; i < s.length; i++) s[i] = s[i] < lo ? lo : s[i] > hi ? hi : s[i];
    }
    model.fill.push(midFill);
    if (s.length === 0 || s[0] === s[s.length - 1]) { model.kind.push('constant'); continue; }
    if (method === 'percentile') { model.kind.push('percentile'); model.sorted[j] = Array.from(s); continue; }
    let center: number, scale: number;
    if (method === 'minmax') { center = s[0]; scale = s[s.length - 1] - s[0]; }
    else {
      let sum = 0; for (let i = 0; i < s.length; i++) sum += s[i];
      const mean = sum / s.length;
      let ss = 0; for (let i = 0; i < s.length; i++) ss += (s[i] - mean) ** 2;
      const sd = Math.sqrt(ss / s.length);
      if (method === 'zscore') { center = mean; scale = sd; }
      else {
        center = medianSorted(s);
        const dev = new Float64Array(s.length);
        for (let i = 0; i < s.length; i++) dev[i] = Math.abs(s[i] - center);
        const mad = medianSorted(dev.sort());
        scale = mad > 0 ? MAD_TO_SD * mad : sd;
      }
    }
    model.kind.push('scale'); model.center[j] = center; model.scale[j] = scale;
  }
  return model;
}

function ordinalPosition(levels: number[], x: number): number {
  const L = levels.length;
  if (x <= levels[0]) return 0;
  if (x >= levels[L - 1]) return 1;
  const { less } = countBelow(levels, x); // levels[less-1] < x <= levels[less]
  const hi = levels[less], lo = levels[less - 1];
  const pos = x === hi ? less : less - 1 + (x - lo) / (hi - lo);
  return pos / (L - 1);
}

/**
 * Transform one row into `out` (allocated when absent). NaN stays NaN.
 * @example transformRow(fitNormalizer(fromRows([[0], [10]]), { method: 'minmax' }), Float64Array.of(5)) // [0.5]
 */
export function transformRow(model: NormalizerModel, x: Float64Array, out?: Float64Array): Float64Array {
  const d = model.cols;
  if (x.length !== d) throw new RangeError(`row length=${x.length} must equal model cols=${d}`);
  const y = out ?? new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let v = x[j];
    if (v !== v) { y[j] = NaN; continue; }
    switch (model.kind[j]) {
      case 'constant': y[j] = model.fill[j]; break;
      case 'ordinal': y[j] = ordinalPosition(model.levels[j], v); break;
      default: {
        if (model.log[j]) v = slog1p(v);
        const lo = model.clipLow[j], hi = model.clipHigh[j];
        if (lo !== null && v < lo) v = lo;
        else if (hi !== null && v > hi) v = hi;
        if (model.kind[j] === 'percentile') {
          const s = model.sorted[j];
          const { less, lessEq } = countBelow(s, v);
          const eq = lessEq - less;
          y[j] = (less + (eq > 0 ? (eq + 1) / 2 : 0)) / s.length;
        } else {
          y[j] = (v - model.center[j]) / model.scale[j];
        }
      }
    }
  }
  return y;
}

/**
 * Transform a matrix with a fitted model (returns a new matrix).
 * @example transform(fitNormalizer(m, { method: 'zscore' }), m)
 */
export function transform(model: NormalizerModel, m: Matrix): Matrix {
  if (m.cols !== model.cols) throw new RangeError(`matrix cols=${m.cols} must equal model cols=${model.cols}`);
  const out = new Float64Array(m.data.length);
  const d = m.cols;
  for (let i = 0; i < m.rows; i++) {
    transformRow(model, m.data.subarray(i * d, i * d + d), out.subarray(i * d, i * d + d));
  }
  return { data: out, rows: m.rows, cols: d };
}

/**
 * Fast column z-score (population sd, NaN ignored and kept; constant columns → 0).
 * @example zscore(fromRows([[1], [3]])).data // Float64Array [-1, 1]
 */
export function zscore(m: Matrix): Matrix {
  const { rows: n, cols: d, data } = m;
  // One pass of shifted sums (shift = first non-NaN value per column, avoids cancellation).
  const pivot = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let p = 0;
    for (let o = j; o < data.length; o += d) { if (data[o] === data[o]) { p = data[o]; break; } }
    pivot[j] = p;
  }
  const sum = new Float64Array(d), sq = new Float64Array(d), cnt = new Float64Array(d);
  accumulateShifted(data, n, d, pivot, sum, sq, cnt);
  const mean = new Float64Array(d), inv = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const c = cnt[j];
    const mu = c > 0 ? sum[j] / c : 0;
    const variance = c > 0 ? Math.max(0, sq[j] / c - mu * mu) : 0;
    mean[j] = pivot[j] + mu;
    const sd = Math.sqrt(variance);
    inv[j] = sd > 1e-12 * (Math.abs(mean[j]) + 1) ? 1 / sd : 0;
  }
  const out = new Float64Array(n * d);
  scaleInto(data, out, n, d, mean, inv);
  return { data: out, rows: n, cols: d };
}

function accumulateShifted(data: Float64Array, n: number, d: number, pivot: Float64Array, sum: Float64Array, sq: Float64Array, cnt: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) { // two rows at a time halves the accumulator traffic
    const o = i * d, o2 = o + d;
    for (let j = 0; j < d; j++) {
      const p = pivot[j];
      let v = data[o + j] - p, w = data[o2 + j] - p, c = 2;
      if (v !== v) { v = 0; c--; }
      if (w !== w) { w = 0; c--; }
      sum[j] += v + w; sq[j] += v * v + w * w; cnt[j] += c;
    }
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j] - pivot[j];
      if (v === v) { sum[j] += v; sq[j] += v * v; cnt[j] += 1; }
    }
  }
}

function scaleInto(data: Float64Array, out: Float64Array, n: number, d: number, mean: Float64Array, inv: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) out[o + j] = (data[o + j] - mean[j]) * inv[j];
  }
}
