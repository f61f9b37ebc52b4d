/**
 * Minimal RFC 4180 CSV reading and writing for the seed data files (quoted fields, "" escapes).
 *
 * @example
 * parseCsv('a,b\n1,"x,y"\n'); // [{ a: '1', b: 'x,y' }]
 */
import { parseCsv as parseCsvRecords } from '../server/services/spreadsheets/csv';

export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsvRecords(text).filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

/** Writes rows as CSV with the given column order; null/undefined become empty fields. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const s = v == null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
