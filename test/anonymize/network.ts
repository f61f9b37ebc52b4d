/**
 * Deterministic synthetic networks for the anonymisation tests: skewed city sizes, uneven
 * country counts, foreign-born share 2-50 %, 13 indicator scores (0-100 in steps of 25) in
 * 4 areas, area scores (means of their indicators) and an overall score (mean of areas).
 */
import { createRandom } from '../../analytics/random';
import type { CityRecord } from '../../analytics/anonymize';

/** Country counts of the demo network (200 cities, 27 countries). */
export const DEMO_COUNTRIES: [string, number][] = [
  ['ES', 24], ['DE', 23], ['GB', 22], ['IT', 20], ['FR', 20], ['SE', 10], ['PL', 9], ['FI', 9], ['HU', 6], ['CH', 6],
  ['BG', 6], ['BE', 6], ['RO', 5], ['PT', 4], ['NO', 4], ['NL', 4], ['LT', 4], ['CZ', 4], ['HR', 3], ['SK', 2],
  ['SI', 2], ['EE', 2], ['LV', 1], ['LU', 1], ['IE', 1], ['DK', 1], ['CY', 1],
];

export const AREAS: Record<string, string[]> = {
  governance: ['i01', 'i02', 'i03'],
  labour: ['i04', 'i05', 'i06'],
  education: ['i07', 'i08', 'i09'],
  participation: ['i10', 'i11', 'i12', 'i13'],
};

export interface NetworkOptions {
  n: number;
  seed: number;
  /** sd of log population (skew); default 0.8 around a median of 230k */
  popSigma?: number;
  /** how many countries to draw from (the demo's, in order of size); default 27 */
  countries?: number;
  /** Zipf exponent for country sizes when n ≠ 200; default 1 */
  zipf?: number;
}

/**
 * A seeded network. With n = 200 and the defaults, country counts are the demo network's.
 * @example network({ n: 200, seed: 1 }).length // 200
 */
export function network({ n, seed, popSigma = 0.8, countries = 27, zipf = 1 }: NetworkOptions): CityRecord[] {
  const rnd = createRandom(seed);
  const cs = DEMO_COUNTRIES.slice(0, Math.max(1, Math.min(27, countries)));
  let countryOf: string[];
  if (n === 200 && cs.length === 27) countryOf = cs.flatMap(([c, m]) => Array<string>(m).fill(c));
  else {
    const w = cs.map((_, i) => 1 / (i + 1) ** zipf);
    const tot = w.reduce((a, b) => a + b, 0);
    countryOf = Array.from({ length: n }, () => {
      let u = rnd.next() * tot, i = 0;
      while (i < w.length - 1 && (u -= w[i]) > 0) i++;
      return cs[i][0];
    });
  }
  const base = new Map(cs.map(([c]) => [c, 4 + rnd.next() * 26]));
  return countryOf.map((country, i) => {
    const population = Math.max(50_000, Math.round(Math.exp(Math.log(230_000) + popSigma * rnd.normal())));
    const migrantShare = Math.round(Math.min(50, Math.max(2, base.get(country)! + 6 * rnd.normal())) * 10) / 10;
    const q = 0.15 + 0.75 * rnd.next();
    const indicators: Record<string, number> = {};
    const published: Record<string, number> = {};
    for (const [area, ids] of Object.entries(AREAS)) {
      const off = 0.1 * rnd.normal();
      for (const id of ids) indicators[id] = 25 * Math.min(4, Math.max(0, Math.round((q + off) * 4 + 0.8 * rnd.normal())));
      published[area] = ids.reduce((s, id) => s + indicators[id], 0) / ids.length;
    }
    published.overall = Object.keys(AREAS).reduce((s, a) => s + published[a], 0) / Object.keys(AREAS).length;
    return {
      id: `city-${i}`,
      country,
      population,
      migrantShare,
      published,
      indicators,
      cluster: published.overall < 40 ? 'starting' : published.overall < 65 ? 'developing' : 'advanced',
      evidence: `SECRET-EVIDENCE-${i}`,
      notes: `SECRET-NOTE-${i}`,
    };
  });
}

/**
 * A seeded byte source (mulberry32 words) for reproducible unit tests; never use outside tests.
 * @example seededBytes(1)(16).length // 16
 */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  const rnd = createRandom(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd.next() * 256));
}

/** How the synthetic published scores are computed (area = mean of indicators, overall = mean of areas). */
export const SCORE_MODEL: Record<string, Record<string, number>> = {
  ...Object.fromEntries(Object.entries(AREAS).map(([a, ids]) => [a, Object.fromEntries(ids.map((id) => [id, 1]))])),
  overall: Object.fromEntries(Object.keys(AREAS).map((a) => [a, 1])),
};
