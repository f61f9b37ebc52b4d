/**
 * k-means with the heavy steps on the compute pool: the assignment (rows split between workers)
 * and the cluster sums (columns split). Everything else runs here, in the serial order, so the
 * result is bit-identical to `kmeans` whatever the pool size.
 */
import { kmeansResult, kmeansSetup, type KMeansOptions, type KMeansResult } from '../../analytics/kmeans';
import { kmeansBegin, kmeansEnd, kmeansStart, type KMeansState, type KMeansStepView } from '../../analytics/kmeansSteps';
import type { Matrix } from '../../analytics/matrix';
import { computePool, type ComputePool } from './pool';
import { splitRows } from './partition';
import { sharedArrays, toSharedFloat64 } from './shared';

/** The fields the workers read (shared arrays by reference, scalars by value). */
function stepView(s: KMeansState): KMeansStepView {
  const { X, n, d, k, C, labels, upper, lower, half, shift, argMax, maxS, maxS2, mode, sums } = s;
  return { X, n, d, k, C, labels, upper, lower, half, shift, argMax, maxS, maxS2, mode, sums };
}

/**
 * `kmeans(m, opts)` with the assignment and sums on the pool's workers: same labels, centroids,
 * inertia and iterations, bit for bit.
 * @example const { labels } = await parallelKmeans(m, { k: 12, seed: 1 })
 */
export async function parallelKmeans(m: Matrix, opts: KMeansOptions, pool: ComputePool = computePool()): Promise<KMeansResult> {
  const { X, init, maxIter, tol } = kmeansSetup(m, opts);
  const s = kmeansStart(toSharedFloat64(X), m.rows, m.cols, init, opts.k, { maxIter, tol }, sharedArrays);
  const rowParts = splitRows(s.n, pool.size).filter(([a, b]) => b > a);
  const colParts = splitRows(s.d, pool.size).filter(([a, b]) => b > a);
  while (kmeansBegin(s)) {
    const view = stepView(s);
    const changed = await Promise.all(rowParts.map(([from, to]) => pool.run('kmeansAssignRange', { view, from, to })));
    await Promise.all(colParts.map(([from, to]) => pool.run('kmeansSumsRange', { view, from, to })));
    kmeansEnd(s, changed.reduce((a, b) => a + b, 0));
  }
  return kmeansResult(s);
}
