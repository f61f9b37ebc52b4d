/** The silhouette on the compute pool: the fixed parts of the pair sums run on the workers. */
import type { Matrix } from '../../analytics/matrix';
import { silhouetteFinish, silhouetteParts, silhouettePrepare, silhouetteSumsRange, type SilhouetteResult } from '../../analytics/silhouette';
import { computePool, type ComputePool } from './pool';
import { toSharedFloat64 } from './shared';

/**
 * `silhouette(m, labels)` with its {@link silhouetteSumsRange} parts computed by the pool's workers:
 * bit-identical (same fixed parts, summed in the same order), whatever the pool size.
 * @example const { mean } = await parallelSilhouette(m, labels)
 */
export async function parallelSilhouette(m: Matrix, labels: ArrayLike<number>, pool: ComputePool = computePool()): Promise<SilhouetteResult> {
  const p = silhouettePrepare(m, labels);
  const input = { ...p, X: toSharedFloat64(p.X) };
  const parts = await Promise.all(silhouetteParts(p.n).map(([from, to]) =>
    from < to ? pool.run('silhouetteSumsRange', { input, from, to }) : silhouetteSumsRange(p, from, to)));
  return silhouetteFinish(p, parts);
}
