/**
 * Per-variable weights for context comparisons, from a query such as
 * `labour_market:2,population:0.5`: a context-factor category scales every variable in it,
 * a variable code scales that variable; both multiply the catalogue's default weight.
 *
 * @example
 * parseWeights('migrant_population:2', variables); // Float64Array, doubled for that category
 */
import { CONTEXT_CATEGORIES, type ContextVariable } from '../../../db/schema';
import { invalid } from '../../errors';

export function parseWeights(spec: string | undefined, variables: ContextVariable[]): Float64Array {
  const weights = Float64Array.from(variables.map((v) => v.defaultWeight));
  if (!spec) return weights;
  const errors: { pointer: string; detail: string }[] = [];
  for (const part of spec.split(',').filter(Boolean)) {
    const [key, raw] = part.split(':');
    const value = Number(raw);
    if (!(Number.isFinite(value) && value >= 0 && value <= 100)) {
      errors.push({ pointer: 'query.weights', detail: `weight for "${key}" must be a number from 0 to 100, got "${raw}"` });
      continue;
    }
    const isCategory = (CONTEXT_CATEGORIES as readonly string[]).includes(key);
    const targets = variables.flatMap((v, j) => ((isCategory ? v.category === key : v.code === key) ? [j] : []));
    if (targets.length === 0) errors.push({ pointer: 'query.weights', detail: `"${key}" is neither a context-factor category nor a context variable code` });
    for (const j of targets) weights[j] *= value;
  }
  if (errors.length > 0) throw invalid(errors);
  if (weights.every((w) => w === 0)) throw invalid([{ pointer: 'query.weights', detail: 'at least one weight must be above 0' }]);
  return weights;
}
