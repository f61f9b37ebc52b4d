/**
 * A download: the sheets as XLSX, or the first sheet as CSV (the other sheets explain it and are
 * only in the workbook).
 *
 * @example
 * const file = await renderDownload('csv', 'round-7-template', [{ name: 'scores', rows }]);
 * // { filename: 'round-7-template.csv', contentType: 'text/csv; charset=utf-8', body: Uint8Array }
 */
import { toCsv } from './csv';
import { writeXlsx, XLSX_TYPE, type Sheet } from './xlsx';

export type SheetFormat = 'csv' | 'xlsx';

export interface Download {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

export async function renderDownload(format: SheetFormat, basename: string, sheets: Sheet[]): Promise<Download> {
  if (format === 'xlsx') return { filename: `${basename}.xlsx`, contentType: XLSX_TYPE, body: await writeXlsx(sheets) };
  return { filename: `${basename}.csv`, contentType: 'text/csv; charset=utf-8', body: new TextEncoder().encode(toCsv(sheets[0].rows)) };
}
