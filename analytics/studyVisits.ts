/**
 * Study-visit planning: each city visits up to `visitsPerCity` different hosts that are strong
 * where the city most needs to improve, in a similar context, not too far away.
 *
 * Pair value for visitor c, host h, over c's priority indicators i (the best i is the theme):
 *   score = need/100 × strength/100 × similarity(c, h) − costPer1000km × km(c, h)/1000,
 *   need = 100 − score(c, i), strength = score(h, i).
 * Solved exactly as a min-cost flow (source → visitor cap visitsPerCity; visitor → host cap 1,
 * cost −score; host → sink cap hostCapacity), maximising the network's total score.
 */
import { haversineKm, type LatLon } from './geo';
import { minCostFlow, type FlowEdge } from './minCostFlow';

export interface StudyVisitInput {
  /** column ids of `scores` (indicators or areas) */
  indicatorIds: string[];
  /** scores[city][indicator], 0-100, NaN = missing */
  scores: number[][];
  /** context similarity sim(visitor, host) in [0, 1] */
  similarity: number[][] | ((visitor: number, host: number) => number);
  /** city locations, one per row of `scores` */
  locations: LatLon[];
  /** priority indicator ids per city; default: the city's `priorityCount` lowest-scored answered indicators */
  priorities?: string[][];
  /** cities that want visits; default all */
  visitors?: number[];
  /** cities that may host; default all */
  hosts?: number[];
}

export interface StudyVisitOptions {
  /** default 2 */
  visitsPerCity?: number;
  /** visiting cities a host can receive per period; default 3 */
  hostCapacity?: number;
  /** score lost per 1000 km of great-circle distance; default 0.1 */
  costPer1000km?: number;
  /** default 3 (used when priorities are not given) */
  priorityCount?: number;
  /** the host must score more than the visitor + minLead on the theme; default 0 */
  minLead?: number;
}

export interface Visit {
  host: number;
  indicator: string;
  need: number;
  strength: number;
  similarity: number;
  distanceKm: number;
  score: number;
}

export interface StudyVisitPlan {
  cities: { city: number; visits: Visit[] }[];
  totalScore: number;
  /** visiting cities per host (hosts with at least one) */
  hostLoad: Record<number, number>;
}

/**
 * Plans study visits for every visitor.
 * @example
 * planStudyVisits({ indicatorIds: ['k1'], scores: [[20], [90], [60]],
 *   similarity: [[1, 0.5, 1], [0.5, 1, 0.5], [1, 0.5, 1]],
 *   locations: [{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, { lat: 0, lon: 2 }] }, { visitsPerCity: 1 })
 * // city 0 → host 2 (0.8 × 0.6 × 1 − 0.1 × 0.222 = 0.458 beats 0.8 × 0.9 × 0.5 − 0.011 = 0.349)
 */
