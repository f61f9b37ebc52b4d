/**
 * The round state machine: which status may follow which. Published is final.
 *
 * @example
 * ROUND_NEXT.closed; // ['open', 'validated']
 */
import type { ROUND_STATUSES } from '../../db/schema';

export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_NEXT: Record<RoundStatus, RoundStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'validated'],
  validated: ['closed', 'published'],
  published: [],
};
