/**
 * Moving a peer review through the EUROCITIES stages: planned → self-assessment → desk review →
 * visit → findings → recommendations → follow-up → completed (or cancelled from any open stage).
 * The host's editors start and hand in the self-assessment, the reviewers' editors lead the
 * review stages, the secretariat may do every move, closes or cancels it, and may move a review
 * back one stage (a cancelled one back to where it was). Illegal moves answer 409 with the
 * allowed next stages; every move is audited old → new.
 *
 * @example
 * await moveStage(access, 4, '"peer-review-4-v2"', 'desk_review');
 */
import { hostsWithOpenReview, updatePeerReview } from '../../db/queries/peer-reviews';
import { stateBefore } from '../../db/queries/workflow-history';
import { PEER_REVIEW_STAGES } from '../../db/schema';
import type { Access } from '../auth/access';
import { conflict } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { STAGES, visibleReview, type Review, type ReviewRoles, type Stage } from './peer-review-access';
import { getPeerReview } from './peer-reviews';
import { requireTransition } from './workflow';

/** Who may move a review into each stage (the secretariat always may). */
const MOVER: Record<Stage, 'host' | 'reviewer' | 'admin'> = {
  planned: 'admin',
  self_assessment: 'host',
  desk_review: 'host',
  visit: 'reviewer',
  findings: 'reviewer',
  recommendations: 'reviewer',
  follow_up: 'reviewer',
  completed: 'admin',
  cancelled: 'admin',
};

const canMove = (roles: ReviewRoles, to: Stage) => roles.admin || (MOVER[to] !== 'admin' && roles[MOVER[to]]);

export async function moveStage(access: Access, id: number, ifMatch: string | undefined, to: Stage) {
  const { review, roles } = await visibleReview(access, id);
  if (!roles.admin && !roles.host && !roles.reviewer) access.deny(`Only the secretariat, the host or the reviewers can move peer review ${id}`);
  const expected = expectedVersion(ifMatch, 'peer-review', id);
  requireTransition('Peer review', id, STAGES, review.stage, to);
  if (!canMove(roles, to)) access.deny(`Moving peer review ${id} to ${to} is for ${MOVER[to] === 'admin' ? 'the secretariat' : `the ${MOVER[to]} city's editors or the secretariat`}`);
  await write(access, review, expected, to, 'peer_review.stage');
  return getPeerReview(access, id);
}

/** Secretariat only: back one stage; a cancelled review returns to the stage it was cancelled in. */
export async function revertStage(access: Access, id: number, ifMatch: string | undefined) {
  const { review, roles } = await visibleReview(access, id);
  if (!roles.admin) access.deny(`Only the secretariat can move peer review ${id} back`);
  const expected = expectedVersion(ifMatch, 'peer-review', id);
  const to = await previousStage(access, review);
  if (!to) throw conflict(`Peer review ${id} is ${review.stage}; there is no earlier stage to return to`, { current: review.stage, allowed: STAGES[review.stage] });
  if (review.stage === 'cancelled' && review.roundId !== null && (await hostsWithOpenReview(access.db, review.roundId, [review.hostCityId])).length > 0) {
    throw conflict(`City ${review.hostCityId} has another open peer review in round ${review.roundId}; cancel it before restoring this one`);
  }
  await write(access, review, expected, to, 'peer_review.revert');
  return getPeerReview(access, id);
}

async function previousStage(access: Access, review: Review): Promise<Stage | undefined> {
  if (review.stage === 'cancelled') {
    const before = await stateBefore(access.db, 'peer_review', review.id, 'stage', 'cancelled');
    return (PEER_REVIEW_STAGES as readonly string[]).includes(before ?? '') ? (before as Stage) : undefined;
  }
  const i = PEER_REVIEW_STAGES.indexOf(review.stage);
  return i > 0 ? PEER_REVIEW_STAGES[i - 1] : undefined;
}

async function write(access: Access, review: Review, expected: number, to: Stage, action: string) {
  if (review.version !== expected) throw stale('peer-review', review.id);
  await access.db.transaction(async (tx) => {
    if (!(await updatePeerReview(tx, review.id, expected, { stage: to }))) throw stale('peer-review', review.id);
    await audit(tx, access, { action, entityType: 'peer_review', entityId: review.id, networkId: review.networkId, cityId: review.hostCityId, oldValue: { stage: review.stage, version: expected }, newValue: { stage: to, version: expected + 1 } });
  });
}