export function planStudyVisits(input: StudyVisitInput, options: StudyVisitOptions = {}): StudyVisitPlan {
  const { indicatorIds, scores, locations } = input;
  const n = scores.length;
  const visitsPerCity = options.visitsPerCity ?? 2;
  const hostCapacity = options.hostCapacity ?? 3;
  const costPer1000km = options.costPer1000km ?? 0.1;
  const priorityCount = options.priorityCount ?? 3;
  const minLead = options.minLead ?? 0;
  for (const [name, v] of [['visitsPerCity', visitsPerCity], ['hostCapacity', hostCapacity], ['priorityCount', priorityCount]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name}=${v} must be an integer >= 0`);
  }
  if (!(costPer1000km >= 0)) throw new Error(`costPer1000km=${costPer1000km} must be >= 0`);
  if (locations.length !== n) throw new Error(`locations has ${locations.length} entries; must equal cities=${n}`);
  scores.forEach((r, i) => {
    if (r.length !== indicatorIds.length) throw new Error(`scores row ${i} has ${r.length} values; must equal indicatorIds=${indicatorIds.length}`);
  });
  const column = new Map(indicatorIds.map((id, j) => [id, j]));
  if (input.priorities && input.priorities.length !== n) throw new Error(`priorities has ${input.priorities.length} entries; must equal cities=${n}`);
  const sim = (c: number, h: number) => {
    const v = typeof input.similarity === 'function' ? input.similarity(c, h) : input.similarity[c]?.[h];
    if (!(v !== undefined && v >= 0 && v <= 1)) throw new Error(`similarity(visitor ${c}, host ${h})=${v} must be within 0..1`);
    return v;
  };
  const cityList = (l: number[] | undefined, name: string) => {
    const out = l ?? scores.map((_, i) => i);
    for (const c of out) if (!Number.isInteger(c) || c < 0 || c >= n) throw new Error(`${name} city=${c} must be an index in 0..${n - 1}`);
    return [...new Set(out)];
  };
  const visitors = cityList(input.visitors, 'visitor');
  const hosts = cityList(input.hosts, 'host');

  const prioritiesOf = (c: number): number[] => {
    if (input.priorities) {
      return input.priorities[c].map((id) => {
        const j = column.get(id);
        if (j === undefined) throw new Error(`priority indicator "${id}" of city ${c} is not one of indicatorIds`);
        return j;
      });
    }
    return indicatorIds.map((_, j) => j).filter((j) => !Number.isNaN(scores[c][j]))
      .sort((a, b) => scores[c][a] - scores[c][b] || a - b).slice(0, priorityCount);
  };

  // best theme and score per (visitor, host)
  const candidates: Visit[][] = visitors.map((c) => {
    const pri = prioritiesOf(c);
    const out: Visit[] = [];
    for (const h of hosts) {
      if (h === c) continue;
      let best: Visit | null = null;
      const similarity = sim(c, h);
      const distanceKm = haversineKm(locations[c], locations[h]);
      for (const j of pri) {
        const own = scores[c][j], strength = scores[h][j];
        if (Number.isNaN(own) || Number.isNaN(strength) || !(strength - own > minLead)) continue;
        const need = 100 - own;
        const score = (need / 100) * (strength / 100) * similarity - (costPer1000km * distanceKm) / 1000;
        if (!best || score > best.score) best = { host: h, indicator: indicatorIds[j], need, strength, similarity, distanceKm, score };
      }
      if (best && best.score > 0) out.push(best);
    }
    return out;
  });

  const V = visitors.length;
  const hostIndex = new Map(hosts.map((h, k) => [h, k]));
  const edges: FlowEdge[] = [];
  const visitOf: Visit[] = [];
  const owner: number[] = [];
  visitors.forEach((_, v) => edges.push({ from: 0, to: 2 + v, capacity: visitsPerCity, cost: 0 }));
  hosts.forEach((_, k) => edges.push({ from: 2 + V + k, to: 1, capacity: hostCapacity, cost: 0 }));
  candidates.forEach((list, v) => list.forEach((visit) => {
    visitOf[edges.length] = visit;
    owner[edges.length] = v;
    edges.push({ from: 2 + v, to: 2 + V + hostIndex.get(visit.host)!, capacity: 1, cost: -visit.score });
  }));
  const res = minCostFlow({ nodes: 2 + V + hosts.length, edges, source: 0, sink: 1 }, { mode: 'minCost' });

  const cities = visitors.map((city) => ({ city, visits: [] as Visit[] }));
  const hostLoad: Record<number, number> = {};
  res.edgeFlow.forEach((f, e) => {
    if (f <= 0 || !visitOf[e]) return;
    cities[owner[e]].visits.push(visitOf[e]);
    hostLoad[visitOf[e].host] = (hostLoad[visitOf[e].host] ?? 0) + 1;
  });
  for (const c of cities) c.visits.sort((a, b) => b.score - a.score || a.host - b.host);
  return { cities, totalScore: -res.cost, hostLoad };
}
