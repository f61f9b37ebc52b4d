/** A seeded pseudo-random source (mulberry32). Deterministic: same seed → same stream. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffle in place (Fisher–Yates) and return the array. */
  shuffle<T>(arr: T[]): T[];
  /** k distinct indices from [0, n), in random order (without replacement). */
  sample(n: number, k: number): Int32Array;
  /** n indices from [0, n) drawn with replacement (bootstrap resample). */
  bootstrap(n: number): Int32Array;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
}

/**
 * Create a seeded PRNG (mulberry32, 32-bit state).
 * @example const r = createRandom(42); r.next(); r.int(10); r.shuffle([1, 2, 3]);
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed=${seed} must be a finite number`);
  let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  let spare = NaN;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n=${n} must be a positive integer`);
    return Math.floor(next() * n);
  };
  return {
    next,
    int,
    shuffle<T>(arr: T[]): T[] {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = arr[i]; arr[i] = arr[j]; arr[j] = t;
      }
      return arr;
    },
    sample(n: number, k: number): Int32Array {
      if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k=${k} must be <= n=${n} (and >= 0)`);
      const idx = new Int32Array(n);
      for (let i = 0; i < n; i++) idx[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(next() * (n - i));
        const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
      }
      return idx.slice(0, k);
    },
    bootstrap(n: number): Int32Array {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * n);
      return out;
    },
    normal(): number {
      if (spare === spare) { const v = spare; spare = NaN; return v; }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
