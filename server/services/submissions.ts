/**
 * Submissions: read one with its answers, create one, write scores, submit. Every write checks
 * who asks (the city's editor or the network's secretariat), that the round is open, that the
 * submission is editable and the If-Match version, and lands in one transaction with its audit entry.
 *
 * @example
 * await writeScores(access, 7, '"submission-7-v3"', [{ indicatorId: 1, value: 3, evidenceText: 'Council minutes 2024-03-12' }]);
 */
import { cityMemberships, findCity } from '../../db/queries/cities';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { findRound } from '../../db/queries/rounds';
import { bumpSubmissionVersion, findSubmission, findSubmissionFor, upsertScores, type ScoreWrite } from '../../db/queries/submissions';
import { submissions } from '../../db/schema';
import type { Access } from '../auth/access';
import { citiesWithRole } from '../auth/principal';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { checkScoreValue } from './score-rules';

const EDITABLE = ['draft', 'returned'] as const;
const isEditable = (status: string) => (EDITABLE as readonly string[]).includes(status);

/** The submission and its round, or 404 when it does not exist or the principal may not see it. */
async function visibleSubmission(access: Access, id: number) {
  const sub = await findSubmission(access.db, id);
  const round = sub && (await findRound(access.db, sub.roundId))?.round;
  if (!sub || !round || !(await access.canSeeSubmission(sub, round))) throw notFound('submission', id);
  return { sub, round };
}

function toDto(sub: NonNullable<Awaited<ReturnType<typeof findSubmission>>>) {
  const { scores, ...rest } = sub;
  return {
    ...rest,
    scores: scores.map(({ submissionId: _s, evidence, ...score }) => ({ ...score, evidence: evidence.map(({ scoreId: _sc, position: _p, ...e }) => e) })),
  };
}

export async function getSubmission(access: Access, id: number) {
  return toDto((await visibleSubmission(access, id)).sub);
}

function requireOpen(round: { id: number; status: string }) {
  if (round.status !== 'open') throw conflict(`Round ${round.id} is ${round.status}; answers can only change while it is open`, { roundStatus: round.status });
}

/**
 * Starts a submission. The city comes from the principal: an editor's own city (the body may only
 * choose among the editor's cities); a secretariat admin names any member city.
 */
export async function createSubmission(access: Access, roundId: number, requestedCityId: number | undefined) {
  const row = await findRound(access.db, roundId);
  if (!row || (await access.roundView(row.round)) === 'none') throw notFound('round', roundId);
  const round = row.round;
  const cityId = chooseCity(access, round.networkId, requestedCityId);
  requireOpen(round);
  if (!(await findCity(access.db, cityId))) throw invalid([{ pointer: 'body.cityId', detail: `no city with id ${cityId}` }]);
  const member = (await cityMemberships(access.db, cityId)).some((m) => m.membership.networkId === round.networkId && m.membership.status === 'member');
  if (!member) throw conflict(`City ${cityId} is not a member of the round's network`);
  if (await findSubmissionFor(access.db, roundId, cityId)) throw conflict(`City ${cityId} already has a submission in round ${roundId}`);
  const id = await access.db.transaction(async (tx) => {
    const [created] = await tx.insert(submissions).values({ roundId, cityId }).returning({ id: submissions.id });
    await audit(tx, access, { action: 'submission.create', entityType: 'submission', entityId: created.id, networkId: round.networkId, cityId, newValue: { roundId, cityId } });
    return created.id;
  });
  return getSubmission(access, id);
}

function chooseCity(access: Access, networkId: number, requested: number | undefined): number {
  if (access.isAdmin(networkId)) {
    if (requested === undefined) throw invalid([{ pointer: 'body.cityId', detail: 'a secretariat must name the city' }]);
    return requested;
  }
  const own = citiesWithRole(access.principal, ['city_editor']);
  if (own.length === 0) access.deny('Only a city editor or the network secretariat can start a submission');
  if (requested !== undefined && !own.includes(requested)) access.deny(`You do not edit city ${requested}`);
  if (requested === undefined && own.length > 1) throw invalid([{ pointer: 'body.cityId', detail: `you edit several cities (${own.join(', ')}); name one` }]);
  return requested ?? own[0];
}

/** `ifMatch` is checked only after access, so a hidden submission answers 404, not 428. */
export async function writeScores(access: Access, id: number, ifMatch: string | undefined, writes: ScoreWrite[]) {
  const { sub, round } = await visibleSubmission(access, id);
  if (!access.canEditSubmission(sub, round)) access.deny(`You cannot edit submission ${id}`);
  const expected = expectedVersion(ifMatch, 'submission', id);
  requireOpen(round);
  if (!isEditable(sub.status)) throw conflict(`Submission ${id} is ${sub.status}; only draft or returned submissions can be edited`);
  const indicators = new Map((await frameworkIndicators(access.db, round.frameworkId)).map((i) => [i.id, i]));
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  writes.forEach((w, i) => {
    const indicator = indicators.get(w.indicatorId);
    if (!indicator) return errors.push({ pointer: `body.scores.${i}.indicatorId`, detail: `indicator ${w.indicatorId} is not part of this round's framework` });
    if (seen.has(w.indicatorId)) errors.push({ pointer: `body.scores.${i}.indicatorId`, detail: `indicator ${w.indicatorId} is given twice` });
    seen.add(w.indicatorId);
    const problem = checkScoreValue(indicator, w.value);
    if (problem) errors.push({ pointer: `body.scores.${i}.value`, detail: problem });
  });
  if (errors.length > 0) throw invalid(errors);
  if (sub.version !== expected) throw stale('submission', id);
  const before = new Map(sub.scores.map((s) => [s.indicatorId, { value: s.value, evidenceText: s.evidenceText, note: s.note }]));
  await access.db.transaction(async (tx) => {
    if (!(await bumpSubmissionVersion(tx, id, expected))) throw stale('submission', id);
    await upsertScores(tx, id, writes);
    await audit(tx, access, {
      action: 'scores.update',
      entityType: 'submission',
      entityId: id,
      networkId: round.networkId,
      cityId: sub.cityId,
      oldValue: { version: expected, scores: writes.map((w) => ({ indicatorId: w.indicatorId, ...(before.get(w.indicatorId) ?? { value: null }) })) },
      newValue: { version: expected + 1, scores: writes.map((w) => ({ indicatorId: w.indicatorId, value: w.value, evidenceText: w.evidenceText, note: w.note, evidence: w.evidence })) },
    });
  });
  return getSubmission(access, id);
}

export async function submitSubmission(access: Access, id: number, ifMatch: string | undefined) {
  const { sub, round } = await visibleSubmission(access, id);
  if (!access.canEditSubmission(sub, round)) access.deny(`You cannot submit submission ${id}`);
  const expected = expectedVersion(ifMatch, 'submission', id);
  requireOpen(round);
  if (!isEditable(sub.status)) throw conflict(`Submission ${id} is ${sub.status}; it can be submitted from draft or returned`, { allowedFrom: EDITABLE });
  await access.db.transaction(async (tx) => {
    if (!(await bumpSubmissionVersion(tx, id, expected, { status: 'submitted', submittedAt: new Date().toISOString() }))) throw stale('submission', id);
    await audit(tx, access, { action: 'submission.submit', entityType: 'submission', entityId: id, networkId: round.networkId, cityId: sub.cityId, oldValue: { status: sub.status, version: expected }, newValue: { status: 'submitted', version: expected + 1 } });
  });
  return getSubmission(access, id);
}
