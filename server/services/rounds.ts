/**
 * Rounds and their submission lists as API objects.
 *
 * @example
 * await getRounds(db, { networkId: 1 }); // newest first
 */
import { findRound, listRounds, roundSubmissions } from '../../db/queries/rounds';
import type { Access, RoundView } from '../auth/access';
import { canViewCity } from '../auth/principal';
import { notFound } from '../errors';
import { ROUND_NEXT } from './round-states';

type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;
/** `allowedTransitions` are the next states the caller may choose (only a secretariat may). */
const toRound = (access: Access) => ({ round: { createdAt: _c, ...r }, frameworkName, frameworkVersion, submissionCount }: RoundRow) => ({
  ...r,
  frameworkName,
  frameworkVersion,
  submissionCount,
  allowedTransitions: access.isAdmin(r.networkId) ? ROUND_NEXT[r.status] : [],
});

/** Rounds the principal may know of. */
export async function getRounds(access: Access, filter: Parameters<typeof listRounds>[1]) {
  const rows = await listRounds(access.db, filter);
  const views = await Promise.all(rows.map((r) => access.roundView(r.round)));
  return rows.filter((_, i) => views[i] !== 'none').map(toRound(access));
}

/** One round, 404 when the principal may not know of it (or sees less than `need`). */
export async function getRound(access: Access, id: number, need: Exclude<RoundView, 'none'> = 'meta') {
  const row = await findRound(access.db, id);
  if (!row) throw notFound('round', id);
  const view = await access.roundView(row.round);
  if (view === 'none' || (need === 'full' && view !== 'full')) throw notFound('round', id);
  return toRound(access)(row);
}

/** Every submission when the round is fully visible; otherwise only the principal's own cities'. */
export async function getRoundSubmissions(access: Access, roundId: number) {
  const round = await getRound(access, roundId);
  const full = (await access.roundView(round)) === 'full';
  const rows = (await roundSubmissions(access.db, roundId)).filter((r) => full || canViewCity(access.principal, r.submission.cityId));
  return rows.map(({ submission: s, cityName, countryCode, answeredCount }) => ({
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
