/**
 * The whole export pipeline: city records in → either pseudonymised, shuffled, generalised
 * rows that meet k-anonymity and ℓ-diversity, or a refusal; plus aggregate tables; plus the
 * risk report, always.
 *
 * Row-level output keeps ONLY: a fresh 128-bit pseudonym, the generalised quasi-identifiers
 * (geography, population band, migrant-share band, published score bands) and the banded
 * indicator scores. Internal ids, names, timestamps, clusters and free text (evidence, notes)
 * are never copied: the row is built from a whitelist, not by deleting fields.
 *
 * When rows are released, the aggregates are computed over the released cities only, so
 * an aggregate minus the rows can never isolate a suppressed city. When rows are refused,
 * the aggregates (over every city) are what is offered instead.
 */
import { BANDS_VERSION, countryHierarchy, migrantShareHierarchy, populationHierarchy, regionOf, scoreHierarchy, sizeBand, type Hierarchy } from './bands';
import { aggregateTables, type Aggregates } from './aggregates';
import { linkability, type ScoreModel } from './derived';
import { checkBudget, DEFAULT_BUDGET, DEFAULT_EPSILON } from './dp';
import type { RandomBytes } from './entropy';
import { findGeneralisation, type KAnonymityOptions, type QiColumn } from './kanonymity';
import { pseudonyms } from './pseudonyms';
import { riskReport, type RiskReport } from './risk';
import { secureShuffle } from './shuffle';

export interface CityRecord {
  /** internal id: never exported */
  id: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  population: number | null;
  /** foreign-born share, % */
  migrantShare: number | null;
  /** scores the city publishes elsewhere (area, overall): quasi-identifiers */
  published: Record<string, number>;
  /** self-assessment scores (sensitive): exported as bands */
  indicators: Record<string, number>;
  /** cluster label: used by the aggregate tables only */
  cluster?: string | null;
  /** free text: never exported */
  evidence?: string;
  notes?: string;
}

export interface ExportOptions extends Omit<KAnonymityOptions, 'maxNodes'> {
  /** CSPRNG bytes, e.g. node's `crypto.randomBytes` */
  randomBytes: RandomBytes;
  /**
   * band level of indicator values in rows (0: quarters, 1: halves); default: 0, falling back
   * to 1 when quarters cannot be released safely
   */
  sensitiveLevel?: 0 | 1;
  /**
   * How published scores are computed from indicators (weights; see derived.ts). Strongly
   * recommended: without it an attacker who recomputes published scores from indicator bands
   * is not accounted for.
   */
  scoreModel?: ScoreModel;
  /**
   * How published scores enter the rows: 'columns' (default) releases them as generalised
   * quasi-identifier columns; 'linkage' releases no published-score column and protects them
   * only through `scoreModel` (rows recomputing them must stay consistent with ≥ k' cities).
   * Use 'linkage' when there are too many published scores for the lattice (3 levels each).
   */
  publishedAs?: 'columns' | 'linkage';
  aggregates?: {
    /** keys of `published` or `indicators`; default: every published key */
    measures?: string[];
    /** differential privacy: ε for this export (default 1) against the round's ledger */
    dp?: { epsilon?: number; spent?: readonly number[]; budget?: number } | null;
  };
}

interface ExportBase {
  bandsVersion: string;
  risk: RiskReport;
  aggregates: Aggregates | { refused: string };
  /** ε to record in the round's ledger (0 without DP) */
  epsilonSpent: number;
}

export interface RowsExport extends ExportBase {
  kind: 'rows';
  columns: string[];
  rows: Record<string, string>[];
  /** chosen hierarchy level per quasi-identifier column */
  levels: Record<string, number>;
  /** band level of the indicator columns */
  sensitiveLevel: 0 | 1;
}

export interface RefusedExport extends ExportBase {
  kind: 'refused';
  reason: string;
}

const keysOf = (records: readonly CityRecord[], pick: (r: CityRecord) => Record<string, number>) =>
  [...new Set(records.flatMap((r) => Object.keys(pick(r))))].sort();

function qiColumn<T>(name: string, h: Hierarchy<T>, values: T[]): QiColumn {
  return { name, loss: h.loss, labels: Array.from({ length: h.top + 1 }, (_, lv) => values.map((v) => h.label(v, lv))) };
}

/**
 * Plan one export. Pure: the only randomness is `options.randomBytes`.
 * @example
 * const out = planExport(cities, { randomBytes: crypto.randomBytes });
 * if (out.kind === 'rows') csv(out.columns, out.rows); else show(out.reason, out.aggregates);
 * out.risk // { k: 7, l: 2, suppressedShare: 0.04, maxProsecutorRisk: 0.14, … }
 */
