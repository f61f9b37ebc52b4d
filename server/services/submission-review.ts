/**
 * The secretariat's review of submissions: return one to the city with comments (overall and per
 * indicator; the city edits and resubmits), or validate it. Returned submissions notify the
 * city's coordinator through the outbox.
 *
 * @example
 * await returnSubmission(access, mail, 7, '"submission-7-v4"', { comment: 'Please add evidence for KF03' });
 */
import { findCity } from '../../db/queries/cities';
import { findMembershipFor } from '../../db/queries/memberships';
import { appendOutbox } from '../../db/queries/outbox';
import { findRound } from '../../db/queries/rounds';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { bumpSubmissionVersion, clearReviewComments, findSubmission, setReviewComments } from '../../db/queries/submissions';
import type { Access } from '../auth/access';
import { conflict, invalid, notFound } from '../errors';
import { expectedVersion, stale } from '../etag';
import type { MailTransport } from '../mail';
import { audit } from './audit';
import { getSubmission } from './submissions';

async function reviewable(access: Access, id: number, ifMatch: string | undefined) {
  const sub = await findSubmission(access.db, id);
  const round = sub && (await findRound(access.db, sub.roundId))?.round;
  if (!sub || !round || !(await access.canSeeSubmission(sub, round))) throw notFound('submission', id);
  access.requireAdmin(round.networkId);
  const expected = expectedVersion(ifMatch, 'submission', id);
  if (sub.version !== expected) throw stale('submission', id);
  return { sub, round, expected };
}

export interface ReturnInput {
  comment: string;
  indicatorComments?: { indicatorId: number; comment: string }[];
}

export async function returnSubmission(access: Access, mail: MailTransport, id: number, ifMatch: string | undefined, input: ReturnInput) {
  const { sub, round, expected } = await reviewable(access, id, ifMatch);
  if (sub.status !== 'submitted') throw conflict(`Submission ${id} is ${sub.status}; only a submitted one can be returned`, { allowed: sub.status === 'validated' ? [] : ['submitted'] });
  if (round.status !== 'open') throw conflict(`Round ${round.id} is ${round.status}; reopen it so the city can edit the returned answers`, { roundStatus: round.status });
  const known = new Set((await frameworkIndicators(access.db, round.frameworkId)).map((i) => i.id));
  const bad = (input.indicatorComments ?? []).flatMap((c, i) => (known.has(c.indicatorId) ? [] : [{ pointer: `body.indicatorComments.${i}.indicatorId`, detail: `indicator ${c.indicatorId} is not part of this round's framework` }]));
  if (bad.length) throw invalid(bad);
  const city = await findCity(access.db, sub.cityId);
  const membership = await findMembershipFor(access.db, round.networkId, sub.cityId);
  const body = `${round.name}: the secretariat returned ${city?.name ?? 'your city'}'s self-assessment for changes.\n\n${input.comment}${(input.indicatorComments ?? []).map((c) => `\n- indicator ${c.indicatorId}: ${c.comment}`).join('')}`;
  await access.db.transaction(async (tx) => {
    if (!(await bumpSubmissionVersion(tx, id, expected, { status: 'returned', returnComment: input.comment }))) throw stale('submission', id);
    await setReviewComments(tx, id, input.indicatorComments ?? []);
    if (membership?.coordinatorEmail) await appendOutbox(tx, { kind: 'submission.returned', recipient: membership.coordinatorEmail, subject: `${round.name}: self-assessment returned`, body, networkId: round.networkId, cityId: sub.cityId });
    await audit(tx, access, { action: 'submission.return', entityType: 'submission', entityId: id, networkId: round.networkId, cityId: sub.cityId, oldValue: { status: sub.status, version: expected }, newValue: { status: 'returned', version: expected + 1, ...input } });
  });
  if (membership?.coordinatorEmail) await mail.send({ recipient: membership.coordinatorEmail, subject: `${round.name}: self-assessment returned`, body });
  return getSubmission(access, id);
}

export async function validateSubmission(access: Access, id: number, ifMatch: string | undefined) {
  const { sub, round, expected } = await reviewable(access, id, ifMatch);
  if (sub.status !== 'submitted') throw conflict(`Submission ${id} is ${sub.status}; only a submitted one can be validated`, { allowed: [] });
  if (round.status !== 'open' && round.status !== 'closed') throw conflict(`Round ${round.id} is ${round.status}; submissions are validated while it is open or closed`);
  await access.db.transaction(async (tx) => {
    if (!(await bumpSubmissionVersion(tx, id, expected, { status: 'validated', validatedAt: new Date().toISOString() }))) throw stale('submission', id);
    await clearReviewComments(tx, id);
    await audit(tx, access, { action: 'submission.validate', entityType: 'submission', entityId: id, networkId: round.networkId, cityId: sub.cityId, oldValue: { status: sub.status, version: expected }, newValue: { status: 'validated', version: expected + 1 } });
  });
  return getSubmission(access, id);
}
