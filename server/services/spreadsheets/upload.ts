/**
 * An uploaded spreadsheet (CSV or XLSX, told apart by its first bytes) as a header and numbered
 * data rows. Row numbers are those a spreadsheet program shows: the header is row 1.
 *
 * @example
 * const table = await readUpload(new TextEncoder().encode('city_code,value\nNO001C,3\n'));
 * // { format: 'csv', header: ['city_code', 'value'], rows: [{ row: 2, cells: ['NO001C', '3'] }] }
 */
import { invalid } from '../../errors';
import { parseCsv } from './csv';
import { readXlsx, UnreadableWorkbook } from './xlsx';

export const MAX_IMPORT_ROWS = 100_000;

export interface UploadedTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: { row: number; cells: string[] }[];
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const fileProblem = (detail: string) => invalid([{ pointer: 'body', detail }], `The file cannot be imported: ${detail}`);

/** UTF-8 text, or Windows-1252 (what Excel's "CSV" saves in western locales) when it is not UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** `;`-separated files (Excel in locales with a decimal comma) are recognised by their header. */
function csvRecords(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return parseCsv(text, firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',');
}

/** Reads the first worksheet of a workbook, or a CSV file. */
export async function readUpload(bytes: Uint8Array): Promise<UploadedTable> {
  if (bytes.length === 0) throw fileProblem('the body is empty; send a CSV or XLSX file');
  let format: UploadedTable['format'] = 'csv';
  let records: string[][];
  if (isZip(bytes)) {
    format = 'xlsx';
    try {
      records = (await readXlsx(bytes))[0]?.rows ?? [];
    } catch (e) {
      throw fileProblem(e instanceof UnreadableWorkbook ? e.message : 'the file is not a readable XLSX workbook');
    }
  } else {
    if (bytes.includes(0)) throw fileProblem('the file is neither CSV text nor an XLSX workbook');
    records = csvRecords(decodeText(bytes));
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw fileProblem('row 1 must name the columns');
  const rows = records
    .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }))
    .slice(1)
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > MAX_IMPORT_ROWS) throw fileProblem(`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`);
  return { format, header, rows };
}
