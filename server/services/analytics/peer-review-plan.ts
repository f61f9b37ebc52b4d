/**
 * Peer-review teams for a round: each host city gets R reviewer cities with a similar context
 * that are strong where the host is weak, under the EUROCITIES-style rules (no self-review, no
 * mutual reviews, at most L reviews per city, a reviewer from another country, optionally a
 * shared working language). The objective is reported against a greedy baseline.
 *
 * @example
 * await roundPeerReviewPlan(db, 3, { hosts: [12, 40], reviewersPerHost: 3, maxReviews: 2, alpha: 0.5, ... });
 */
import { assignPeerReviews } from '../../../analytics/peerReview';
import type { Access } from '../../auth/access';
import { invalid } from '../../errors';
import { parseWeights } from './context-weights';
import { describe } from './meta';
import { submittedRows } from './performance-rows';
import { visibleRoundData } from './city-round';
import type { RoundData } from './round-data';
import { similarityMatrix } from './similarity';

export interface PeerReviewQuery {
  hosts?: number[];
  reviewersPerHost: number;
  maxReviews: number;
  alpha: number;
  sharedLanguage: boolean;
  weakFactors: number;
  seed: number;
  weights?: string;
}

/** When no hosts are named: the 12 cities with the lowest overall score (the most to gain). */
const DEFAULT_HOSTS = 12;

/** For the network's secretariat only: the plan weighs every city's unpublished scores. */
export async function roundPeerReviewPlan(access: Access, roundId: number, q: PeerReviewQuery) {
  const data = await visibleRoundData(access, roundId, 'full');
  access.requireAdmin(data.round.networkId);
  const weights = parseWeights(q.weights, data.context.variables);
  const n = data.cities.length;
  const submitted = submittedRows(data);
  const hosts = q.hosts ? hostRows(data, q.hosts) : defaultHosts(data, submitted);
  const sim = similarityMatrix(data, weights);
  const strength = strengthOnWeakFactors(data, q.weakFactors);
  const result = assignPeerReviews(
    {
      hosts,
      reviewers: submitted,
      similarity: (r, h) => sim[r * n + h],
      strength: (r, h) => strength(r, h),
      countries: data.cities.map((c) => c.countryCode),
      languages: data.cities.map((c) => c.languages),
    },
    { reviewersPerHost: q.reviewersPerHost, maxReviewsPerCity: q.maxReviews, alpha: q.alpha, sharedLanguage: q.sharedLanguage, seed: q.seed },
  );
  const city = (i: number) => ({ cityId: data.cities[i].id, name: data.cities[i].name, countryCode: data.cities[i].countryCode });
  return {
    teams: result.teams.map((t) => ({ host: city(t.host), score: t.score, reviewers: t.reviewers.map((r) => ({ ...city(r.city), score: r.score, similarity: r.similarity, strength: r.strength })) })),
    unassigned: result.unassigned.map((u) => ({ host: city(u.host), reason: u.reason })),
    objective: result.objective,
    greedyObjective: result.greedyObjective,
    teamsFormed: result.teamsFormed,
    greedyTeamsFormed: result.greedyTeamsFormed,
    capacity: result.capacity,
    method: result.method,
    meta: describe(data, { space: 'performance', method: 'peer-review teams: min-cost flow + local search', parameters: { ...q, hosts: hosts.map((h) => data.cities[h].id) }, seed: q.seed }),
  };
}

function hostRows(data: RoundData, ids: number[]): number[] {
  const errors = ids.flatMap((id, k) => (data.rowOf.has(id) && data.cities[data.rowOf.get(id)!].submitted ? [] : [{ pointer: `query.hosts.${k}`, detail: `city ${id} has no submission in round ${data.round.id}` }]));
  if (errors.length > 0) throw invalid(errors);
  return ids.map((id) => data.rowOf.get(id)!);
}

function defaultHosts(data: RoundData, submitted: number[]): number[] {
  const overall = data.performance.overall;
  return submitted
    .filter((i) => !Number.isNaN(overall[i]))
    .sort((a, b) => overall[a] - overall[b] || a - b)
    .slice(0, DEFAULT_HOSTS);
}

/** Reviewer strength on a host's weak factors: the reviewer's mean score (0-1) on the host's lowest-scored indicators. */
function strengthOnWeakFactors(data: RoundData, count: number) {
  const { matrix } = data.performance;
  const d = matrix.cols;
  const weakOf = new Map<number, number[]>();
  const weak = (h: number) => {
    let list = weakOf.get(h);
    if (!list) {
      list = Array.from({ length: d }, (_, j) => j)
        .filter((j) => !Number.isNaN(matrix.data[h * d + j]))
        .sort((a, b) => matrix.data[h * d + a] - matrix.data[h * d + b] || a - b)
        .slice(0, count);
      weakOf.set(h, list);
    }
    return list;
  };
  return (r: number, h: number) => {
    const list = weak(h);
    let sum = 0;
    for (const j of list) {
      const v = matrix.data[r * d + j];
      sum += Number.isNaN(v) ? 0 : v / 100;
    }
    return list.length > 0 ? sum / list.length : 0;
  };
}
