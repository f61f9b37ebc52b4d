/**
 * Published scores recomputed from released indicator bands.
 *
 * Area and overall scores are weighted means of indicator scores, and cities publish them.
 * A row with indicator bands therefore pins each published score into an interval (the
 * weighted mean of the band bounds over the answered indicators). An attacker who knows a
 * city's exact published scores can drop every row whose intervals miss them, which can
 * single a row out inside a perfectly k-anonymous class. `linkability` builds the row × city
 * relation so the k-anonymity search can require ≥ k consistent members per row and rows
 * per member (kanonymity.ts `linkable`).
 */
import { MISSING } from './bands';

/** published key → weights over indicator keys, or over other published keys (overall = areas). */
export type ScoreModel = Record<string, Record<string, number>>;

/** Bounds of a band label (`0-25`, `50-100`, …); null for `missing`; [0, 100] for `any`. */
export function bandBounds(label: string): [number, number] | null {
  if (label === MISSING) return null;
  const m = /^(\d+)-(\d+)$/.exec(label);
  return m ? [Number(m[1]), Number(m[2])] : [0, 100];
}

/**
 * Interval of every modelled published score implied by one row's indicator bands.
 * @example derivedIntervals({ i1: '50-75', i2: '75-100' }, { area: { i1: 1, i2: 1 } }) // { area: [62.5, 87.5] }
 */
export function derivedIntervals(bands: Record<string, string>, model: ScoreModel): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const resolve = (key: string, depth: number): [number, number] => {
    if (out[key]) return out[key];
    let w = 0, lo = 0, hi = 0;
    for (const [part, weight] of Object.entries(model[key] ?? {})) {
      const b = part in model && depth < 4 ? resolve(part, depth + 1) : part in bands ? bandBounds(bands[part]) : null;
      if (!b || !(weight > 0)) continue;
      w += weight; lo += weight * b[0]; hi += weight * b[1];
    }
    return (out[key] = w > 0 ? [lo / w, hi / w] : [0, 100]);
  };
  for (const key of Object.keys(model)) resolve(key, 0);
  return out;
}

/**
 * `linkable(r, c)`: every modelled published score of city c lies in row r's interval.
 * @example const link = linkability(bandsPerRow, publishedPerCity, model); link(0, 3) // false
 */
export function linkability(
  bands: readonly Record<string, string>[],
  published: readonly Record<string, number>[],
  model: ScoreModel,
): (row: number, city: number) => boolean {
  const n = bands.length;
  const keys = Object.keys(model);
  const iv = bands.map((b) => derivedIntervals(b, model));
  const eps = 1e-9;
  const cache = new Uint8Array(n * n); // 0 unknown, 1 no, 2 yes
  return (r, c) => {
    const i = r * n + c;
    if (!cache[i]) {
      const ok = keys.every((key) => {
        const v = published[c][key];
        return v === undefined || Number.isNaN(v) || (v >= iv[r][key][0] - eps && v <= iv[r][key][1] + eps);
      });
      cache[i] = ok ? 2 : 1;
    }
    return cache[i] === 2;
  };
}
