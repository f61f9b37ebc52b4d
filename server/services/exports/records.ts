/**
 * A round's data → the anonymiser's input: one `CityRecord` per city that submitted, built from a
 * whitelist (country, population, foreign-born share, published area/overall scores, indicator
 * scores). Names, ids beyond the internal record id, evidence and notes are never read here.
 * Also the `ScoreModel` (the round's weight set, the one that produced the published scores), so
 * the anonymiser accounts for rows that recompute published scores.
 *
 * @example
 * const { records, scoreModel } = roundRecords(await loadRoundData(db, 3));
 */
import type { CityRecord, ScoreModel } from '../../../analytics/anonymize';
import type { RoundData } from '../analytics/round-data';

/** Published keys: `area_<code>` per area and `overall` (indicator keys are indicator codes). */
export const areaKey = (code: string) => `area_${code}`;
export const OVERALL = 'overall';

export interface ContextFacts {
  /** years the values came from (min, max) and whether any is a generated demo value */
  years: [number, number] | null;
  demo: boolean;
  variable: { code: string; name: string; unit: string | null; description: string } | null;
}

export interface RoundRecords {
  records: CityRecord[];
  scoreModel: ScoreModel;
  population: ContextFacts;
  migrantShare: ContextFacts;
}

export function roundRecords(data: RoundData): RoundRecords {
  const { context, performance: perf } = data;
  const d = context.variables.length;
  const col = (code: string) => context.variables.findIndex((v) => v.code === code);
  const popCol = col('population'), shareCol = col('foreign_born_share');
  const facts = (j: number, rows: number[]): ContextFacts => {
    if (j < 0) return { years: null, demo: false, variable: null };
    const years = rows.map((i) => context.years[i * d + j]).filter((y) => y > 0);
    const v = context.variables[j];
    return {
      years: years.length ? [Math.min(...years), Math.max(...years)] : null,
      demo: rows.some((i) => context.demo[i * d + j] === 1),
      variable: { code: v.code, name: v.name, unit: v.unit, description: v.description },
    };
  };
  const value = (i: number, j: number) => (j < 0 ? NaN : context.matrix.data[i * d + j]);
  const rows = data.cities.flatMap((c, i) => (c.submitted ? [i] : []));
  const A = perf.areas.length, D = perf.indicators.length;
  const records = rows.map((i): CityRecord => {
    const city = data.cities[i];
    const pop = value(i, popCol);
    const published: Record<string, number> = {};
    perf.areas.forEach((a, k) => { published[areaKey(a.code)] = perf.areaMatrix.data[i * A + k]; });
    published[OVERALL] = perf.overall[i];
    const indicators: Record<string, number> = {};
    perf.indicators.forEach((ind, j) => {
      const v = perf.matrix.data[i * D + j];
      if (Number.isFinite(v)) indicators[ind.code] = v;
    });
    return {
      id: String(city.id),
      country: city.countryCode,
      // population is compared as ln(1 + x): undo it; fall back to the city's own figure
      population: Number.isFinite(pop) ? (context.variables[popCol].transform === 'log' ? Math.expm1(pop) : pop) : city.population,
      migrantShare: Number.isFinite(value(i, shareCol)) ? value(i, shareCol) : null,
      published,
      indicators,
    };
  });
  return { records, scoreModel: scoreModelOf(data), population: facts(popCol, rows), migrantShare: facts(shareCol, rows) };
}

/** area_<code> = Σ w_i · indicator_i over the area's indicators; overall = Σ w_a · area_a. */
function scoreModelOf(data: RoundData): ScoreModel {
  const { indicators, areas, weights } = data.performance;
  const model: ScoreModel = {};
  for (const a of areas) {
    model[areaKey(a.code)] = Object.fromEntries(indicators.filter((i) => i.areaCode === a.code).map((i) => [i.code, weights.indicator[String(i.id)] ?? 1]));
  }
  model[OVERALL] = Object.fromEntries(areas.map((a) => [areaKey(a.code), weights.area[a.code] ?? 1]));
  return model;
}
