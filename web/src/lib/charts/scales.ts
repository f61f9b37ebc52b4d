/**
 * Pure helpers shared by charts: band layout for labelled rows, deterministic jitter, percentile.
 *
 * @example
 * percentileAmong(5, [1, 5, 9]) // 0.333… (share of the others strictly below)
 */
export const MARGIN = { top: 24, right: 24, bottom: 32, left: 200 };

/** Share of values strictly below x among the values other than x itself (0..1); NaN when alone. */
export function percentileAmong(x: number, values: number[]): number {
  const others = values.length - 1;
  if (others < 1) return NaN;
  return values.filter((v) => v < x).length / others;
}

/** Deterministic pseudo-random offset in [-1, 1] from an integer (for strip-plot jitter). */
export function jitter(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return (s - Math.floor(s)) * 2 - 1;
}

/** Truncates a label to n characters with an ellipsis. */
export const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
