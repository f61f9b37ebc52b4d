/** Ward clustering with the n×n distance fill on the compute pool (the merges stay serial). */
import { wardFromDistances, wardInput, wardTileParts, type WardResult } from '../../analytics/hierarchical';
import type { Matrix } from '../../analytics/matrix';
import { computePool, type ComputePool } from './pool';
import { sharedFloat64, toSharedFloat64 } from './shared';

/** Tasks per worker: small enough that a worker slowed by other load does not hold up the rest. */
const TASKS_PER_WORKER = 4;

/**
 * `ward(m)`: the workers fill disjoint tiles of one shared n×n matrix (each entry computed by the
 * same code as serially), then the nearest-neighbour chain runs here. Same merges and heights.
 * @example const { merges } = await parallelWard(m)
 */
export async function parallelWard(m: Matrix, pool: ComputePool = computePool()): Promise<WardResult> {
  const local = wardInput(m);
  const input = { ...local, X: toSharedFloat64(local.X) };
  const D = sharedFloat64(local.n * local.n);
  await Promise.all(wardTileParts(local.n, pool.size * TASKS_PER_WORKER).filter(([from, to]) => to > from)
    .map(([from, to]) => pool.run('fillWardDistances', { input, D, from, to })));
  return wardFromDistances(D, local.n);
}
