/**
 * k-means with each iteration's fixed parts (assignment + cluster sums of a quarter of the rows)
 * on the compute pool; the rest of the iteration runs here. The parts and the order their sums are
 * added are the serial ones, so the result is bit-identical to `kmeans` whatever the pool size.
 */
import { kmeansResult, kmeansSetup, type KMeansOptions, type KMeansResult } from '../../analytics/kmeans';
import { KMEANS_PARTS, kmeansBegin, kmeansEnd, kmeansStart, type KMeansState, type KMeansStepView } from '../../analytics/kmeansSteps';
import type { Matrix } from '../../analytics/matrix';
import { computePool, type ComputePool } from './pool';
import { sharedArrays, toSharedFloat64 } from './shared';

/** The fields the workers read (shared arrays by reference, scalars by value). */
function stepView(s: KMeansState): KMeansStepView {
  const { X, n, d, k, C, labels, upper, lower, half, shift, argMax, maxS, maxS2, mode, partSums } = s;
  return { X, n, d, k, C, labels, upper, lower, half, shift, argMax, maxS, maxS2, mode, partSums };
}

/**
 * `kmeans(m, opts)` with the iterations' parts on the pool's workers: same labels, centroids,
 * inertia and iterations, bit for bit.
 * @example const { labels } = await parallelKmeans(m, { k: 12, seed: 1 })
 */
export async function parallelKmeans(m: Matrix, opts: KMeansOptions, pool: ComputePool = computePool()): Promise<KMeansResult> {
  const { X, init, maxIter, tol } = kmeansSetup(m, opts);
  const s = kmeansStart(toSharedFloat64(X), m.rows, m.cols, init, opts.k, { maxIter, tol }, sharedArrays);
  const parts = Array.from({ length: KMEANS_PARTS }, (_, p) => p);
  while (kmeansBegin(s)) {
    const view = stepView(s);
    const changed = await Promise.all(parts.map((part) => pool.run('kmeansPart', { view, part })));
    kmeansEnd(s, changed.reduce((a, b) => a + b, 0));
  }
  return kmeansResult(s);
}
