/**
 * Who takes part in a peer review and what they may see: the network's secretariat (everything),
 * the host city's and reviewer cities' people (read), their editors (act in their part of the
 * method). Anyone else gets 404, so a review's existence does not leak.
 *
 * @example
 * const { review, roles } = await visibleReview(access, 4); // roles.host: the caller edits the host city
 */
import { findPeerReview } from '../../db/queries/peer-reviews';
import { PEER_REVIEW_STAGES } from '../../db/schema';
import type { Access } from '../auth/access';
import { canEditCity, canViewCity } from '../auth/principal';
import { notFound } from '../errors';
import type { Machine } from './workflow';

export type Stage = (typeof PEER_REVIEW_STAGES)[number];
export type Review = NonNullable<Awaited<ReturnType<typeof findPeerReview>>>;

/** Forward moves; an admin may also move back one stage (`revert`). */
export const STAGES: Machine<Stage> = {
  planned: ['self_assessment', 'cancelled'],
  self_assessment: ['desk_review', 'cancelled'],
  desk_review: ['visit', 'cancelled'],
  visit: ['findings', 'cancelled'],
  findings: ['recommendations', 'cancelled'],
  recommendations: ['follow_up', 'cancelled'],
  follow_up: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const isClosed = (stage: Stage) => stage === 'completed' || stage === 'cancelled';

export interface ReviewRoles {
  admin: boolean;
  /** Edits the host city. */
  host: boolean;
  /** Edits one of the reviewer cities. */
  reviewer: boolean;
}

export function reviewRoles(access: Access, review: Pick<Review, 'networkId' | 'hostCityId' | 'members'>): ReviewRoles {
  const p = access.principal;
  return {
    admin: access.isAdmin(review.networkId),
    host: canEditCity(p, review.hostCityId),
    reviewer: review.members.some((m) => m.cityId !== null && canEditCity(p, m.cityId)),
  };
}

export async function visibleReview(access: Access, id: number) {
  const review = await findPeerReview(access.db, id);
  if (!review) throw notFound('peer review', id);
  const roles = reviewRoles(access, review);
  const p = access.principal;
  const sees = roles.admin || canViewCity(p, review.hostCityId) || review.members.some((m) => m.cityId !== null && canViewCity(p, m.cityId));
  if (!sees) throw notFound('peer review', id);
  return { review, roles };
}

export function toReviewDto(review: Review) {
  return { ...review, nextStages: [...STAGES[review.stage]] };
}
