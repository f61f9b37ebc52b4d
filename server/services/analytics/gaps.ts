/**
 * Gap analysis: per indicator (or area), the city's score against its peer-group median, the
 * network median and the best comparable city; quick wins are small gaps where many comparable
 * cities are already ahead.
 *
 * @example
 * await cityGaps(db, 12, { peers: 7, minSimilarity: 0.5, level: 'indicator', quickWinGap: 10, quickWinAhead: 3 });
 */
import { gaps } from '../../../analytics/gaps';
import type { Access } from '../../auth/access';
import { cityInRound } from './city-round';
import { parseWeights } from './context-weights';
import { nullable } from './decode';
import { describe } from './meta';
import { performanceRows, submittedRows, type Level } from './performance-rows';
import { similarityTo } from './similarity';

export interface GapQuery {
  round?: number;
  peers: number;
  minSimilarity: number;
  level: Level;
  quickWinGap: number;
  quickWinAhead: number;
  weights?: string;
}

export async function cityGaps(access: Access, cityId: number, q: GapQuery) {
  const { data, row } = await cityInRound(access, cityId, q.round, 'full');
  const weights = parseWeights(q.weights, data.context.variables);
  const submitted = Uint8Array.from(data.cities, (c) => (c.submitted ? 1 : 0));
  const { similarity, neighbors } = similarityTo(data, row, weights, submitted);
  const peers = neighbors.slice(0, q.peers).map((nb) => nb.index);
  const comparable = neighbors.filter((nb) => similarity[nb.index] >= q.minSimilarity).map((nb) => nb.index);
  const network = submittedRows(data).filter((i) => i !== row);
  const { ids, labels, rows } = performanceRows(data, q.level);
  const result = gaps({ city: row, itemIds: ids, scores: rows, peers, comparable, network }, { quickWinGap: q.quickWinGap, quickWinAhead: q.quickWinAhead });
  return {
    city: { id: cityId, name: data.cities[row].name, submitted: data.cities[row].submitted },
    level: q.level,
    peerGroup: peers.map((i) => ({ cityId: data.cities[i].id, name: data.cities[i].name, similarity: similarity[i] })),
    comparableCount: comparable.length,
    networkCount: network.length,
    items: result.map((g, k) => ({
      code: g.item,
      label: labels[k],
      score: nullable(g.score),
      peerMedian: nullable(g.peerMedian),
      networkMedian: nullable(g.networkMedian),
      gapToPeerMedian: nullable(g.gapToPeerMedian),
      best: g.best ? { cityId: data.cities[g.best.city].id, name: data.cities[g.best.city].name, score: g.best.score } : null,
      ahead: g.ahead,
      quickWin: g.quickWin,
    })),
    meta: describe(data, { space: 'performance', method: 'gap analysis against context peers', parameters: { ...q, round: data.round.id } }),
  };
}
