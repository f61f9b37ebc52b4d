/**
 * What a published round freezes: every published city's indicator, area and overall scores,
 * the weights, each city's context peers and the context clusters, with the data version they
 * came from — so published comparisons never shift when data change later.
 *
 * @example
 * const payload = await buildSnapshot(access, 3);
 */
import { kmeans, peerQuery } from '../../analytics';
import type { Access } from '../auth/access';
import { nullable } from './analytics/decode';
import { loadRoundData } from './analytics/round-data';
import { spaceMatrix } from './analytics/spaces';

export const SNAPSHOT_PEERS = 7;
export const SNAPSHOT_CLUSTERS = { method: 'kmeans', space: 'context', k: 5, seed: 1 } as const;

export async function buildSnapshot(access: Access, roundId: number) {
  const data = await loadRoundData(access.db, roundId);
  const { matrix, specs, ranges, variables } = data.context;
  const published = data.cities.map((c, i) => ({ c, i })).filter(({ c }) => c.submitted);
  const candidates = Uint8Array.from(data.cities, (c) => (c.submitted ? 1 : 0));
  const p = data.performance;
  const context = spaceMatrix(data, 'context', 'zscore');
  const k = Math.min(SNAPSHOT_CLUSTERS.k, Math.max(1, context.matrix.rows - 1));
  const clusters = context.matrix.rows > 1 ? kmeans(context.matrix, { k, seed: SNAPSHOT_CLUSTERS.seed }).labels : new Int32Array(context.matrix.rows);
  return {
    round: data.round,
    dataVersion: data.version,
    weightsVersion: p.weightsVersion,
    minAnsweredShare: p.minAnsweredShare,
    indicators: p.indicators.map((ind) => ({ id: ind.id, code: ind.code, area: ind.areaCode })),
    contextVariables: variables.map((v) => ({ code: v.code, weight: v.defaultWeight })),
    cities: published.map(({ c, i }) => ({
      cityId: c.id,
      name: c.name,
      countryCode: c.countryCode,
      indicators: Object.fromEntries(p.indicators.map((ind, j) => [ind.code, nullable(p.matrix.data[i * p.matrix.cols + j])])),
      areas: Object.fromEntries(p.areas.map((a, j) => [a.code, nullable(p.areaMatrix.data[i * p.areaMatrix.cols + j])])),
      overall: nullable(p.overall[i]),
      answered: p.answered[i],
      peers: peerQuery(matrix, i, { k: SNAPSHOT_PEERS, metric: 'gower', specs, ranges, candidates }).neighbors.map((nb) => ({ cityId: data.cities[nb.index].id, distance: nb.distance })),
    })),
    clusters: { ...SNAPSHOT_CLUSTERS, k, labels: Object.fromEntries(context.rows.map((r, i) => [data.cities[r].id, clusters[i]])) },
  };
}
