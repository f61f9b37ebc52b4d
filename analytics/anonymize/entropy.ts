/**
 * Unbiased integers and uniforms from an injected byte source.
 *
 * analytics/ is pure, so it never imports node:crypto: the caller passes a
 * `RandomBytes` function (the server passes `crypto.randomBytes`; tests may pass a
 * seeded stub). Every draw here is exact: integers use rejection sampling, so no
 * value is more likely than another (no modulo bias).
 */

/** A source of uniformly random bytes, e.g. `(n) => crypto.randomBytes(n)`. */
export type RandomBytes = (n: number) => Uint8Array;

function take(random: RandomBytes, n: number): Uint8Array {
  const b = random(n);
  if (!b || b.length < n) throw new RangeError(`randomBytes(${n}) returned ${b?.length ?? 0} bytes, must return ${n}`);
  return b;
}

/**
 * Uniform integer in [0, n), n <= 2^32, by rejection sampling on 32-bit words.
 * @example randomInt(crypto.randomBytes, 6) // 0..5, each with probability exactly 1/6
 */
export function randomInt(random: RandomBytes, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`n=${n} must be an integer in [1, 2^32]`);
  if (n === 1) return 0;
  const limit = Math.floor(2 ** 32 / n) * n; // accept u < limit: every residue equally often
  for (;;) {
    const b = take(random, 4);
    const u = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
    if (u < limit) return u % n;
  }
}

/**
 * Uniform float in (0, 1] with 53 random bits (never 0, so `Math.log(u)` is finite).
 * @example uniform53(crypto.randomBytes) // e.g. 0.7310585786300049
 */
export function uniform53(random: RandomBytes): number {
  const b = take(random, 7);
  // 5 bits from b[0], then 48 bits: 53 bits in all
  const hi = b[0] & 0x1f;
  let x = hi;
  for (let i = 1; i < 7; i++) x = x * 256 + b[i];
  return (x + 1) / 2 ** 53;
}
