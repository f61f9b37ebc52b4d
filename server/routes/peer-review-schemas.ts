/** Request and response bodies of the peer-review routes. */
import { z } from '@hono/zod-openapi';
import { PEER_REVIEW_STAGES } from '../../db/schema';
import { IsoDate } from './common';

const Stage = z.enum(PEER_REVIEW_STAGES);
const MemberRole = z.enum(['reviewer', 'lead_expert', 'observer']);
const text = (max: number) => z.string().trim().min(1).max(max);

export const Finding = z
  .object({
    id: z.number().int(),
    peerReviewId: z.number().int(),
    indicatorId: z.number().int(),
    code: z.string(),
    statement: z.string(),
    finding: z.string(),
    recommendation: z.string(),
    selfScore: z.number().nullable().openapi({ description: "The host's self-assessed score" }),
    peerScore: z.number().nullable().openapi({ description: "The reviewers' peer-validated score, kept next to the self-score" }),
    version: z.number().int(),
  })
  .openapi('PeerReviewFinding');

const ReviewFields = {
  id: z.number().int(),
  networkId: z.number().int(),
  roundId: z.number().int().nullable(),
  hostCityId: z.number().int(),
  stage: Stage,
  origin: z.enum(['plan', 'manual']),
  leadExpertName: z.string().nullable(),
  leadExpertEmail: z.string().nullable(),
  visitStart: z.string().nullable(),
  visitEnd: z.string().nullable(),
  followUpReport: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextStages: z.array(Stage).openapi({ description: 'Stages the review may move to next (an admin may also move it back one stage)' }),
};

export const PeerReview = z
  .object({
    ...ReviewFields,
    members: z.array(z.object({ id: z.number().int(), peerReviewId: z.number().int(), cityId: z.number().int().nullable(), organisation: z.string().nullable(), personName: z.string().nullable(), role: MemberRole })),
    notes: z.array(
      z.object({
        id: z.number().int(),
        peerReviewId: z.number().int(),
        stage: Stage,
        kind: z.enum(['desk_review', 'interview', 'focus_group', 'observation', 'other']),
        heldOn: z.string().nullable(),
        text: z.string(),
        authorUserId: z.number().int().nullable(),
        createdAt: z.string(),
      }),
    ),
    findings: z.array(Finding),
  })
  .openapi('PeerReview');

export const PeerReviewSummary = z.object({ ...ReviewFields, hostName: z.string() }).openapi('PeerReviewSummary');

const OtherMember = z.strictObject({ organisation: text(200), personName: text(200).nullish(), role: MemberRole.default('reviewer') });
const Team = {
  hostCityId: z.number().int().positive(),
  reviewerCityIds: z.array(z.number().int().positive()).max(10),
  otherMembers: z.array(OtherMember).max(10).optional().openapi({ description: 'Members from NGOs or national agencies' }),
  leadExpertName: text(200).nullish(),
  leadExpertEmail: z.string().email().max(320).nullish(),
};

export const PeerReviewCreate = z.strictObject({ roundId: z.number().int().positive().openapi({ description: 'The round whose framework (key factors) the review checks' }), ...Team }).openapi('PeerReviewCreate');

export const FromPlanBody = z
  .strictObject({ teams: z.array(z.strictObject(Team)).min(1).max(100).optional().openapi({ description: 'Accepted or adjusted teams; default: the plan computed with the query parameters' }) })
  .openapi('PeerReviewsFromPlan');

export const PeerReviewEdit = z
  .strictObject({
    leadExpertName: text(200).nullish(),
    leadExpertEmail: z.string().email().max(320).nullish(),
    visitStart: IsoDate.nullish(),
    visitEnd: IsoDate.nullish(),
    followUpReport: z.string().max(50_000).nullish(),
    members: z
      .array(z.strictObject({ cityId: z.number().int().positive().nullish(), organisation: text(200).nullish(), personName: text(200).nullish(), role: MemberRole }))
      .max(20)
      .optional()
      .openapi({ description: 'Replaces the team (secretariat only)' }),
  })
  .openapi('PeerReviewEdit');

export const StageMove = z.strictObject({ stage: Stage }).openapi('PeerReviewStageMove');

export const NoteCreate = z
  .strictObject({ kind: z.enum(['desk_review', 'interview', 'focus_group', 'observation', 'other']), heldOn: IsoDate.nullish(), text: text(20_000) })
  .openapi('PeerReviewNoteCreate');

export const FindingEdit = z
  .strictObject({
    selfScore: z.number().nullable().optional(),
    peerScore: z.number().nullable().optional(),
    finding: z.string().max(20_000).optional(),
    recommendation: z.string().max(20_000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'send at least one field')
  .openapi('PeerReviewFindingEdit');
