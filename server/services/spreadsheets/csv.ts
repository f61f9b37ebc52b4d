/**
 * RFC 4180 CSV for spreadsheet import and export: records of text cells, quoted fields with
 * embedded commas, quotes ("") and line breaks, CRLF or LF, an optional UTF-8 byte-order mark.
 * Written files start with a byte-order mark so Excel opens them as UTF-8.
 *
 * @example
 * parseCsv('a,b\r\n"x, y",2\r\n'); // [['a', 'b'], ['x, y', '2']]
 * toCsv([['a', 'b'], ['x, y', 2]]); // '\uFEFFa,b\r\n"x, y",2\r\n'
 */

/** Parses CSV text into records; a trailing line break does not make an empty record. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), out.push(row);
      (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), out.push(row);
  return out;
}

/** A cell as CSV: quoted when it holds a comma, quote, line break or surrounding spaces. */
function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Serialises records as CSV with CRLF line ends and a byte-order mark. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Free text written to a spreadsheet: a leading `'` keeps `=cmd|…` from running as a formula
 * when the file is opened (CSV injection); `fromSheetText` removes it again on import.
 * @example toSheetText('=1+1') // "'=1+1"
 */
export function toSheetText(text: string | null): string | null {
  return text !== null && FORMULA_START.test(text) ? `'${text}` : text;
}

/** Reverses `toSheetText`. @example fromSheetText("'=1+1") // '=1+1' */
export function fromSheetText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
