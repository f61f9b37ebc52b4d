/**
 * Strict numeric CSV reading for the command line: first row a header, every other cell a
 * number or empty (= missing, NaN). Quoted fields ("a,b", "" escapes) are understood.
 * Errors name the file, the row (line in the file, header = row 1) and the column.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../services/spreadsheets/csv';

export class CsvError extends Error {
  override name = 'CsvError';
}

export interface NumericTable {
  columns: string[];
  rows: number[][];
}


const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses numeric CSV text; `name` is used in error messages.
 * @example
 * parseNumericCsv('a,b\n1,\n3,4\n', 'x.csv') // { columns: ['a', 'b'], rows: [[1, NaN], [3, 4]] }
 */
export function parseNumericCsv(text: string, name: string): NumericTable {
  const lines = parseCsv(text.replace(/^\uFEFF/, ''));
  const blank = (cells: string[]) => cells.length === 1 && cells[0].trim() === '';
  const headerAt = lines.findIndex((l) => !blank(l));
  if (headerAt < 0) throw new CsvError(`${name} is empty: expected a header row and data rows`);
  const columns = lines[headerAt].map((c) => c.trim());
  if (columns.every((c) => NUMBER.test(c))) {
    throw new CsvError(`${name} row ${headerAt + 1}: missing header (the first row holds only numbers: ${columns.join(',')}); add a row of column names`);
  }
  columns.forEach((c, j) => {
    if (c === '') throw new CsvError(`${name} row ${headerAt + 1}, column ${j + 1}: header name is empty`);
    if (columns.indexOf(c) !== j) throw new CsvError(`${name} row ${headerAt + 1}: column name "${c}" appears twice`);
  });
  const rows: number[][] = [];
  let end = lines.length;
  while (end > headerAt + 1 && blank(lines[end - 1])) end--; // trailing blank lines
  for (let i = headerAt + 1; i < end; i++) {
    const cells = lines[i];
    if (blank(cells) && columns.length > 1) continue; // (a lone empty cell is a missing value)
    if (cells.length !== columns.length) {
      throw new CsvError(`${name} row ${i + 1} has ${cells.length} cells; the header has ${columns.length}`);
    }
    rows.push(cells.map((raw, j) => {
      const v = raw.trim();
      if (v === '') return NaN;
      if (!NUMBER.test(v)) throw new CsvError(`${name} row ${i + 1}, column "${columns[j]}": "${raw}" is not a number`);
      return Number(v);
    }));
  }
  if (rows.length === 0) throw new CsvError(`${name} has a header but no data rows`);
  return { columns, rows };
}

/**
 * Reads and parses a numeric CSV file.
 * @example readNumericCsv('data/context.csv').rows.length
 */
export function readNumericCsv(path: string): NumericTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CsvError(`${path} cannot be read${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : code ? ` (${code})` : ''}`);
  }
  return parseNumericCsv(text, path);
}
