/**
 * Rounds and their submission lists as API objects.
 *
 * @example
 * await getRounds(db, { networkId: 1 }); // newest first
 */
import type { Db } from '../../db/client';
import { findRound, listRounds, roundSubmissions } from '../../db/queries/rounds';
import { notFound } from '../errors';

type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;
const toRound = ({ round: { createdAt: _c, ...r }, frameworkName, frameworkVersion, submissionCount }: RoundRow) => ({
  ...r,
  frameworkName,
  frameworkVersion,
  submissionCount,
});

export async function getRounds(db: Db, filter: Parameters<typeof listRounds>[1]) {
  return (await listRounds(db, filter)).map(toRound);
}

export async function getRound(db: Db, id: number) {
  const row = await findRound(db, id);
  if (!row) throw notFound('round', id);
  return toRound(row);
}

export async function getRoundSubmissions(db: Db, roundId: number) {
  await getRound(db, roundId);
  return (await roundSubmissions(db, roundId)).map(({ submission: s, cityName, countryCode, answeredCount }) => ({
    id: s.id,
    roundId: s.roundId,
    cityId: s.cityId,
    cityName,
    countryCode,
    status: s.status,
    submittedAt: s.submittedAt,
    answeredCount,
    demo: s.demo,
    version: s.version,
  }));
}
