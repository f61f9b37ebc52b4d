/** The peer query on the compute pool: each worker scans a share of the rows; same result as `peerQuery`. */
import { fitGowerRanges } from '../../analytics/distance';
import type { Matrix } from '../../analytics/matrix';
import type { NeighborOptions, PeerQueryResult } from '../../analytics/neighbors';
import { mergePeerQueryParts, preparePeerQuery } from '../../analytics/peerQueryParts';
import { computePool, type ComputePool } from './pool';
import { splitRows } from './partition';
import { sharedMatrix, sharedUint8 } from './shared';

/**
 * `peerQuery(m, query, opts)` computed by the pool's workers: the same neighbours, bitwise-equal
 * distances, same farthest distance and candidate count. Pass a {@link sharedMatrix} (and Gower
 * `ranges`) when querying the same matrix repeatedly; otherwise both are made here on each call.
 * @example const { neighbors } = await parallelPeerQuery(sharedMatrix(m), 0, { k: 10, metric: 'gower', ranges })
 */
export async function parallelPeerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions, pool: ComputePool = computePool()): Promise<PeerQueryResult> {
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
  const parts = await Promise.all(splitRows(m.rows, pool.size).filter(([from, to]) => to > from)
    .map(([from, to]) => pool.run('peerQueryRange', { m: shared, query, opts: taskOpts, from, to })));
  return mergePeerQueryParts(prepared, parts);
}
