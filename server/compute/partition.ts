/**
 * [from, to) bounds splitting `n` rows into `parts` contiguous ranges of near-equal size.
 * @example splitRows(10, 3) // [[0, 3], [3, 6], [6, 10]]
 */
export function splitRows(n: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < parts; p++) out.push([Math.floor((n * p) / parts), Math.floor((n * (p + 1)) / parts)]);
  return out;
}
