/**
 * The linkage attacker of issue 7. The attacker holds the public facts of every city (true
 * country, population, migrant share) and the published scores of some of them, plus the
 * export. A city is consistent with an exported row when every generalised QI of the row
 * contains the city's true value and, if the city's scores are known, its published score
 * bands match the row's.
 *
 * `derived: true` is a stronger attacker the issue does not ask for: it also recomputes each
 * area score's possible interval from the row's indicator bands (area = mean of its
 * indicators, overall = mean of areas) and requires known published scores to fall inside.
 */
import { countryHierarchy, migrantShareHierarchy, populationHierarchy, scoreHierarchy, type CityRecord, type RowsExport } from '../../analytics/anonymize';
import type { Random } from '../../analytics/random';
import { AREAS } from './network';

const BAND: Record<string, [number, number]> = { '0-25': [0, 25], '25-50': [25, 50], '50-75': [50, 75], '75-100': [75, 100], '0-50': [0, 50], '50-100': [50, 100] };

function derivedIntervals(row: Record<string, string>): Record<string, [number, number]> | null {
  const out: Record<string, [number, number]> = {};
  for (const [area, ids] of Object.entries(AREAS)) {
    const iv = ids.map((id) => BAND[row[`indicator.${id}`]]);
    if (iv.some((x) => !x)) return null;
    out[area] = [iv.reduce((s, x) => s + x[0], 0) / ids.length, iv.reduce((s, x) => s + x[1], 0) / ids.length];
  }
  const a = Object.keys(AREAS).map((k) => out[k]);
  out.overall = [a.reduce((s, x) => s + x[0], 0) / a.length, a.reduce((s, x) => s + x[1], 0) / a.length];
  return out;
}

/** Whether `city` is consistent with `row` for this attacker. */
export function consistent(out: RowsExport, row: Record<string, string>, city: CityRecord, scoresKnown: boolean, derived = false): boolean {
  const lv = out.levels;
  if (countryHierarchy.label(city.country, lv.geography) !== row.geography) return false;
  if (populationHierarchy.label(city.population, lv.population) !== row.population) return false;
  if (migrantShareHierarchy.label(city.migrantShare, lv.migrantShare) !== row.migrantShare) return false;
  if (!scoresKnown) return true;
  for (const [key, score] of Object.entries(city.published)) {
    if (scoreHierarchy.label(score, lv[`published.${key}`]) !== row[`published.${key}`]) return false;
  }
  if (derived) {
    const iv = derivedIntervals(row);
    if (iv) for (const [key, score] of Object.entries(city.published)) if (iv[key] && (score < iv[key][0] - 1e-9 || score > iv[key][1] + 1e-9)) return false;
  }
  return true;
}

/** For every exported row, the number of cities consistent with it. */
export function consistentCounts(out: RowsExport, cities: readonly CityRecord[], known: ReadonlySet<number>, derived = false): number[] {
  return out.rows.map((row) => cities.reduce((s, c, i) => s + (consistent(out, row, c, known.has(i), derived) ? 1 : 0), 0));
}

/**
 * The true owner of each exported row (for scoring the guessing attacker only). Rows carry no
 * link to cities, so owners are found by content: a city's would-be row equals the exported
 * row. Cities with identical content are interchangeable (each guess succeeds with the same
 * probability whichever of them owns which row), so they are assigned in order.
 */
export function owners(out: RowsExport, cities: readonly CityRecord[], tieBreak?: Random): number[] {
  const lv = out.levels;
  const content = (c: CityRecord) => JSON.stringify([
    countryHierarchy.label(c.country, lv.geography),
    populationHierarchy.label(c.population, lv.population),
    migrantShareHierarchy.label(c.migrantShare, lv.migrantShare),
    ...Object.keys(c.published).sort().map((k) => scoreHierarchy.label(c.published[k], lv[`published.${k}`])),
    ...Object.keys(c.indicators).sort().map((k) => scoreHierarchy.label(c.indicators[k], out.sensitiveLevel)),
  ]);
  const rowContent = (r: Record<string, string>) => JSON.stringify(out.columns.slice(1).map((c) => r[c]));
  const byContent = new Map<string, number[]>();
  cities.forEach((c, i) => { const k = content(c); byContent.set(k, [...(byContent.get(k) ?? []), i]); });
  if (tieBreak) for (const q of byContent.values()) tieBreak.shuffle(q); // identical rows: any assignment is as good
  return out.rows.map((r) => {
    const q = byContent.get(rowContent(r));
    if (!q?.length) throw new Error(`row ${r.pseudonym} matches no city`);
    return q.shift()!;
  });
}
