/**
 * The peer-review stages in order, and which side writes each finding field in which stages
 * (mirrors the server's rules so the page offers only what will be accepted).
 *
 * @example
 * writableFields({ admin: false, host: false, reviewer: true }, 'desk_review') // ['peerScore', 'finding']
 */
import type { ReviewStage } from '../../lib/api';

export const STAGES: ReviewStage[] = ['planned', 'self_assessment', 'desk_review', 'visit', 'findings', 'recommendations', 'follow_up', 'completed', 'cancelled'];
export const NOTE_KINDS = ['desk_review', 'interview', 'focus_group', 'observation', 'other'] as const;

export type FindingField = 'selfScore' | 'peerScore' | 'finding' | 'recommendation';
const RULES: Record<FindingField, { by: 'host' | 'reviewer'; stages: ReviewStage[] }> = {
  selfScore: { by: 'host', stages: ['planned', 'self_assessment'] },
  peerScore: { by: 'reviewer', stages: ['desk_review', 'visit', 'findings'] },
  finding: { by: 'reviewer', stages: ['desk_review', 'visit', 'findings'] },
  recommendation: { by: 'reviewer', stages: ['findings', 'recommendations'] },
};

export function writableFields(roles: { admin: boolean; host: boolean; reviewer: boolean }, stage: ReviewStage): FindingField[] {
  return (Object.keys(RULES) as FindingField[]).filter((f) => RULES[f].stages.includes(stage) && (roles.admin || roles[RULES[f].by]));
}

export const isOpen = (stage: ReviewStage) => stage !== 'completed' && stage !== 'cancelled';

/** Who moves a review into each stage (the secretariat always may); mirrors the server. */
const MOVER: Record<ReviewStage, 'host' | 'reviewer' | 'admin'> = {
  planned: 'admin', self_assessment: 'host', desk_review: 'host', visit: 'reviewer', findings: 'reviewer', recommendations: 'reviewer', follow_up: 'reviewer', completed: 'admin', cancelled: 'admin',
};

export const canMove = (roles: { admin: boolean; host: boolean; reviewer: boolean }, to: ReviewStage) => roles.admin || (MOVER[to] !== 'admin' && roles[MOVER[to]]);
