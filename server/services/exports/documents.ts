/**
 * The documents shipped in every export ZIP: the codebook (every variable: name, label, type,
 * unit, scale, transformation = band hierarchy level, source, year, demo flag), `risk.json`, and
 * the README stating method, parameters and measured risk.
 *
 * @example
 * const risk = riskSummary(planned, params); const book = codebook(planned, data); readme(planned, params, risk);
 */
import type { RiskReport } from '../../../analytics/anonymize';
import type { RoundData } from '../analytics/round-data';
import { AGGREGATE_COLUMNS } from './aggregate-table';
import type { Table } from './formats';
import type { PlannedExport, PlannedRound } from './plan';
import { OVERALL, areaKey, type ContextFacts } from './records';

export interface ExportParameters {
  rounds: string[];
  framework: string;
  variables: string[] | null;
  formats: string[];
  dp: { epsilon: number; budgetPerRound: number } | null;
  k: number;
  l: number;
  maxSuppression: number;
  robustToRemoval: boolean;
  bandsVersion: string;
}

export interface RiskSummary {
  k: number;
  l: number | null;
  suppressedShare: number;
  maxProsecutorRisk: number;
  meanProsecutorRisk: number;
  rowsReleased: number;
  refusedRounds: number;
}

/** Worst case over rounds (mean risk weighted by released rows). */
export function riskSummary(rounds: readonly PlannedRound[]): RiskSummary {
  const released = rounds.filter((r) => r.outcome === 'rows').map((r) => r.risk);
  const rows = released.reduce((s, r) => s + r.releasedRows, 0);
  return {
    k: released.length ? Math.min(...released.map((r) => r.k)) : 0,
    l: released.length ? Math.min(...released.map((r) => r.l ?? Infinity)) : null,
    suppressedShare: Math.max(0, ...rounds.map((r) => r.risk.suppressedShare)),
    maxProsecutorRisk: Math.max(0, ...released.map((r) => r.maxProsecutorRisk)),
    meanProsecutorRisk: rows ? released.reduce((s, r) => s + r.meanProsecutorRisk * r.releasedRows, 0) / rows : 0,
    rowsReleased: rows,
    refusedRounds: rounds.length - released.length,
  };
}

const QI_LEVELS: Record<string, string[]> = {
  geography: ['level 0: ISO 3166-1 country', 'level 1: European region (UN geoscheme)', 'level 2: Europe (fully generalised)'],
  population: ['level 0: <250k, 250k-500k, 500k-1M, ≥1M', 'level 1: <500k, ≥500k', 'level 2: any (fully generalised)'],
  migrantShare: ['level 0: <10%, 10-20%, 20-30%, ≥30%', 'level 1: <20%, ≥20%', 'level 2: any (fully generalised)'],
  score: ['level 0: 0-25, 25-50, 50-75, 75-100', 'level 1: 0-50, 50-100', 'level 2: any (fully generalised)'],
};

const perRound = (rounds: readonly PlannedRound[], f: (r: PlannedRound) => string) => rounds.map((r) => `${r.round.name}: ${r.outcome === 'refused' ? 'not released (refused)' : f(r)}`).join('; ');
const years = (rounds: readonly PlannedRound[]) => [...new Set(rounds.map((r) => r.round.year))].join(', ');
const factYears = (f: ContextFacts[]) => { const ys = f.flatMap((x) => (x.years ? x.years : [])); return ys.length ? `${Math.min(...ys)}-${Math.max(...ys)}` : null; };

