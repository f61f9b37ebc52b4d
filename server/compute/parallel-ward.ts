/** Ward clustering with the n×n distance fill on the compute pool (the merges stay serial). */
import { wardFromDistances, wardInput, wardTileParts, type WardResult } from '../../analytics/hierarchical';
import type { Matrix } from '../../analytics/matrix';
import { computePool, type ComputePool } from './pool';
import { sharedFloat64, toSharedFloat64 } from './shared';

/** Tasks per worker: small enough that a worker slowed by other load does not hold up the rest. */
const TASKS_PER_WORKER = 4;

/**
 * The last n×n matrix, reused by the next call while it is still alive: each call allocating its own
 * 800 MB (n = 10k) shared buffer piles them up faster than the threads' garbage collectors free them.
 * A call takes it out while it runs, so concurrent calls never share one.
 */
let spare: WeakRef<Float64Array> | undefined;

/** The spare matrix if it has this length, else a new one. */
function takeMatrix(length: number): Float64Array {
  const last = spare?.deref();
  spare = undefined;
  return last && last.length === length ? last : sharedFloat64(length);
}

/**
 * `ward(m)`: the workers fill disjoint tiles of one shared n×n matrix (each entry computed by the
 * same code as serially), then the nearest-neighbour chain runs here. Same merges and heights.
 * @example const { merges } = await parallelWard(m)
 */
export async function parallelWard(m: Matrix, pool: ComputePool = computePool()): Promise<WardResult> {
  const local = wardInput(m);
  const input = { ...local, X: toSharedFloat64(local.X) };
  const D = takeMatrix(local.n * local.n); // every entry is rewritten by the fill
  await Promise.all(wardTileParts(local.n, pool.size * TASKS_PER_WORKER).filter(([from, to]) => to > from)
    .map(([from, to]) => pool.run('fillWardDistances', { input, D, from, to })));
  const result = wardFromDistances(D, local.n);
  spare = new WeakRef(D); // only after success: a failed call may leave a task still writing
  return result;
}
