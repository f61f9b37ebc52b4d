/**
 * Study-visit plan for a round: each city that submitted gets up to `visits` hosts that are strong
 * where it is weakest, in a similar context, not too far away, with a capacity per host — solved
 * jointly for the whole network (one host's capacity is shared by every visitor).
 *
 * @example
 * await roundStudyVisits(db, 3, { visits: 2, hostCapacity: 3, costPer1000km: 0.1, priorities: 3, minLead: 15 });
 */
import { planStudyVisits } from '../../../analytics/studyVisits';
import type { Access } from '../../auth/access';
import { cityInRound, visibleRoundData } from './city-round';
import { parseWeights } from './context-weights';
import { describe } from './meta';
import { performanceRows, submittedRows } from './performance-rows';
import type { RoundData } from './round-data';
import { similarityMatrix } from './similarity';

export interface StudyVisitQuery {
  visits: number;
  hostCapacity: number;
  costPer1000km: number;
  priorities: number;
  minLead: number;
  weights?: string;
}

export async function roundStudyVisits(access: Access, roundId: number, q: StudyVisitQuery) {
  return plan(await visibleRoundData(access, roundId, 'full'), q);
}

export async function cityStudyVisits(access: Access, cityId: number, q: StudyVisitQuery & { round?: number }) {
  const { data } = await cityInRound(access, cityId, q.round, 'full');
  const full = plan(data, q);
  return { ...full, cities: full.cities.filter((c) => c.cityId === cityId) };
}

function plan(data: RoundData, q: StudyVisitQuery) {
  const weights = parseWeights(q.weights, data.context.variables);
  const n = data.cities.length;
  const sim = similarityMatrix(data, weights);
  const { ids, labels, rows } = performanceRows(data, 'indicator');
  const active = submittedRows(data).filter((i) => data.cities[i].lat !== null && data.cities[i].lon !== null);
  const result = planStudyVisits(
    {
      indicatorIds: ids,
      scores: rows,
      similarity: (a, b) => sim[a * n + b],
      locations: data.cities.map((c) => ({ lat: c.lat ?? 0, lon: c.lon ?? 0 })),
      visitors: active,
      hosts: active,
    },
    { visitsPerCity: q.visits, hostCapacity: q.hostCapacity, costPer1000km: q.costPer1000km, priorityCount: q.priorities, minLead: q.minLead },
  );
  const label = new Map(ids.map((id, k) => [id, labels[k]]));
  const city = (i: number) => ({ cityId: data.cities[i].id, name: data.cities[i].name, countryCode: data.cities[i].countryCode, lat: data.cities[i].lat, lon: data.cities[i].lon });
  return {
    cities: result.cities.map((c) => ({
      ...city(c.city),
      visits: c.visits.map((v) => ({ host: city(v.host), indicator: v.indicator, theme: label.get(v.indicator) ?? v.indicator, need: v.need, strength: v.strength, similarity: v.similarity, distanceKm: Math.round(v.distanceKm), score: v.score })),
    })),
    totalScore: result.totalScore,
    hostLoad: Object.entries(result.hostLoad).map(([i, load]) => ({ ...city(Number(i)), visitors: load })),
    meta: describe(data, { space: 'performance', method: 'study visits: min-cost flow on need × strength × similarity − travel', parameters: { ...q } }),
  };
}
