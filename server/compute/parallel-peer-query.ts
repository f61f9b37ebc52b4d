/** The peer query on the compute pool: each worker scans a share of the rows; same result as `peerQuery`. */
import { fitGowerRanges } from '../../analytics/distance';
import type { Matrix } from '../../analytics/matrix';
import type { NeighborOptions, PeerQueryResult } from '../../analytics/neighbors';
import { mergePeerQueryParts, peerQueryRange, preparePeerQuery } from '../../analytics/peerQueryParts';
import { computePool, type ComputePool } from './pool';
import { splitRows } from './partition';
import { isShared, sharedMatrix, sharedUint8 } from './shared';

/**
 * `peerQuery(m, query, opts)` split between this thread and the pool's workers: the same neighbours, bitwise-equal
 * distances, same farthest distance and candidate count. When querying one matrix repeatedly, pass
 * a {@link sharedMatrix}, Gower `ranges` and a shared `index` (`peerIndex(m, sharedArrays)`: the
 * branch-free scan); otherwise the matrix and ranges are made here on each call.
 * @example const { neighbors } = await parallelPeerQuery(shared, 0, { k: 10, metric: 'gower', ranges, index })
 */
export async function parallelPeerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions, pool: ComputePool = computePool()): Promise<PeerQueryResult> {
  if (opts.index && !isShared(opts.index.filled)) throw new RangeError('index must live in shared memory: build it with peerIndex(m, sharedArrays)');
  const shared = sharedMatrix(m);
  const ranges = opts.metric === 'gower' && !opts.ranges ? fitGowerRanges(shared, opts.specs ?? new Array(m.cols).fill({ kind: 'numeric' })) : opts.ranges;
  let candidates = opts.candidates;
  if (typeof candidates === 'function') {
    const mask = sharedUint8(m.rows), keep = candidates;
    for (let i = 0; i < m.rows; i++) mask[i] = keep(i) ? 1 : 0;
    candidates = mask;
  }
  const taskOpts = { ...opts, ranges, candidates };
  const prepared = preparePeerQuery(shared, query, taskOpts); // validates here, before any worker starts
  // The calling thread scans the first share while the workers scan the rest: with 2 cores that is
  // 2 threads busy, and this thread's share does not wait for a worker to wake up (≈0.2 ms).
  const [[from0, to0], ...rest] = splitRows(m.rows, pool.size);
  const others = rest.filter(([from, to]) => to > from).map(([from, to]) => pool.run('peerQueryRange', { m: shared, query, opts: taskOpts, from, to }));
  const own = peerQueryRange(prepared, from0, to0);
  return mergePeerQueryParts(prepared, [own, ...(await Promise.all(others))]);
}
