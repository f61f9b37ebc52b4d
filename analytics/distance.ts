import type { Matrix } from './matrix';

export type VariableKind = 'numeric' | 'ordinal' | 'categorical' | 'boolean';

/** How one column is compared. */
export interface VariableSpec {
  kind: VariableKind;
  /** Importance (default 1). Overridden by an explicit `weights` argument. */
  weight?: number;
  /** For numeric/ordinal Gower: the range to divide by; fitted from data when absent. */
  range?: number;
}

/** Result of comparing two rows. */
export interface PairDistance {
  distance: number;
  /** Number of variables present (non-NaN, weight > 0) in both rows. */
  used: number;
  /** Per-variable share of `distance` (sums to it); NaN where a variable was skipped. */
  contributions?: Float64Array;
}

function checkSpecs(specs: readonly VariableSpec[], cols: number): void {
  if (specs.length !== cols) throw new RangeError(`specs.length=${specs.length} must equal cols=${cols}`);
}

/**
 * Effective weight per column: `weights[j]` if given, else `specs[j].weight`, else 1.
 * @example resolveWeights([{ kind: 'numeric', weight: 2 }], undefined) // Float64Array [2]
 */
export function resolveWeights(specs: readonly VariableSpec[] | undefined, weights: ArrayLike<number> | undefined, cols = specs?.length ?? weights?.length ?? 0): Float64Array {
  const w = new Float64Array(cols);
  if (weights && weights.length !== cols) throw new RangeError(`weights.length=${weights.length} must equal cols=${cols}`);
  for (let j = 0; j < cols; j++) {
    const v = weights ? weights[j] : specs?.[j]?.weight ?? 1;
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`weight[${j}]=${v} must be a finite number >= 0`);
    w[j] = v;
  }
  return w;
}

/**
 * Range (max - min over non-NaN values) per numeric/ordinal column, or `spec.range` when given.
 * Categorical/boolean columns get 1 (unused). All-missing columns get 0.
 * @example fitGowerRanges(fromRows([[1, 0], [4, 1]]), [{ kind: 'numeric' }, { kind: 'boolean' }]) // [3, 1]
 */
export function fitGowerRanges(m: Matrix, specs: readonly VariableSpec[]): Float64Array {
  const d = m.cols;
  checkSpecs(specs, d);
  const lo = new Float64Array(d).fill(Infinity), hi = new Float64Array(d).fill(-Infinity);
  const data = m.data;
  for (let i = 0, o = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++, o++) {
      const v = data[o];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  const r = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const s = specs[j];
    if (s.kind === 'categorical' || s.kind === 'boolean') r[j] = 1;
    else if (s.range !== undefined) {
      if (!(s.range >= 0)) throw new RangeError(`specs[${j}].range=${s.range} must be >= 0`);
      r[j] = s.range;
    } else r[j] = hi[j] >= lo[j] ? hi[j] - lo[j] : 0;
  }
  return r;
}

/**
 * Per-variable Gower dissimilarity in [0,1] (NaN if either value is missing).
 * Numeric/ordinal: min(|a-b|/range, 1) (0 when range = 0); categorical/boolean: 0 if equal else 1.
 * @example gowerTerm({ kind: 'numeric' }, 1, 3, 4) // 0.5
 */
export function gowerTerm(spec: VariableSpec, a: number, b: number, range: number): number {
  if (a !== a || b !== b) return NaN;
  if (spec.kind === 'categorical' || spec.kind === 'boolean') return a === b ? 0 : 1;
  if (!(range > 0)) return 0;
  const t = Math.abs(a - b) / range;
  return t > 1 ? 1 : t;
}

/**
 * Gower distance: weighted mean of per-variable dissimilarities over variables present in both rows.
 * `used` = 0 ⇒ distance NaN. Contributions are weighted shares summing to the distance.
 * @example
 * gower(Float64Array.of(1, 0), Float64Array.of(3, 1), [{ kind: 'numeric' }, { kind: 'boolean' }], Float64Array.of(4, 1))
 * // { distance: 0.75, used: 2, contributions: [0.25, 0.5] }
 */
