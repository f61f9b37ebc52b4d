/**
 * Clusters of a round's cities, in context space (groups of comparable cities) or performance
 * space (groups of similar score profiles), by k-means, Ward or k-medoids on Gower distances;
 * k from the request or chosen by silhouette; with profiles, silhouette and bootstrap stability.
 *
 * @example
 * const text = await roundClustersJson(access, 3, { space: 'context', method: 'kmeans', kMax: 8, seed: 1, stabilityRuns: 20 });
 */
import { chooseK, clusterStability, cutTree, gowerMatrix, kmeans, kmedoids, silhouette, silhouetteFromDistances, toTree, ward, type Matrix } from '../../../analytics';
import type { Access } from '../../auth/access';
import { conflict } from '../../errors';
import { nullable } from './decode';
import { describe } from './meta';
import { visibleSpaceData } from './city-round';
import type { RoundContext, RoundData } from './round-data';
import { cachedJson, type JsonAnswer } from '../../cache/answers';
import { spaceMatrix, type PreparedSpace, type Space } from './spaces';

export interface ClusterQuery {
  space: Space;
  method: 'kmeans' | 'ward' | 'kmedoids';
  k?: number;
  kMax: number;
  seed: number;
  stabilityRuns: number;
}

/** The answer serialised, computed once per data version (see server/cache/answers.ts). */
export async function roundClustersJson(access: Access, roundId: number, q: ClusterQuery): Promise<JsonAnswer> {
  const data = await visibleSpaceData(access, roundId, q.space);
  return cachedJson(access.db, 'clusters', [roundId, q.space, q.method, q.k ?? null, q.kMax, q.seed, q.stabilityRuns], data.version, () => roundClustersOf(data, q));
}

function roundClustersOf(data: RoundContext | RoundData, q: ClusterQuery) {
  const prepared = spaceMatrix(data, q.space, q.space === 'context' ? 'zscore' : 'none', { includeCategorical: q.method === 'kmedoids' });
  const n = prepared.matrix.rows;
  if (n < 3) throw conflict(`Round ${data.round.id} has ${n} cities with data in ${q.space} space; clustering needs at least 3`);
  const kMax = Math.min(q.kMax, n - 1);
  const choice = q.k === undefined ? chooseK(prepared.matrix, { kMin: 2, kMax: Math.max(2, kMax), seed: q.seed }) : undefined;
  const k = q.k ?? choice!.k;
  const run = cluster(prepared, q.method, k, q.seed);
  const stability = q.method === 'kmeans' && q.stabilityRuns > 0 ? clusterStability(prepared.matrix, { k, runs: q.stabilityRuns, seed: q.seed }) : undefined;
  return {
    k,
    kChosenBy: choice ? ('silhouette' as const) : ('request' as const),
    kScores: choice?.scores.map((s) => ({ k: s.k, silhouette: nullable(s.silhouette) })) ?? null,
    silhouette: nullable(run.silhouette),
    assignments: prepared.rows.map((r, i) => ({ cityId: data.cities[r].id, name: data.cities[r].name, countryCode: data.cities[r].countryCode, cluster: run.labels[i], silhouette: nullable(run.perRow[i]), coAssignment: stability ? nullable(stability.coAssignment[i]) : null })),
    profiles: profiles(prepared, run.labels, k),
    stability: stability ? { meanJaccard: stability.meanJaccard, clusters: stability.clusters, runs: q.stabilityRuns } : null,
    dendrogram: run.tree ?? null,
    columns: prepared.columns,
    meta: describe(data, { space: q.space, method: q.method, parameters: { k, kMax: q.kMax, stabilityRuns: q.stabilityRuns, normalisation: q.space === 'context' ? 'zscore (ordinal as rank)' : 'scores 0-100' }, seed: q.seed }),
  };
}

function cluster(p: PreparedSpace, method: ClusterQuery['method'], k: number, seed: number) {
  const n = p.matrix.rows;
  if (method === 'kmedoids') {
    const dist = gowerMatrix(p.raw, p.specs);
    const r = kmedoids(dist, n, { k });
    const s = silhouetteFromDistances(dist, n, r.labels);
    return { labels: r.labels, silhouette: s.mean, perRow: s.perRow, tree: undefined };
  }
  if (method === 'ward') {
    const merges = ward(p.matrix).merges;
    const labels = cutTree(merges, n, k);
    const s = silhouette(p.matrix, labels);
    return { labels, silhouette: s.mean, perRow: s.perRow, tree: { merges, root: toTree(merges, n) } };
  }
  const r = kmeans(p.matrix, { k, seed });
  const s = silhouette(p.matrix, r.labels);
  return { labels: r.labels, silhouette: s.mean, perRow: s.perRow, tree: undefined };
}

/** Per cluster: size and the mean raw value of every column (missing values skipped). */
function profiles(p: PreparedSpace, labels: Int32Array, k: number) {
  const d = p.raw.cols;
  return Array.from({ length: k }, (_, c) => {
    const sums = new Float64Array(d), counts = new Int32Array(d);
    let size = 0;
    for (let i = 0; i < p.raw.rows; i++) {
      if (labels[i] !== c) continue;
      size++;
      for (let j = 0; j < d; j++) {
        const x = p.raw.data[i * d + j];
        if (!Number.isNaN(x)) {
          sums[j] += x;
          counts[j]++;
        }
      }
    }
    return { cluster: c, size, means: Array.from(sums, (s, j) => (counts[j] ? s / counts[j] : null)) };
  });
}

export type { Matrix };
