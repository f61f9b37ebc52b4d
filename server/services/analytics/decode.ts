/**
 * Turns a compared context value back into what people read: `log` variables back to their
 * scale, categorical level indices back to labels, missing as null.
 *
 * @example
 * displayValue(populationVariable, Math.log1p(709037)); // 709037
 */
import type { ContextVariable } from '../../../db/schema';

export function displayValue(v: ContextVariable, x: number): number | string | boolean | null {
  if (Number.isNaN(x)) return null;
  if (v.type === 'categorical') return v.levels[x]?.label ?? null;
  if (v.type === 'boolean') return x === 1;
  return v.transform === 'log' ? Math.round(Math.expm1(x)) : x;
}

/** JSON has no NaN: missing numbers travel as null. */
export const nullable = (x: number): number | null => (Number.isNaN(x) ? null : x);
