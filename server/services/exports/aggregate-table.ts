/**
 * The aggregate tables of every round flattened to one long table: one line per cell × measure
 * (a suppressed cell: one line with nulls and the reason), ready for CSV/JSON/Parquet.
 *
 * @example
 * aggregateTable(planned.rounds) // { columns: ['round', 'table', 'row', …], rows: [...] }
 */
import type { PlannedRound } from './plan';
import type { Table } from './formats';

const BANDS = ['0-25', '25-50', '50-75', '75-100', 'missing'] as const;
const bandColumn = (b: string) => `cities_${b.replace('-', '_')}`;
export const AGGREGATE_COLUMNS = ['round', 'table', 'row', 'col', 'suppressed', 'count', 'measure', 'mean', 'median', ...BANDS.map(bandColumn)];
export const AGGREGATE_NUMERIC = Object.fromEntries(['count', 'mean', 'median', ...BANDS.map(bandColumn)].map((c) => [c, 'DOUBLE' as const]));

export function aggregateTable(rounds: readonly PlannedRound[], measures: readonly string[]): Table {
  const rows: Table['rows'] = [];
  for (const r of rounds) {
    if ('refused' in r.aggregates) continue;
    for (const table of r.aggregates.tables) {
      for (const cell of table.cells) {
        const base = { round: r.round.name, table: table.name, row: cell.row, col: cell.col, suppressed: cell.suppressed, count: cell.count };
        if (!cell.measures) {
          rows.push({ ...base, measure: null, mean: null, median: null, ...Object.fromEntries(BANDS.map((b) => [bandColumn(b), null])) });
          continue;
        }
        for (const m of measures) {
          const s = cell.measures[m];
          rows.push({ ...base, measure: m, mean: s?.mean ?? null, median: s?.median ?? null, ...Object.fromEntries(BANDS.map((b) => [bandColumn(b), s?.distribution[b] ?? null])) });
        }
      }
    }
  }
  return { columns: AGGREGATE_COLUMNS, rows };
}
