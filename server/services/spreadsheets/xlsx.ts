/**
 * XLSX reading and writing with exceljs. Cells are read as text (numbers in their shortest form,
 * formulas as their cached result) so CSV and XLSX uploads are validated by the same code.
 *
 * @example
 * const bytes = await writeXlsx([{ name: 'scores', rows: [['city_code', 'value'], ['NO001C', 3]] }]);
 * const sheets = await readXlsx(bytes); // [{ name: 'scores', rows: [['city_code', 'value'], ['NO001C', '3']] }]
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest unpacked workbook accepted (guards against zip bombs). */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export interface Sheet {
  name: string;
  rows: (string | number | null)[][];
  /** Column widths in characters. */
  widths?: number[];
}

export class UnreadableWorkbook extends Error {
  override name = 'UnreadableWorkbook';
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Declared unpacked size of a zip file, without unpacking it. */
function unpackedSize(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, { filter: (f) => ((total += f.originalSize), false) });
  return total;
}

/** Every worksheet as rows of text cells (row 1 first; empty trailing rows dropped). */
export async function readXlsx(bytes: Uint8Array): Promise<{ name: string; rows: string[][] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (unpackedSize(bytes) > MAX_UNPACKED_BYTES) throw new UnreadableWorkbook(`the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`);
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw e;
    throw new UnreadableWorkbook('the file is not a readable XLSX workbook');
  }
  return workbook.worksheets.map((ws) => {
    const rows: string[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: ws.name, rows };
  });
}

/** A workbook with a bold, frozen header row on each sheet. */
export async function writeXlsx(sheets: Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CityPeers';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRows(sheet.rows.map((r) => r.map((v) => (v === null ? undefined : v))));
    ws.getRow(1).font = { bold: true };
    sheet.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
