/**
 * Fresh random pseudonyms, one per exported row.
 *
 * 128 bits from the injected CSPRNG, written as 32 lowercase hex characters. Nothing maps a
 * pseudonym back to a city: no table is kept, and the next export draws new ones, so two
 * exports cannot be joined on pseudonyms.
 */
import type { RandomBytes } from './entropy';

/** Bits of randomness in every pseudonym. */
export const PSEUDONYM_BITS = 128;

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * `count` distinct pseudonyms of 128 random bits each (redrawn on the astronomically rare
 * collision; a broken source that keeps repeating itself is refused).
 * @example pseudonyms(crypto.randomBytes, 2) // ['3f9c…e1', 'a04b…7d'] (32 hex chars each)
 */
export function pseudonyms(random: RandomBytes, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count=${count} must be a non-negative integer`);
  const seen = new Set<string>();
  let redraws = 0;
  while (seen.size < count) {
    const b = random(PSEUDONYM_BITS / 8);
    if (!b || b.length < PSEUDONYM_BITS / 8) throw new RangeError(`randomBytes(16) returned ${b?.length ?? 0} bytes, must return 16`);
    const p = hex(b.subarray(0, 16));
    if (seen.has(p)) {
      if (++redraws > 8) throw new Error(`random source repeated ${redraws} pseudonyms: it is not a CSPRNG`);
      continue;
    }
    seen.add(p);
  }
  return [...seen];
}
