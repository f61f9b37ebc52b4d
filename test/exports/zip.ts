/** Test helpers for export ZIPs: unzip, parse our CSV (RFC 4180), read Parquet back. */
import { strFromU8, unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';

export function unzip(bytes: ArrayBuffer | Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

export const text = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name]);

/** RFC 4180 CSV → header + records (strings; empty field = ''). */
export function parseCsv(csv: string): { columns: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let field = '', row: string[] = [], quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(field); records.push(row); row = []; field = ''; }
    else field += ch;
  }
  const [columns, ...rest] = records;
  return { columns, rows: rest.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))) };
}

export async function readParquet(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return parquetReadObjects({ file });
}
