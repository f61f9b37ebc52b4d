import type { Matrix } from './matrix';
import { gower, type VariableSpec } from './distance';
import { mergePeerQueryParts, peerQueryRange, preparePeerQuery } from './peerQueryParts';
import type { PeerIndex } from './peerIndex';

export type NeighborMetric = 'gower' | 'euclidean';

export interface NeighborOptions {
  k: number;
  metric: NeighborMetric;
  /** Column specs (Gower). Default: every column numeric. */
  specs?: readonly VariableSpec[];
  /** Per-column weights (override `specs[j].weight`). */
  weights?: ArrayLike<number>;
  /** Precomputed Gower ranges (from `fitGowerRanges`); fitted from `m` when absent (one extra pass). */
  ranges?: ArrayLike<number>;
  /** {@link peerIndex} of this matrix: branch-free scan, same result (read-only: share it freely). */
  index?: PeerIndex;
  /** Restrict candidates: predicate or mask (1 = candidate). */
  candidates?: ((i: number) => boolean) | Uint8Array;
}

export interface Neighbor {
  index: number;
  distance: number;
  /** Variables present in both rows (with weight > 0). */
  used: number;
}

export interface PeerQueryResult {
  neighbors: Neighbor[];
  /** Largest distance over all candidates (for {@link peerSimilarity}); NaN when none. */
  farthest: number;
  /** Number of candidates with a defined distance. */
  candidates: number;
}

/**
 * One query against every row: the k nearest rows plus the farthest candidate distance.
 * Single pass over the flat array, bounded max-heap of size k, no per-row allocation.
 * Rows sharing no variable with the query (distance NaN) are never returned.
 * (`preparePeerQuery` / `peerQueryRange` / `mergePeerQueryParts` split the same work into row ranges.)
 * @example peerQuery(m, 0, { k: 5, metric: 'gower', ranges }).neighbors[0].index
 */
export function peerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions): PeerQueryResult {
  const prepared = preparePeerQuery(m, query, opts);
  return mergePeerQueryParts(prepared, [peerQueryRange(prepared, 0, m.rows)]);
}

/**
 * The k nearest rows to `row` (an index into `m`, excluded from results, or an external vector),
 * ascending by distance, ties broken by index.
 * @example nearestNeighbors(m, 3, { k: 5, metric: 'euclidean' }) // [{ index, distance, used }, ...]
 */
export function nearestNeighbors(m: Matrix, row: number | Float64Array, opts: NeighborOptions): Neighbor[] {
  return peerQuery(m, row, opts).neighbors;
}

/**
 * Attach a similarity in [0,1]: 1 - distance / farthestDistance (the farthest candidate scores 0,
 * an identical row 1). If farthestDistance is 0 or NaN every similarity is 1.
 * @example peerSimilarity([{ index: 1, distance: 0.2, used: 3 }], 0.8) // [{ ..., similarity: 0.75 }]
 */
export function peerSimilarity<T extends { distance: number }>(results: readonly T[], farthestDistance: number): Array<T & { similarity: number }> {
  return results.map((r) => {
    let s = farthestDistance > 0 ? 1 - r.distance / farthestDistance : 1;
    if (s < 0) s = 0; else if (s > 1) s = 1;
    return { ...r, similarity: s };
  });
}

export interface PairContribution {
  index: number;
  name: string;
  /** Weighted share of the Gower distance (contributions sum to `distance`). */
  contribution: number;
  a: number;
  b: number;
}

export interface PairExplanation {
  distance: number;
  used: number;
  /** Variables present in both rows, ascending by contribution (most similar first). */
  items: PairContribution[];
  /** Up to 5 variables with the smallest contributions ("why similar"). */
  similarities: PairContribution[];
  /** Up to 5 variables with the largest contributions, largest first ("where they differ"). */
  differences: PairContribution[];
  /** Indices of variables skipped because missing in either row. */
  missing: number[];
}

/**
 * Explain a Gower comparison: per-variable contributions sorted ascending.
 * @example explainPair(row(m, 0), row(m, 7), specs, ranges, undefined, names).differences[0].name
 */
export function explainPair(a: Float64Array, b: Float64Array, specs: readonly VariableSpec[], ranges: ArrayLike<number>, weights?: ArrayLike<number>, names?: readonly string[], top = 5): PairExplanation {
  const g = gower(a, b, specs, ranges, weights);
  const items: PairContribution[] = [];
  const missing: number[] = [];
  const c = g.contributions!;
  for (let j = 0; j < specs.length; j++) {
    if (c[j] !== c[j]) { missing.push(j); continue; }
    items.push({ index: j, name: names?.[j] ?? `v${j}`, contribution: c[j], a: a[j], b: b[j] });
  }
  items.sort((x, y) => x.contribution - y.contribution || x.index - y.index);
  const differences = items.slice(Math.max(0, items.length - top)).reverse();
  return { distance: g.distance, used: g.used, items, similarities: items.slice(0, top), differences, missing };
}
