/**
 * The README.md of an export ZIP: what was done (method), with which parameters, and the risk
 * measured on the result, round by round.
 *
 * @example
 * const text = exportReadme(planned, params, riskSummary(planned.rounds), Object.keys(files));
 */
import type { ExportParameters, RiskSummary } from './documents';
import type { PlannedExport } from './plan';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

export function exportReadme(planned: PlannedExport, p: ExportParameters, s: RiskSummary, files: string[]): string {
  const lines = [
    '# CityPeers research export',
    '',
    `Rounds: ${p.rounds.join('; ')}. Framework: ${p.framework}.`,
    `Variables: ${p.variables ? p.variables.join(', ') : 'all'}. Formats: ${p.formats.join(', ')}.`,
    '',
    '## Method',
    '',
    '- Only whitelisted fields are read: country, population, foreign-born share, published area and overall scores, indicator scores. Names, internal ids, timestamps, evidence and notes never enter the export.',
    '- Every row gets a fresh random 128-bit pseudonym (no mapping is kept; pseudonyms differ between exports and rounds), and rows are shuffled with a cryptographic random source.',
    `- Quasi-identifiers (geography, population band, foreign-born share band, published score bands) are generalised on fixed bands (${p.bandsVersion}); the codebook names the level used per round. Indicator scores are released as bands.`,
    `- A full-domain search picks the least general levels that make every equivalence class hold at least k = ${p.k} rows${p.robustToRemoval ? ' (k + 1, so any one city can leave)' : ''} with at least ℓ = ${p.l} distinct bands of every indicator, suppressing at most ${pct(p.maxSuppression)} of the rows. Published scores recomputable from indicator bands (weighted means with the round's weight set) are accounted for: every row must stay consistent with at least k cities.`,
    '- When no generalisation meets these rules, row-level data for that round is refused and only the aggregate tables are delivered.',
    `- Aggregate tables (region × population band with margins) publish a cell only with at least ${p.k + (p.robustToRemoval ? 1 : 0)} cities and ℓ-diverse score bands, with complementary suppression so no hidden cell can be derived from totals. When rows are released the aggregates cover the released cities only.`,
    p.dp
      ? `- Differential privacy: aggregate counts, sums and distributions carry discrete Laplace noise, ε = ${p.dp.epsilon} per round in this export (split evenly over counts, sums and distributions; margins are sums of noisy cells; no medians). Each round has a budget of ε = ${p.dp.budgetPerRound}; this export was recorded in the round's ledger.`
      : '- Aggregates are exact (no differential privacy). Repeated exports of a changing network can be differenced; ask for differential privacy when that matters.',
    '',
    '## Measured risk',
    '',
    `Over all rounds: k = ${s.k}, ℓ = ${s.l ?? '–'}, suppressed ${pct(s.suppressedShare)} of rows at most, prosecutor re-identification risk max ${num(s.maxProsecutorRisk)}, mean ${num(s.meanProsecutorRisk)}; ${s.rowsReleased} rows released, ${s.refusedRounds} round(s) refused at row level.`,
    'Risk is measured on every column before the variable selection; dropping columns only merges classes, so these are upper bounds.',
    '',
    '| round | outcome | k | ℓ | suppressed | max risk | mean risk |',
    '|---|---|---|---|---|---|---|',
    ...planned.rounds.map((r) => `| ${r.round.name} | ${r.outcome === 'rows' ? 'rows released' : 'rows refused, aggregates only'} | ${r.risk.k} | ${r.risk.l ?? '–'} | ${r.risk.suppressedRows}/${r.risk.inputRows} (${pct(r.risk.suppressedShare)}) | ${num(r.risk.maxProsecutorRisk)} | ${num(r.risk.meanProsecutorRisk)} |`),
    ...planned.rounds.filter((r) => r.reason).map((r) => `\nWhy ${r.round.name} was refused at row level: ${r.reason}`),
    '',
    '## Files',
    '',
    ...files.map((f) => `- \`${f}\``),
    '',
    'Self-assessment scores and evidence marked demo in the codebook are generated demo values, not real city data.',
    '',
  ];
  return lines.join('\n');
}
