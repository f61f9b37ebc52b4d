/**
 * The risk report shipped with every export.
 *
 * Prosecutor risk of a released row = 1 / |its equivalence class|: the chance that an
 * attacker who knows a city is in the export, and knows its quasi-identifiers, picks the
 * right row by guessing within the class.
 */

export interface RiskReport {
  /** smallest released class (0 when nothing is released) */
  k: number;
  /** smallest class size after removing any one member (k − 1) */
  kAfterRemoval: number;
  /** fewest distinct sensitive values in any class and attribute (null: no sensitive attribute) */
  l: number | null;
  /** input rows, released rows, suppressed rows */
  inputRows: number;
  releasedRows: number;
  suppressedRows: number;
  suppressedShare: number;
  classes: number;
  maxProsecutorRisk: number;
  meanProsecutorRisk: number;
}

/**
 * Measure k, ℓ, suppression and prosecutor risk of released classes.
 * @example
 * riskReport([[0, 1, 2, 3, 4, 5]], [['a', 'b', 'a', 'a', 'b', 'a']], 7)
 * // { k: 6, l: 2, suppressedRows: 1, maxProsecutorRisk: 1/6, meanProsecutorRisk: 1/6, … }
 */
export function riskReport(
  classes: readonly (readonly number[])[],
  sensitive: readonly (readonly string[])[],
  inputRows: number,
  /** when rows reveal more than their QIs (derived.ts): risk = 1 / rows of its class linkable to a city */
  linkable?: (row: number, city: number) => boolean,
): RiskReport {
  const released = classes.reduce((s, c) => s + c.length, 0);
  if (released > inputRows) throw new RangeError(`released rows=${released} must be <= inputRows=${inputRows}`);
  let k = Infinity;
  let l = Infinity;
  let max = 0;
  let sum = 0;
  for (const c of classes) {
    k = Math.min(k, c.length);
    if (!linkable) {
      max = Math.max(max, 1 / c.length);
      sum += c.length * (1 / c.length); // each row of the class carries risk 1/|class|
    } else for (const city of c) {
      const rows = c.filter((r) => linkable(r, city)).length;
      const cities = c.filter((x) => linkable(city, x)).length;
      const risk = 1 / Math.max(1, Math.min(rows, cities));
      max = Math.max(max, risk);
      sum += risk;
    }
    for (const attr of sensitive) l = Math.min(l, new Set(c.map((r) => attr[r])).size);
  }
  return {
    k: classes.length ? k : 0,
    kAfterRemoval: classes.length ? k - 1 : 0,
    l: sensitive.length === 0 ? null : classes.length ? l : 0,
    inputRows,
    releasedRows: released,
    suppressedRows: inputRows - released,
    suppressedShare: inputRows ? (inputRows - released) / inputRows : 0,
    classes: classes.length,
    maxProsecutorRisk: max,
    meanProsecutorRisk: released ? sum / released : 0,
  };
}
