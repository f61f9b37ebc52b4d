/**
 * The columns of an uploaded sheet checked against what an import understands: a misspelt
 * column (`evidense_text`) is an error rather than silently dropped data. Informational columns
 * written by templates and exports (`city_name`, `allowed_values`, …) are accepted and ignored.
 *
 * @example
 * const cols = new Columns(['city_code', 'value'], { required: ['value'], oneOf: [['city_code', 'city_id']], optional: [], ignored: [] });
 * cols.problems(); // []
 * cols.get(['NO001C', '3'], 'value'); // '3'
 */
import type { RowError } from './report';

export interface ColumnSpec {
  required: string[];
  /** At least one of each group must be present. */
  oneOf: string[][];
  optional: string[];
  ignored: string[];
}

export class Columns {
  readonly #index = new Map<string, number>();

  constructor(
    readonly header: string[],
    readonly spec: ColumnSpec,
  ) {
    header.forEach((name, i) => {
      if (!this.#index.has(name)) this.#index.set(name, i);
    });
  }

  has(name: string): boolean {
    return this.#index.has(name);
  }

  /** The cell of a column in a row ('' when the column or the cell is missing). */
  get(cells: string[], name: string): string {
    const i = this.#index.get(name);
    return i === undefined ? '' : (cells[i] ?? '');
  }

  /** Problems with the header row (row 1). */
  problems(): RowError[] {
    const known = new Set([...this.spec.required, ...this.spec.oneOf.flat(), ...this.spec.optional, ...this.spec.ignored]);
    const errors: RowError[] = [];
    this.header.forEach((name, i) => {
      if (name === '') errors.push({ row: 1, column: `#${i + 1}`, value: '', reason: 'the column has no name' });
      else if (this.header.indexOf(name) !== i) errors.push({ row: 1, column: name, value: name, reason: 'the column appears twice' });
      else if (!known.has(name)) errors.push({ row: 1, column: name, value: name, reason: `unknown column; expected ${[...known].join(', ')}` });
    });
    for (const name of this.spec.required) if (!this.has(name)) errors.push({ row: 1, column: name, value: null, reason: 'required column is missing' });
    for (const group of this.spec.oneOf) {
      if (!group.some((n) => this.has(n))) errors.push({ row: 1, column: group.join(' or '), value: null, reason: `one of the columns ${group.join(', ')} is required` });
    }
    return errors;
  }
}
