/**
 * Builds one export ZIP off the request path: load each round, anonymise it (`planExport`,
 * always), write rows and aggregates in the chosen formats, plus codebook, risk.json and README.
 * Yields to the event loop between steps (`setImmediate`) so the server keeps answering, and
 * reports progress as stage + percent.
 *
 * @example
 * const built = await buildExport(db, spec, (stage, percent) => console.log(stage, percent));
 * built.zip // Uint8Array, built.summary.k >= 5 or every round refused at row level
 */
import { randomBytes } from 'node:crypto';
import { BANDS_VERSION } from '../../../analytics/anonymize';
import type { Db } from '../../../db/client';
import { loadRoundData, type RoundData } from '../analytics/round-data';
import { aggregateTable, AGGREGATE_NUMERIC } from './aggregate-table';
import { codebook, riskJson, riskSummary, type ExportParameters, type RiskSummary } from './documents';
import { tableFiles, zip, type Format, type Table } from './formats';
import { keptColumns, measuresFor, planRound, type PlannedExport, type PlannedRound } from './plan';
import { exportReadme } from './readme';
import { roundRecords } from './records';

export const K = 5, L = 2, MAX_SUPPRESSION = 0.1;

export interface ExportSpec {
  roundIds: number[];
  /** networks of the rounds (first round's first) */
  networkIds: number[];
  frameworkName: string;
  variables: string[] | null;
  formats: Format[];
  /** ε per round, or null for exact aggregates */
  epsilon: number | null;
  budget: number;
  /** ε already spent (or reserved) per round id */
  spent: Map<number, number[]>;
}

export interface BuiltExport {
  zip: Uint8Array;
  files: Record<string, number>;
  summary: RiskSummary;
  rounds: ({ roundId: number; name: string } & Pick<PlannedRound, 'outcome' | 'reason' | 'risk' | 'epsilonSpent'>)[];
  epsilonByRound: { roundId: number; epsilon: number }[];
  parameters: ExportParameters;
}

export type Progress = (stage: 'loading' | 'anonymising' | 'writing', percent: number) => void;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function buildExport(db: Db, spec: ExportSpec, progress: Progress = () => {}): Promise<BuiltExport> {
  const n = spec.roundIds.length;
  const planned: (PlannedRound & { rows: Record<string, string>[] })[] = [];
  let first: RoundData | null = null;
  for (const [i, id] of spec.roundIds.entries()) {
    progress('loading', Math.round((80 * i) / n));
    const data = await loadRoundData(db, id);
    first ??= data;
    const rec = roundRecords(data);
    progress('anonymising', Math.round((80 * i + 40) / n));
    await tick();
    planned.push(planRound({ ...data, frameworkName: spec.frameworkName }, rec, { variables: spec.variables, epsilon: spec.epsilon, spent: spec.spent, budget: spec.budget, randomBytes }, measuresFor(data, spec.variables)));
    await tick();
  }
  progress('writing', 80);
  const data = first!;
  const columns = keptColumns(data, spec.variables);
  const measures = measuresFor(data, spec.variables);
  const plan: PlannedExport = { columns, rows: planned.flatMap((p) => p.rows), rounds: planned, measures, bandsVersion: BANDS_VERSION };
  const parameters: ExportParameters = {
    rounds: planned.map((p) => p.round.name), framework: spec.frameworkName, variables: spec.variables, formats: spec.formats,
    dp: spec.epsilon === null ? null : { epsilon: spec.epsilon, budgetPerRound: spec.budget },
    k: K, l: L, maxSuppression: MAX_SUPPRESSION, robustToRemoval: true, bandsVersion: BANDS_VERSION,
  };
  const summary = riskSummary(planned);
  const rowsTable: Table = { columns, rows: plan.rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) };
  const files: Record<string, Uint8Array | string> = {
    ...(plan.rows.length ? tableFiles('rows', rowsTable, spec.formats) : {}),
    ...tableFiles('aggregates', aggregateTable(planned, measures), spec.formats, AGGREGATE_NUMERIC),
  };
  await tick();
  const book = codebook(plan, data);
  files['codebook.csv'] = tableFiles('codebook', book, ['csv'])['codebook.csv'];
  files['codebook.json'] = tableFiles('codebook', book, ['json'])['codebook.json'];
  files['risk.json'] = JSON.stringify(riskJson(plan, parameters, summary), null, 2);
  files['README.md'] = exportReadme(plan, parameters, summary, [...Object.keys(files), 'README.md'].sort());
  progress('writing', 95);
  await tick();
  const archive = zip(files);
  return {
    zip: archive,
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? Buffer.byteLength(v) : v.length])),
    summary,
    rounds: planned.map((p) => ({ roundId: p.round.id, name: p.round.name, outcome: p.outcome, reason: p.reason, risk: p.risk, epsilonSpent: p.epsilonSpent })),
    epsilonByRound: planned.filter((p) => p.epsilonSpent > 0).map((p) => ({ roundId: p.round.id, epsilon: p.epsilonSpent })),
    parameters,
  };
}
