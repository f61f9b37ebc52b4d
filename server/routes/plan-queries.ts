/**
 * Query parameters of the planners (peer-review teams, study visits), shared by the GET that
 * shows a plan and the POSTs that turn it into peer reviews or study-visit requests.
 *
 * @example
 * request: { params: IdParam, query: z.object(peerReviewPlanQuery()) }
 */
import { z } from '@hono/zod-openapi';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const Weights = { weights: z.string().max(2000).optional().openapi({ description: 'Context weights, e.g. `labour_market:2,population:0.5` (categories or variable codes, 0-100)', example: 'migrant_population:2' }) };

export function studyVisitQuery() {
  return {
    ...Weights,
    visits: int(1, 5).default(2),
    hostCapacity: int(1, 50).default(3),
    costPer1000km: num(0, 10).default(0.1),
    priorities: int(1, 20).default(3),
    minLead: num(0, 100).default(15),
  };
}

export function peerReviewPlanQuery() {
  return {
    ...Weights,
    hosts: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be city ids separated by commas')
      .transform((s) => [...new Set(s.split(',').map(Number))])
      .optional()
      .openapi({ description: 'Host city ids; default the 12 cities with the lowest overall score' }),
    reviewersPerHost: int(1, 10).default(3),
    maxReviews: int(1, 10).default(2),
    alpha: num(0, 1).default(0.5).openapi({ description: 'Weight of context similarity against reviewer strength' }),
    sharedLanguage: bool.default(false),
    weakFactors: int(1, 20).default(3),
    seed: int(0, 2 ** 31 - 1).default(1),
  };
}
