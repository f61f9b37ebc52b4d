/**
 * Which round a city-level analysis uses: the one asked for, else the newest round the city
 * submitted to, else the newest round of a network it belongs to.
 *
 * @example
 * const { data, row } = await cityInRound(db, 12, undefined);
 */
import type { Db } from '../../../db/client';
import { cityMemberships, findCity } from '../../../db/queries/cities';
import { citySubmissions, listRounds } from '../../../db/queries/rounds';
import { conflict, notFound } from '../../errors';
import { loadRoundData } from './round-data';

export async function cityInRound(db: Db, cityId: number, roundId: number | undefined) {
  if (!(await findCity(db, cityId))) throw notFound('city', cityId);
  const chosen = roundId ?? (await defaultRound(db, cityId));
  if (chosen === undefined) throw conflict(`City ${cityId} has no monitoring round to compare in`);
  const data = await loadRoundData(db, chosen);
  const row = data.rowOf.get(cityId);
  if (row === undefined) throw conflict(`City ${cityId} is neither a member of round ${chosen}'s network nor has a submission in it`);
  return { data, row };
}

async function defaultRound(db: Db, cityId: number): Promise<number | undefined> {
  const submitted = await citySubmissions(db, cityId);
  if (submitted.length > 0) return submitted[0].round.id;
  for (const m of await cityMemberships(db, cityId)) {
    const rounds = await listRounds(db, { networkId: m.membership.networkId });
    if (rounds.length > 0) return rounds[0].round.id;
  }
  return undefined;
}
