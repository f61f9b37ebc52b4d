/**
 * Seeded pseudo-random numbers for demo values (mulberry32). Never Math.random: the same seed
 * gives the same demo network on every run.
 *
 * @example
 * const rng = seededRandom(2024);
 * rng.next(); rng.int(10); rng.normal(); rng.pick(['a', 'b']);
 */
export interface SeedRandom {
  next(): number;
  int(n: number): number;
  normal(): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): SeedRandom {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: (items) => items[int(items.length)],
    chance: (p) => next() < p,
  };
}

/** A stable 32-bit hash of a string, to derive per-city seeds (FNV-1a). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