/** One line per delivered column (rows file, then aggregates file). */
export function codebook(planned: PlannedExport, data: RoundData): Table {
  const R = planned.rounds;
  const demoRounds = R.some((r) => r.round.demo);
  const level = (col: string, hierarchy: string) => perRound(R, (r) => QI_LEVELS[hierarchy][r.levels[col] ?? 0]);
  const sensitive = perRound(R, (r) => QI_LEVELS.score[r.sensitiveLevel ?? 0]);
  const area = new Map(data.performance.areas.map((a) => [`published.${areaKey(a.code)}`, a]));
  const ind = new Map(data.performance.indicators.map((i) => [`indicator.${i.code}`, i]));
  const fact = (key: 'population' | 'migrantShare') => R.map((r) => r.facts[key]);
  const entry = (file: string, name: string, label: string, type: string, unit: string | null, scale: string, transformation: string, source: string, year: string | null, demo: boolean) =>
    ({ file, name, label, type, unit, scale, transformation, source, year, demo: demo ? 'true' : 'false' });
  const rows = planned.columns.map((c) => {
    if (c === 'round') return entry('rows', c, 'Monitoring round', 'categorical', null, 'nominal', 'none', 'CityPeers round name', years(R), demoRounds);
    if (c === 'pseudonym') return entry('rows', c, 'Row pseudonym: 128 random bits, fresh in every export, no mapping kept', 'string', null, 'nominal', 'random (crypto.randomBytes)', 'generated for this export', null, false);
    if (c === 'geography') return entry('rows', c, 'Where the city is', 'categorical', null, 'nominal', level(c, 'geography'), 'city country (ISO 3166-1 alpha-2)', null, false);
    if (c === 'population' || c === 'migrantShare') {
      const f = fact(c), v = f.find((x) => x.variable)?.variable;
      return entry('rows', c, v?.name ?? c, 'ordinal band', v?.unit ?? null, 'ratio, released as bands', level(c, c), v ? `context variable ${v.code}: ${v.description}` : 'context variable', factYears(f), f.some((x) => x.demo));
    }
    const a = area.get(c);
    if (a || c === `published.${OVERALL}`) {
      const label = a ? `Published score of area ${a.code}: ${a.name}` : 'Published overall score';
      return entry('rows', c, label, 'ordinal band', '% of the best answer', '0-100, released as bands', level(c, 'score'), `weighted mean (weight set ${data.performance.weightsVersion}) of ${a ? 'indicator' : 'area'} scores; a quasi-identifier`, years(R), demoRounds);
    }
    const i = ind.get(c);
    return entry('rows', c, i ? `${i.code} (${i.areaName}): ${i.statement}` : c, 'ordinal band', '% of the best answer', '0-100, released as bands', sensitive, 'self-assessment score of the city (sensitive attribute)', years(R), demoRounds);
  });
  const agg = AGGREGATE_COLUMNS.map((c) => entry('aggregates', c, AGGREGATE_LABELS[c] ?? `Cities of the cell whose measure falls in band ${c.slice(7).replace('_', '-')}`, ['count', 'mean', 'median'].includes(c) || c.startsWith('cities_') ? 'number' : 'categorical', c === 'mean' || c === 'median' ? '% of the best answer' : c === 'count' || c.startsWith('cities_') ? 'cities' : null, c.startsWith('cities_') || c === 'count' ? 'count' : 'nominal', planned.rounds.some((r) => !('refused' in r.aggregates) && r.aggregates.dp) ? 'differentially private where noted in README' : 'exact, cells below the minimum suppressed', 'CityPeers aggregate over released cities', years(R), demoRounds));
  return { columns: ['file', 'name', 'label', 'type', 'unit', 'scale', 'transformation', 'source', 'year', 'demo'], rows: [...(planned.rows.length ? rows : []), ...agg] };
}

const AGGREGATE_LABELS: Record<string, string> = {
  round: 'Monitoring round', table: 'Aggregate table (region×size: region × population band with margins; cluster)', row: 'Row label (region, or Total)', col: 'Column label (population band, or Total)',
  suppressed: 'Why the cell is empty: primary (too few cities or not ℓ-diverse) or complementary (protects a primary cell)', count: 'Number of cities in the cell',
  measure: 'Which score the line summarises', mean: 'Mean of the measure', median: 'Median of the measure (not released under differential privacy)',
};

export function riskJson(planned: PlannedExport, params: ExportParameters, summary: RiskSummary) {
  return {
    parameters: params,
    summary,
    rounds: planned.rounds.map((r) => ({
      round: r.round.name, outcome: r.outcome, reason: r.reason, levels: r.levels, indicatorBandLevel: r.sensitiveLevel,
      risk: r.risk satisfies RiskReport, epsilonSpent: r.epsilonSpent,
      aggregates: 'refused' in r.aggregates ? { refused: r.aggregates.refused } : { minPublishedCell: r.aggregates.minPublishedCell, dp: r.aggregates.dp },
    })),
  };
}
