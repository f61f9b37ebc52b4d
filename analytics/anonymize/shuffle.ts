/**
 * Fisher–Yates shuffle driven by the injected CSPRNG, so the exported row order carries no
 * information about input order (internal ids, creation time, alphabetical names).
 */
import { randomInt, type RandomBytes } from './entropy';

/**
 * A uniformly random permutation of `items` (a new array; the input is untouched).
 * Each swap index is an unbiased integer (rejection sampling), so all n! orders are
 * equally likely given a uniform byte source.
 * @example secureShuffle(crypto.randomBytes, ['a', 'b', 'c']) // e.g. ['c', 'a', 'b']
 */
export function secureShuffle<T>(random: RandomBytes, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const t = out[i]; out[i] = out[j]; out[j] = t;
  }
  return out;
}
