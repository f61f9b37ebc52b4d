/**
 * Comparable peers: the cities whose *context* is most like this city's, ranked by Gower
 * similarity, each with the variables that make them alike and the ones where they differ.
 * Performance never enters here.
 *
 * @example
 * await cityPeersJson(access, 12, { k: 7, otherCountries: true, stabilityRuns: 0, seed: 1 });
 */
import { explainPair, peerQuery, peerStability, row as rowOf } from '../../../analytics';
import type { Access } from '../../auth/access';
import { networkMemberCityIds } from '../../../db/queries/networks';
import { cachedJson, type JsonAnswer } from '../../cache/answers';
import { cityInRoundContext } from './city-round';
import { parseWeights } from './context-weights';
import { displayValue, nullable } from './decode';
import { describe } from './meta';
import type { RoundContext } from './round-data';
import { similarityOf } from './similarity';
import { sizeBand, type SizeBand } from './size-band';

export interface PeerQuery {
  round?: number;
  k: number;
  weights?: string;
  otherCountries: boolean;
  sizeBand?: SizeBand | 'same';
  network?: number;
  stabilityRuns: number;
  seed: number;
}

/**
 * The peers answer, serialised: computed once per city, round, query and context data version,
 * then served from memory (score edits never invalidate it; context, roster or round changes do).
 */
export async function cityPeersJson(access: Access, cityId: number, q: PeerQuery): Promise<JsonAnswer> {
  const { data, row } = await cityInRoundContext(access, cityId, q.round);
  const key = [data.round.id, cityId, q.k, q.weights ?? null, q.otherCountries, q.sizeBand ?? null, q.network ?? null, q.stabilityRuns, q.seed];
  return cachedJson(access.db, 'peers', key, data.version, () => peersOf(access, data, row, cityId, q));
}

async function peersOf(access: Access, data: RoundContext, row: number, cityId: number, q: PeerQuery) {
  const weights = parseWeights(q.weights, data.context.variables);
  const members = q.network === undefined ? undefined : new Set(await networkMemberCityIds(access.db, q.network));
  const candidates = candidateMask(data, row, q, members);
  const { neighbors, farthest, candidates: compared } = peerQuery(data.context.matrix, row, { k: q.k, metric: 'gower', specs: data.context.specs, weights, ranges: data.context.ranges, candidates });
  const names = data.context.variables.map((v) => v.code);
  const me = rowOf(data.context.matrix, row);
  const stability = q.stabilityRuns > 0 ? stabilityOf(data, row, q, weights) : undefined;
  const peers = neighbors.slice(0, q.k).map((nb) => {
    const other = rowOf(data.context.matrix, nb.index);
    const why = explainPair(me, other, data.context.specs, data.context.ranges, weights, names, 3);
    const city = data.cities[nb.index];
    return {
      cityId: city.id,
      name: city.name,
      countryCode: city.countryCode,
      population: city.population,
      similarity: similarityOf(nb.distance, farthest),
      distance: nb.distance,
      variablesUsed: nb.used,
      stability: stability?.get(nb.index) ?? null,
      similarities: why.similarities.map((c) => contribution(data, c)),
      differences: why.differences.map((c) => contribution(data, c)),
    };
  });
  return {
    city: { id: cityId, name: data.cities[row].name, countryCode: data.cities[row].countryCode, population: data.cities[row].population },
    peers,
    candidates: compared,
    weights: Object.fromEntries(data.context.variables.map((v, j) => [v.code, weights[j]])),
    meta: describe(data, {
      space: 'context',
      method: 'gower-nearest-neighbours',
      parameters: { k: q.k, weights: q.weights ?? null, otherCountries: q.otherCountries, sizeBand: q.sizeBand ?? null, network: q.network ?? null, stabilityRuns: q.stabilityRuns },
      seed: q.stabilityRuns > 0 ? q.seed : undefined,
    }),
  };
}

function candidateMask(data: RoundContext, row: number, q: PeerQuery, members: Set<number> | undefined): Uint8Array {
  const me = data.cities[row];
  const band = q.sizeBand === 'same' ? sizeBand(me.population) : q.sizeBand;
  const mask = new Uint8Array(data.cities.length);
  for (let i = 0; i < mask.length; i++) {
    const c = data.cities[i];
    mask[i] = i !== row && (!q.otherCountries || c.countryCode !== me.countryCode) && (!band || sizeBand(c.population) === band) && (!members || members.has(c.id)) ? 1 : 0;
  }
  return mask;
}

function stabilityOf(data: RoundContext, row: number, q: PeerQuery, weights: Float64Array) {
  const runs = peerStability(data.context.matrix, row, { k: q.k, runs: q.stabilityRuns, seed: q.seed, metric: 'gower', specs: data.context.specs, weights });
  return new Map(runs.map((r) => [r.index, r.stability]));
}

function contribution(data: RoundContext, c: { index: number; contribution: number; a: number; b: number }) {
  const v = data.context.variables[c.index];
  return { variable: v.code, name: v.name, category: v.category, unit: v.unit, contribution: nullable(c.contribution), city: displayValue(v, c.a), peer: displayValue(v, c.b) };
}
