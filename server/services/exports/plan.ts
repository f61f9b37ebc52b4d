/**
 * One export's content, round by round: `planExport` on each round's records (never optional),
 * then the researcher's column choice. Dropping columns after anonymisation only merges
 * equivalence classes and widens recomputed score intervals, so the measured risk is an upper
 * bound for the delivered columns.
 *
 * @example
 * const content = planRounds([{ data, records }], { variables: null, epsilon: null, randomBytes });
 */
import { planExport, type Aggregates, type RandomBytes, type RiskReport } from '../../../analytics/anonymize';
import type { RoundData } from '../analytics/round-data';
import { areaKey, OVERALL, type RoundRecords } from './records';

export const QI_VARIABLES = ['geography', 'population', 'migrantShare'] as const;

export interface PlannedRound {
  round: RoundData['round'] & { frameworkName: string };
  outcome: 'rows' | 'refused';
  reason: string | null;
  /** chosen band hierarchy level per quasi-identifier column (rows only) */
  levels: Record<string, number>;
  /** band level of indicator columns: 0 quarters, 1 halves (rows only) */
  sensitiveLevel: 0 | 1 | null;
  risk: RiskReport;
  aggregates: Aggregates | { refused: string };
  epsilonSpent: number;
  facts: Pick<RoundRecords, 'population' | 'migrantShare'>;
}

export interface PlannedExport {
  columns: string[];
  rows: Record<string, string>[];
  rounds: PlannedRound[];
  measures: string[];
  bandsVersion: string;
}

/** Every variable a round of this framework offers, in codebook order. */
export function variablesOf(data: RoundData): string[] {
  return [...QI_VARIABLES, ...data.performance.areas.map((a) => areaKey(a.code)), OVERALL, ...data.performance.indicators.map((i) => i.code)];
}

/**
 * Published scores are quasi-identifier columns while the lattice stays small (3 levels each,
 * ≤ 200 000 nodes: at most 8 of them); beyond that they are left out of the rows and protected
 * through the score model only (a row recomputing them must stay consistent with ≥ k cities).
 */
export function publishedAs(data: RoundData): 'columns' | 'linkage' {
  return data.performance.areas.length + 1 <= 8 ? 'columns' : 'linkage';
}

const isPublished = (variable: string, data: RoundData) => variable === OVERALL || data.performance.areas.some((a) => areaKey(a.code) === variable);

/** The row column that carries a variable (null: aggregates only). */
export function columnOf(variable: string, data: RoundData): string | null {
  if ((QI_VARIABLES as readonly string[]).includes(variable)) return variable;
  if (isPublished(variable, data)) return publishedAs(data) === 'columns' ? `published.${variable}` : null;
  return `indicator.${variable}`;
}

/**
 * The researcher's choice applied BEFORE anonymisation: unchosen indicators are dropped and
 * unchosen quasi-identifiers blanked (one label, so they never split a class). Published scores
 * stay: they are public, and the linkage model needs them.
 */
function selectInput(rec: RoundRecords, variables: string[] | null): RoundRecords {
  if (!variables) return rec;
  const keep = new Set(variables);
  return {
    ...rec,
    records: rec.records.map((r) => ({
      ...r,
      country: keep.has('geography') ? r.country : '',
      population: keep.has('population') ? r.population : null,
      migrantShare: keep.has('migrantShare') ? r.migrantShare : null,
      indicators: Object.fromEntries(Object.entries(r.indicators).filter(([code]) => keep.has(code))),
    })),
  };
}

export interface PlanOptions {
  /** chosen variables (null: all) */
  variables: string[] | null;
  /** ε per round for DP aggregates (null: exact aggregates) */
  epsilon: number | null;
  /** ε already spent per round id (the ledger), with the budget */
  spent: Map<number, number[]>;
  budget: number;
  randomBytes: RandomBytes;
}

/** Anonymise one round (synchronous CPU work: 0.05-0.4 s for 200 cities). */
export function planRound(data: RoundData & { frameworkName: string }, rec: RoundRecords, options: PlanOptions, measures: string[]): PlannedRound & { rows: Record<string, string>[] } {
  const out = planExport(selectInput(rec, options.variables).records, {
    randomBytes: options.randomBytes,
    scoreModel: rec.scoreModel,
    publishedAs: publishedAs(data),
    aggregates: {
      measures,
      dp: options.epsilon === null ? null : { epsilon: options.epsilon, spent: options.spent.get(data.round.id) ?? [], budget: options.budget },
    },
  });
  const label = data.round.name;
  const rows = out.kind === 'rows' ? out.rows.map((r) => ({ round: label, ...r })) : [];
  return {
    round: { ...data.round, frameworkName: data.frameworkName },
    outcome: out.kind,
    reason: out.kind === 'refused' ? out.reason : null,
    levels: out.kind === 'rows' ? out.levels : {},
    sensitiveLevel: out.kind === 'rows' ? out.sensitiveLevel : null,
    risk: out.risk,
    aggregates: out.aggregates,
    epsilonSpent: out.epsilonSpent,
    facts: { population: rec.population, migrantShare: rec.migrantShare },
    rows,
  };
}

/** Aggregate measures: the chosen scores, or every published score by default. */
export function measuresFor(data: RoundData, variables: string[] | null): string[] {
  const published = [...data.performance.areas.map((a) => areaKey(a.code)), OVERALL];
  if (!variables) return published;
  const scores = variables.filter((v) => !(QI_VARIABLES as readonly string[]).includes(v));
  return scores.length ? scores : published;
}

/** Row columns kept for the chosen variables (round and pseudonym always). */
export function keptColumns(data: RoundData, variables: string[] | null): string[] {
  const chosen = variablesOf(data).filter((v) => !variables || variables.includes(v));
  return ['round', 'pseudonym', ...chosen.flatMap((v) => columnOf(v, data) ?? [])];
}
