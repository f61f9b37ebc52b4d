/**
 * Context similarity of one city to every other city of a round (Gower, 1 = identical context,
 * 0 = the farthest candidate), the shared basis of peers, learn-from, gaps and the planners.
 *
 * @example
 * const sim = similarityTo(data, row, weights); // Float64Array, NaN where no variable is shared
 */
import { gowerMatrix, peerQuery } from '../../../analytics';
import type { RoundData } from './round-data';

export function similarityTo(data: RoundData, row: number, weights: Float64Array, candidates?: Uint8Array) {
  const { matrix, specs, ranges } = data.context;
  const n = matrix.rows;
  const result = peerQuery(matrix, row, { k: Math.max(1, n - 1), metric: 'gower', specs, weights, ranges, candidates });
  const similarity = new Float64Array(n).fill(NaN);
  const distance = new Float64Array(n).fill(NaN);
  const used = new Int32Array(n);
  for (const nb of result.neighbors) {
    distance[nb.index] = nb.distance;
    used[nb.index] = nb.used;
    similarity[nb.index] = similarityOf(nb.distance, result.farthest);
  }
  return { similarity, distance, used, farthest: result.farthest, neighbors: result.neighbors };
}

/** Similarity in [0, 1] from a distance, where the farthest candidate is 0. @example similarityOf(0.1, 0.4) // 0.75 */
export function similarityOf(distance: number, farthest: number): number {
  return farthest > 0 ? Math.max(0, 1 - distance / farthest) : 1;
}

/** All pairs: sim[i][j] = 1 − d(i, j) / max d (NaN-free: pairs with nothing in common count as farthest). */
export function similarityMatrix(data: RoundData, weights: Float64Array): Float64Array {
  const { matrix, specs, ranges } = data.context;
  const d = gowerMatrix(matrix, specs, weights, ranges);
  let max = 0;
  for (let k = 0; k < d.length; k++) if (d[k] > max) max = d[k];
  const sim = new Float64Array(d.length);
  for (let k = 0; k < d.length; k++) sim[k] = max > 0 ? 1 - d[k] / max : 1;
  return sim;
}
