/**
 * What an import answers: counts when it was applied, or every bad row (row, column, value and
 * reason) as RFC 9457 problem details with `errors[].pointer` like `row 17, column "value"`.
 *
 * @example
 * throw importRefused(10_000, [{ row: 17, column: 'value', value: '7', reason: 'must be a whole level from 0 to 4 for I1' }]);
 */
import { ProblemError } from '../../errors';

export interface RowError {
  /** Row in the sheet as a spreadsheet program numbers it (the header is row 1). */
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/** At most this many errors are listed (the count says how many there were). */
const LISTED_ERRORS = 1000;

export const pointerOf = (e: RowError) => (e.column === null ? `row ${e.row}` : `row ${e.row}, column "${e.column}"`);

export function importRefused(rows: number, errors: RowError[]): ProblemError {
  errors.sort((a, b) => a.row - b.row);
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => ({ pointer: pointerOf(e), detail: e.reason, ...e }));
  const more = errors.length > LISTED_ERRORS ? ` (the first ${LISTED_ERRORS} are listed)` : '';
  return new ProblemError(422, 'import-invalid', 'Import refused', `${errors.length} problem(s) in ${rows} row(s); nothing was applied${more}`, { rows, applied: 0, errorCount: errors.length, errors: listed });
}

/** One line per error, for the command line. @example formatErrors(errors) // 'row 17, column "value": must be …' */
export function formatErrors(errors: RowError[]): string {
  return errors.map((e) => `${pointerOf(e)}${e.value ? ` (${JSON.stringify(e.value)})` : ''}: ${e.reason}`).join('\n');
}
