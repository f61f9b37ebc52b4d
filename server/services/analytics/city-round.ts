/**
 * Which round an analysis uses, checked against what the principal may see: the one asked for,
 * else the newest visible round the city submitted to, else the newest visible round of a network
 * it belongs to. `need: 'full'` (other cities' scores) is stricter than `'meta'` (context only).
 *
 * @example
 * const { data, row } = await cityInRound(access, 12, undefined, 'full');
 */
import { allCityIds, cityMemberships } from '../../../db/queries/cities';
import { citySubmissions, listRounds } from '../../../db/queries/rounds';
import type { Access, RoundView } from '../../auth/access';
import { perDatabase, VersionedCache } from '../../cache/versioned-cache';
import { conflict, notFound } from '../../errors';
import { loadRoundContext, loadRoundData, type RoundContext, type RoundData } from './round-data';
import type { Space } from './spaces';

type Need = Exclude<RoundView, 'none'>;

/** A round's context data after checking the principal may see the round at the level needed (404 otherwise). */
export async function visibleRoundContext(access: Access, roundId: number, need: Need): Promise<RoundContext> {
  const data = await loadRoundContext(access.db, roundId, await access.versions());
  const view = await access.roundView(data.round);
  if (view === 'none' || (need === 'full' && view !== 'full')) throw notFound('round', roundId);
  return data;
}

/** A round's data (context and scores) after the same check. */
export async function visibleRoundData(access: Access, roundId: number, need: Need): Promise<RoundData> {
  await visibleRoundContext(access, roundId, need);
  return loadRoundData(access.db, roundId, await access.versions());
}

/** Scores are needed only for the performance space. */
export function visibleSpaceData(access: Access, roundId: number, space: Space): Promise<RoundContext | RoundData> {
  return space === 'context' ? visibleRoundContext(access, roundId, 'meta') : visibleRoundData(access, roundId, 'full');
}

export async function cityInRound(access: Access, cityId: number, roundId: number | undefined, need: Need) {
  return cityIn(access, cityId, roundId, need, (id) => visibleRoundData(access, id, need));
}

/** The same for context-only analyses (peers): answers are not loaded, so score edits do not slow it. */
export async function cityInRoundContext(access: Access, cityId: number, roundId: number | undefined) {
  return cityIn(access, cityId, roundId, 'meta', (id) => visibleRoundContext(access, id, 'meta'));
}

const cityIds = perDatabase(() => new VersionedCache<Set<number>>({ maxEntries: 1 }));

async function cityIn<T extends RoundContext>(access: Access, cityId: number, roundId: number | undefined, need: Need, load: (roundId: number) => Promise<T>) {
  const known = await cityIds(access.db).get('all', String((await access.versions()).context), async () => new Set(await allCityIds(access.db)));
  if (!known.has(cityId)) throw notFound('city', cityId);
  const chosen = roundId ?? (await defaultRound(access, cityId, need));
  if (chosen === undefined) throw conflict(`City ${cityId} has no monitoring round you can compare in`);
  const data = await load(chosen);
  const row = data.rowOf.get(cityId);
  if (row === undefined) throw conflict(`City ${cityId} is neither a member of round ${chosen}'s network nor has a submission in it`);
  return { data, row };
}

async function defaultRound(access: Access, cityId: number, need: Need): Promise<number | undefined> {
  const ok = async (round: { networkId: number; status: string }) => {
    const view = await access.roundView(round);
    return view === 'full' || (need === 'meta' && view === 'meta');
  };
  for (const s of await citySubmissions(access.db, cityId)) if (await ok(s.round)) return s.round.id;
  for (const m of await cityMemberships(access.db, cityId)) {
    for (const r of await listRounds(access.db, { networkId: m.membership.networkId })) if (await ok(r.round)) return r.round.id;
  }
  return undefined;
}
