/**
 * What a compute worker can do: each task calls a pure, exact range kernel of analytics/ on
 * arrays in shared memory (results never depend on which worker runs which range). The same
 * functions run in-process too (no worker) — that is how the tests compare them.
 */
import type { Matrix } from '../../analytics/matrix';
import type { NeighborOptions } from '../../analytics/neighbors';
import { peerQueryClaimed, preparePeerQuery, type PeerQueryPart } from '../../analytics/peerQueryParts';
import { kmeansPart, type KMeansStepView } from '../../analytics/kmeansSteps';
import { silhouetteSumsRange, type SilhouetteInput } from '../../analytics/silhouette';
import { fillWardDistances, type WardInput } from '../../analytics/hierarchical';

/**
 * A worker's share of one peer query: blocks of rows claimed from the shared counter `claims`
 * (candidates only as a mask: functions cannot cross threads).
 */
export interface PeerQueryTask {
  m: Matrix;
  query: number | Float64Array;
  opts: Omit<NeighborOptions, 'candidates'> & { candidates?: Uint8Array };
  claims: Int32Array;
  block?: number;
}

export const TASKS = {
  /** The k nearest of the row blocks this worker claims, and how many rows that was. */
  peerQueryClaimed: ({ m, query, opts, claims, block }: PeerQueryTask): { part: PeerQueryPart; rows: number } => peerQueryClaimed(preparePeerQuery(m, query, opts), claims, block),
  /** One fixed part of a k-means iteration (assignment + cluster sums into shared arrays); returns #changed. */
  kmeansPart: ({ view, part }: { view: KMeansStepView; part: number }): number => kmeansPart(view, part),
  /** Silhouette distance sums of one fixed part. */
  silhouetteSumsRange: ({ input, from, to }: { input: SilhouetteInput; from: number; to: number }): Float64Array => silhouetteSumsRange(input, from, to),
  /** Ward squared distances of column tiles [from, to) into the shared n×n matrix D. */
  fillWardDistances: ({ input, D, from, to }: { input: WardInput; D: Float64Array; from: number; to: number }): null => (fillWardDistances(input, D, from, to), null),
};

export type TaskName = keyof typeof TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskResult<K extends TaskName> = ReturnType<(typeof TASKS)[K]>;
