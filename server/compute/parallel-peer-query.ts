/** The peer query shared between this thread and the pool's workers; same result as `peerQuery`. */
import { fitGowerRanges } from '../../analytics/distance';
import type { Matrix } from '../../analytics/matrix';
import type { NeighborOptions, PeerQueryResult } from '../../analytics/neighbors';
import { CLAIM_ROWS, mergePeerQueryParts, peerQueryClaimed, preparePeerQuery } from '../../analytics/peerQueryParts';
import { computePool, type ComputePool } from './pool';
import { isShared, sharedInt32, sharedMatrix, sharedUint8 } from './shared';

/**
 * `peerQuery(m, query, opts)` shared between this thread and the pool's workers: the same neighbours,
 * bitwise-equal distances, same farthest distance and candidate count. When querying one matrix
 * repeatedly, pass a {@link sharedMatrix}, Gower `ranges` and a shared `index`
 * (`peerIndex(m, sharedArrays)`: the branch-free scan); otherwise the matrix and ranges are made here
 * on each call. `block` is the rows a thread takes at a time (tests make it small).
 * @example const { neighbors } = await parallelPeerQuery(shared, 0, { k: 10, metric: 'gower', ranges, index })
 */
export async function parallelPeerQuery(m: Matrix, query: number | Float64Array, opts: NeighborOptions, pool: ComputePool = computePool(), block = CLAIM_ROWS): Promise<PeerQueryResult> {
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
  // Every thread takes blocks of rows from one shared counter until none are left. This thread
  // starts at once (a worker needs ≈0.2 ms to wake up), and a slow or busy worker takes fewer
  // blocks instead of holding up a fixed share: 2 cores are used when they are there, and the
  // query is never much slower than the serial one when they are not.
  const claims = sharedInt32(1), unneeded = new AbortController();
  const workers = Array.from({ length: pool.size - 1 }, () => pool.run('peerQueryClaimed', { m: shared, query, opts: taskOpts, claims, block }, unneeded.signal));
  for (const w of workers) w.catch(() => undefined); // a worker not waited for may fail unobserved
  const own = peerQueryClaimed(prepared, claims, block);
  if (own.rows === m.rows) { // no worker took a row: drop their tasks if still queued, do not wait
    unneeded.abort();
    return mergePeerQueryParts(prepared, [own.part]);
  }
  const theirs = await Promise.all(workers);
  return mergePeerQueryParts(prepared, [own.part, ...theirs.map((t) => t.part)]);
}