export function gower(a: Float64Array, b: Float64Array, specs: readonly VariableSpec[], ranges: ArrayLike<number>, weights?: ArrayLike<number>): PairDistance {
  const d = specs.length;
  if (a.length !== d || b.length !== d) throw new RangeError(`row lengths ${a.length}, ${b.length} must equal specs.length=${d}`);
  const w = resolveWeights(specs, weights, d);
  const terms = new Float64Array(d);
  let num = 0, den = 0, used = 0;
  for (let j = 0; j < d; j++) {
    const t = gowerTerm(specs[j], a[j], b[j], ranges[j]);
    if (t !== t || w[j] === 0) { terms[j] = NaN; continue; }
    terms[j] = w[j] * t;
    num += w[j] * t; den += w[j]; used++;
  }
  if (used === 0) return { distance: NaN, used: 0, contributions: terms.fill(NaN) };
  for (let j = 0; j < d; j++) terms[j] /= den;
  return { distance: num / den, used, contributions: terms };
}

/**
 * Weighted Euclidean distance on normalised data, skipping variables missing in either row.
 * To stay comparable across pairs with different missingness, the sum of squares is rescaled by
 * (total weight / used weight) — with unit weights that is d/used. `used` = 0 ⇒ NaN.
 * Contributions are each variable's share of the distance (proportional to w·diff²; sum = distance).
 * @example weightedEuclidean(Float64Array.of(0, 0), Float64Array.of(3, 4)) // { distance: 5, used: 2, ... }
 */
export function weightedEuclidean(a: Float64Array, b: Float64Array, weights?: ArrayLike<number>): PairDistance {
  const d = a.length;
  if (b.length !== d) throw new RangeError(`row lengths ${a.length} and ${b.length} must be equal`);
  const w = resolveWeights(undefined, weights, d);
  const terms = new Float64Array(d);
  let ss = 0, wAll = 0, wUsed = 0, used = 0;
  for (let j = 0; j < d; j++) {
    wAll += w[j];
    const diff = a[j] - b[j];
    if (diff !== diff || w[j] === 0) { terms[j] = NaN; continue; }
    terms[j] = w[j] * diff * diff;
    ss += terms[j]; wUsed += w[j]; used++;
  }
  if (used === 0) return { distance: NaN, used: 0, contributions: terms.fill(NaN) };
  const distance = Math.sqrt(ss * (wAll / wUsed));
  for (let j = 0; j < d; j++) terms[j] = ss > 0 ? (terms[j] / ss) * distance : terms[j] === terms[j] ? 0 : NaN;
  return { distance, used, contributions: terms };
}

/**
 * Full n×n Gower distance matrix (row-major, symmetric, zero diagonal) for k-medoids / silhouette.
 * Pairs with no variable in common get 1 (maximally dissimilar: nothing known in common),
 * so the matrix never contains NaN.
 * @example gowerMatrix(fromRows([[0], [1]]), [{ kind: 'numeric' }]) // Float64Array [0, 1, 1, 0]
 */
export function gowerMatrix(m: Matrix, specs: readonly VariableSpec[], weights?: ArrayLike<number>, ranges?: ArrayLike<number>): Float64Array {
  const { rows: n, cols: d, data } = m;
  checkSpecs(specs, d);
  const r = ranges ?? fitGowerRanges(m, specs);
  const w = resolveWeights(specs, weights, d);
  const scale = new Float64Array(d), cat = new Uint8Array(d);
  for (let j = 0; j < d; j++) {
    cat[j] = specs[j].kind === 'categorical' || specs[j].kind === 'boolean' ? 1 : 0;
    scale[j] = r[j] > 0 ? 1 / r[j] : 0;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let k = i + 1; k < n; k++) {
      const ok = k * d;
      let num = 0, den = 0;
      for (let j = 0; j < d; j++) {
        const a = data[oi + j], b = data[ok + j];
        if (a !== a || b !== b || w[j] === 0) continue;
        let t: number;
        if (cat[j] === 1) t = a === b ? 0 : 1;
        else { t = (a > b ? a - b : b - a) * scale[j]; if (t > 1) t = 1; }
        num += w[j] * t; den += w[j];
      }
      const v = den > 0 ? num / den : 1;
      out[i * n + k] = v; out[k * n + i] = v;
    }
  }
  return out;
}
