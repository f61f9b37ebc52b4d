/** Invariants every export must satisfy (shared by the property and removal tests). */
import { expect } from 'vitest';
import type { AggregateTable, Aggregates, RefusedExport, RowsExport } from '../../analytics/anonymize';

const QI_COLS = (out: RowsExport) => out.columns.filter((c) => c !== 'pseudonym' && !c.startsWith('indicator.'));

/** Released classes: row indices grouped by their QI labels. */
export function rowClasses(out: RowsExport): number[][] {
  const m = new Map<string, number[]>();
  out.rows.forEach((r, i) => { const key = QI_COLS(out).map((c) => r[c]).join('|'); m.set(key, [...(m.get(key) ?? []), i]); });
  return [...m.values()];
}

/** ℓ after removing the worst member: distinct values minus one if some value occurs once. */
export const robustDistinct = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts.size - ([...counts.values()].some((c) => c === 1) ? 1 : 0);
};

export function checkRows(out: RowsExport, n: number, k = 5, l = 2) {
  const classes = rowClasses(out);
  for (const c of classes) {
    expect(c.length).toBeGreaterThanOrEqual(k + 1);
    for (const col of out.columns.filter((x) => x.startsWith('indicator.'))) expect(robustDistinct(c.map((i) => out.rows[i][col]))).toBeGreaterThanOrEqual(l);
  }
  expect(out.rows.length).toBeGreaterThanOrEqual(Math.ceil(n * 0.9));
  expect(out.risk.k).toBeGreaterThanOrEqual(k + 1);
  expect(out.risk.suppressedShare).toBeLessThanOrEqual(0.1);
  expect(out.risk.maxProsecutorRisk).toBeLessThanOrEqual(1 / (k + 1) + 1e-12);
  const names = out.rows.map((r) => r.pseudonym);
  expect(new Set(names).size).toBe(names.length);
  for (const p of names) expect(p).toMatch(/^[0-9a-f]{32}$/);
  for (const r of out.rows) expect(Object.keys(r).sort()).toEqual(out.columns.slice().sort());
}

export function checkRefusal(out: RefusedExport) {
  expect(out.reason.length).toBeGreaterThan(10);
  expect(out.risk.releasedRows).toBe(0);
  expect('rows' in out).toBe(false);
}

/** Suppressed cells per line (row label, column label) of a table. */
function lines(t: AggregateTable): number[] {
  const by = new Map<string, number>();
  for (const c of t.cells) {
    for (const key of t.colDim ? [`r:${c.row}`, `c:${c.col}`] : ['all']) by.set(key, (by.get(key) ?? 0) + (c.suppressed ? 1 : 0));
  }
  return [...by.values()];
}

export function checkAggregates(a: Aggregates | { refused: string }, minCell = 5) {
  if ('refused' in a) return;
  for (const t of a.tables) {
    for (const c of t.cells) {
      if (c.suppressed) expect(c.count).toBeNull();
      else expect(c.count === 0 || (c.count ?? 0) >= minCell + 1).toBe(true);
    }
    for (const s of lines(t)) expect(s === 0 || s >= 2).toBe(true);
  }
  const totals = a.tables.map((t) => t.cells.at(-1)!);
  expect(new Set(totals.map((c) => c.suppressed === null)).size).toBeLessThanOrEqual(1);
}
