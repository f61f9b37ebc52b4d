/**
 * Table writers for exports: CSV (RFC 4180, UTF-8), JSON (array of objects) and Parquet
 * (hyparquet-writer, snappy, no column statistics), plus the ZIP (fflate).
 *
 * @example
 * const t = { columns: ['a', 'b'], rows: [{ a: 'x', b: 1 }] };
 * toCsv(t); toJson(t); toParquet(t, { b: 'DOUBLE' }); zip({ 'a.csv': toCsv(t) });
 */
import { strToU8, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';

export type Cell = string | number | null;
export interface Table { columns: string[]; rows: Record<string, Cell>[] }
export type Format = 'csv' | 'json' | 'parquet';
export const FORMATS: readonly Format[] = ['csv', 'json', 'parquet'];

const quote = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(t: Table): string {
  return [t.columns.map(quote).join(','), ...t.rows.map((r) => t.columns.map((c) => quote(r[c] ?? null)).join(','))].join('\r\n') + '\r\n';
}

export function toJson(t: Table): string {
  return JSON.stringify(t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c, r[c] ?? null]))), null, 1);
}

/** Columns are STRING unless `types` says DOUBLE; nulls allowed everywhere. */
export function toParquet(t: Table, types: Record<string, 'DOUBLE'> = {}): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: t.columns.map((c) => ({
      name: c,
      type: types[c] ?? 'STRING',
      data: t.rows.map((r) => (r[c] ?? null) as never),
    })),
    statistics: false,
    createdBy: 'citypeers',
  });
  return new Uint8Array(buffer);
}

/** Each requested format of a table, under `<base>.<ext>`. */
export function tableFiles(base: string, t: Table, formats: readonly Format[], types: Record<string, 'DOUBLE'> = {}): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  if (formats.includes('csv')) out[`${base}.csv`] = strToU8(toCsv(t));
  if (formats.includes('json')) out[`${base}.json`] = strToU8(toJson(t));
  if (formats.includes('parquet')) out[`${base}.parquet`] = toParquet(t, types);
  return out;
}

/** A ZIP with a fixed file time (no clock in the archive), deflated. */
export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [typeof data === 'string' ? strToU8(data) : data, { mtime, level: 6 }]])));
}
