/**
 * Spreadsheet cells → typed values, with a reason when a cell cannot be read. Numbers use a
 * decimal point; ordinal answers may also be the level's label, yes/no answers "yes"/"no".
 *
 * @example
 * scoreCell(indicator, 'largely'); // { value: 3 } for a 0–4 ordinal scale labelled none…fully
 * scoreCell(indicator, '3,5');     // { error: 'use a decimal point (3.5), not a comma' }
 */
import type { ContextVariable, Indicator } from '../../../db/schema';
import { checkContextValue } from '../context-values';
import { checkScoreValue } from '../score-rules';

type Parsed<T> = { value: T } | { error: string };
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const YES = ['1', 'yes', 'true'];
const NO = ['0', 'no', 'false'];

export function numberCell(raw: string): Parsed<number> {
  if (NUMBER.test(raw)) return { value: Number(raw) };
  if (/^[+-]?\d+,\d+$/.test(raw)) return { error: `use a decimal point (${raw.replace(',', '.')}), not a comma` };
  return { error: 'is not a number' };
}

/** An answer to an indicator: empty = not answered (null). */
export function scoreCell(indicator: Pick<Indicator, 'scale' | 'levels' | 'minValue' | 'maxValue' | 'code'>, raw: string): Parsed<number | null> {
  if (raw === '') return { value: null };
  const lower = raw.toLowerCase();
  let parsed: Parsed<number>;
  if (indicator.scale === 'yes_no' && (YES.includes(lower) || NO.includes(lower))) parsed = { value: YES.includes(lower) ? 1 : 0 };
  else if (indicator.scale === 'ordinal' && indicator.levels.some((l) => l.label.toLowerCase() === lower)) parsed = { value: indicator.levels.find((l) => l.label.toLowerCase() === lower)!.value };
  else parsed = numberCell(indicator.scale === 'percentage' ? raw.replace(/\s*%$/, '') : raw);
  if ('error' in parsed) return parsed;
  const problem = checkScoreValue(indicator, parsed.value);
  return problem ? { error: problem } : parsed;
}

/** A context value in the form `checkContextValue` checks (empty = remove that year's value). */
export function contextCell(variable: ContextVariable, raw: string): Parsed<{ valueNum: number | null; valueText: string | null }> {
  if (raw === '') return { value: { valueNum: null, valueText: null } };
  const lower = raw.toLowerCase();
  let input: number | string | boolean = raw;
  if (variable.type === 'boolean') {
    if (!YES.includes(lower) && !NO.includes(lower)) return { error: `must be true or false for ${variable.code}` };
    input = YES.includes(lower);
  } else if (variable.type === 'ordinal') {
    const level = variable.levels.find((l) => l.label.toLowerCase() === lower);
    const n = level ? { value: level.value } : numberCell(raw);
    if ('error' in n) return { error: `must be one of the levels ${variable.levels.map((l) => `${l.value} (${l.label})`).join(', ')} for ${variable.code}` };
    input = n.value;
  } else if (variable.type === 'numeric') {
    const n = numberCell(raw);
    if ('error' in n) return n;
    input = n.value;
  } else {
    input = variable.levels.find((l) => l.label.toLowerCase() === lower)?.label ?? raw;
  }
  const checked = checkContextValue(variable, input);
  return typeof checked === 'string' ? { error: checked } : { value: checked };
}

/** What may be written in a value cell, for templates. */
export function allowedScores(i: Pick<Indicator, 'scale' | 'levels' | 'minValue' | 'maxValue' | 'unit'>): string {
  switch (i.scale) {
    case 'ordinal':
      return i.levels.map((l) => `${l.value} = ${l.label}`).join('; ');
    case 'yes_no':
      return '1 = yes; 0 = no';
    case 'percentage':
      return '0 to 100 (%)';
    case 'number':
      return `a number${i.minValue !== null ? ` >= ${i.minValue}` : ''}${i.maxValue !== null ? ` <= ${i.maxValue}` : ''}${i.unit ? ` (${i.unit})` : ''}`;
  }
}

export function allowedContext(v: ContextVariable): string {
  switch (v.type) {
    case 'numeric':
      return `a number${v.unit ? ` (${v.unit})` : ''}`;
    case 'boolean':
      return 'true or false';
    case 'ordinal':
      return v.levels.map((l) => `${l.value} = ${l.label}`).join('; ');
    case 'categorical':
      return v.levels.length ? v.levels.map((l) => l.label).join('; ') : 'any text';
  }
}