export function planExport(records: readonly CityRecord[], options: ExportOptions): RowsExport | RefusedExport {
  const { randomBytes, k = 5, l = 2, maxSuppression = 0.1, robustToRemoval = true } = options;
  const pub = keysOf(records, (r) => r.published);
  const ind = keysOf(records, (r) => r.indicators);
  const asColumns = (options.publishedAs ?? 'columns') === 'columns';
  if (!asColumns && !options.scoreModel) throw new RangeError("publishedAs='linkage' needs scoreModel, or published scores would not be protected at all");
  const qis: QiColumn[] = [
    qiColumn('geography', countryHierarchy, records.map((r) => r.country)),
    qiColumn('population', populationHierarchy, records.map((r) => r.population)),
    qiColumn('migrantShare', migrantShareHierarchy, records.map((r) => r.migrantShare)),
    ...(asColumns ? pub : []).map((key) => qiColumn(`published.${key}`, scoreHierarchy, records.map((r) => r.published[key] ?? NaN))),
  ];
  const sensitiveAt = (level: 0 | 1) => ind.map((key) => records.map((r) => scoreHierarchy.label(r.indicators[key] ?? NaN, level)));

  const aggregatesOver = (subset: readonly CityRecord[]) => {
    const measures = options.aggregates?.measures ?? pub;
    const dpOpt = options.aggregates?.dp;
    let dp: { epsilon: number; random: RandomBytes } | null = null;
    if (dpOpt) {
      const epsilon = dpOpt.epsilon ?? DEFAULT_EPSILON;
      const check = checkBudget(dpOpt.spent ?? [], epsilon, dpOpt.budget ?? DEFAULT_BUDGET);
      if (!check.ok) return { aggregates: { refused: check.reason }, epsilonSpent: 0 };
      dp = { epsilon, random: randomBytes };
    }
    const input = subset.map((r) => ({
      region: regionOf(r.country),
      sizeBand: sizeBand(r.population),
      cluster: r.cluster,
      values: Object.fromEntries(measures.map((m) => [m, r.published[m] ?? r.indicators[m] ?? NaN])),
    }));
    return { aggregates: aggregateTables(input, { measures, minCell: k, l, robustToRemoval, dp }), epsilonSpent: dp ? dp.epsilon : 0 };
  };
  const refuse = (reason: string): RefusedExport => ({ kind: 'refused', reason, bandsVersion: BANDS_VERSION, risk: riskReport([], [], records.length), ...aggregatesOver(records) });

  // Try quarters, then halves (unless a level is fixed): the first level that passes wins.
  let g: ReturnType<typeof findGeneralisation> | null = null;
  let sensitive: string[][] = [];
  let sensitiveLevel: 0 | 1 = 0;
  let linkable: ((row: number, city: number) => boolean) | undefined;
  const reasons: string[] = [];
  for (const level of options.sensitiveLevel !== undefined ? [options.sensitiveLevel] : ([0, 1] as const)) {
    sensitiveLevel = level;
    sensitive = sensitiveAt(level);
    // An attribute that is (nearly) constant over the whole network can never be ℓ-diverse.
    const flat = ind.filter((_, a) => {
      const counts = new Map<string, number>();
      for (const v of sensitive[a]) counts.set(v, (counts.get(v) ?? 0) + 1);
      const singles = [...counts.values()].filter((c) => c === 1).length;
      return (robustToRemoval && singles > 0 ? counts.size - 1 : counts.size) < l;
    });
    if (flat.length) {
      reasons.push(`indicator bands (level ${level}): ${flat.join(', ')} take fewer than l=${l} distinct bands across all ${records.length} cities, so no row-level export can be ${l}-diverse`);
      continue;
    }
    const bandsOf = records.map((_, r) => Object.fromEntries(ind.map((key, a) => [key, sensitive[a][r]])));
    linkable = options.scoreModel ? linkability(bandsOf, records.map((r) => r.published), options.scoreModel) : undefined;
    g = findGeneralisation(qis, sensitive, { k, l, maxSuppression, robustToRemoval, linkable });
    if (!g.refused) break;
    reasons.push(`indicator bands (level ${level}): ${g.reason}`);
  }
  if (!g || g.refused) return refuse(`${reasons.join('; ')}; aggregate tables are offered instead`);

  const kept = g.classes.flat().sort((a, b) => a - b);
  const columns = ['pseudonym', ...qis.map((q) => q.name), ...ind.map((key) => `indicator.${key}`)];
  const names = pseudonyms(randomBytes, kept.length);
  const rows = secureShuffle(randomBytes, kept).map((r, i) => {
    const row: Record<string, string> = { pseudonym: names[i] };
    qis.forEach((q, qi) => { row[q.name] = q.labels[g.levels[qi]][r]; });
    ind.forEach((key, a) => { row[`indicator.${key}`] = sensitive[a][r]; });
    return row;
  });
  return {
    kind: 'rows',
    bandsVersion: BANDS_VERSION,
    columns,
    rows,
    levels: Object.fromEntries(qis.map((q, i) => [q.name, g.levels[i]])),
    sensitiveLevel,
    risk: riskReport(g.classes, sensitive, records.length, linkable),
    ...aggregatesOver(kept.map((r) => records[r])),
  };
}
