import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { createRouter } from '../router';
import { roundClustersJson } from '../services/analytics/clusters';
import { cityGaps } from '../services/analytics/gaps';
import { cityLearnFrom } from '../services/analytics/learn-from';
import { roundPeerReviewPlan } from '../services/analytics/peer-review-plan';
import { cityPeersJson } from '../services/analytics/peers';
import { roundProjectionJson } from '../services/analytics/projection';
import { roundMatrixJson } from '../services/analytics/round-matrix';
import { SIZE_BANDS } from '../services/analytics/size-band';
import { cityStudyVisits, roundStudyVisits } from '../services/analytics/study-visits';
import { ClustersResponse, GapsResponse, LearnFromResponse, MatrixResponse, PeerReviewPlanResponse, PeersResponse, ProjectionResponse, StudyVisitsResponse } from './analytics-schemas';
import { IdParam, json, jsonText } from './common';
import { peerReviewPlanQuery, studyVisitQuery, Weights } from './plan-queries';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const RoundParam = { round: z.coerce.number().int().positive().optional().openapi({ description: 'Round id; default the newest round the city submitted to' }) };
const Space = z.enum(['context', 'performance']).default('context');
const Level = z.enum(['indicator', 'area']).default('indicator');
const failures = { ...errorResponses, 409: { description: 'Not enough data for this analysis', content: errorResponses[404].content } };

export const analyticsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/peers',
      tags: ['analytics'],
      summary: 'Comparable peers by context (Gower), with why they are similar',
      request: {
        params: IdParam,
        query: z.object({
          ...RoundParam,
          ...Weights,
          k: int(1, 100).default(7),
          otherCountries: bool.default(false),
          sizeBand: z.enum([...SIZE_BANDS, 'same']).optional().openapi({ description: 'S < 250k, M < 500k, L < 1M, XL ≥ 1M, or the city’s own band' }),
          network: z.coerce.number().int().positive().optional().openapi({ description: 'Only members of this network' }),
          stabilityRuns: int(0, 200).default(0).openapi({ description: 'Bootstrap runs for peer stability (0 = off)' }),
          seed: int(0, 2 ** 31 - 1).default(1),
        }),
      },
      responses: { 200: json(PeersResponse, 'Peers, most similar first'), ...failures },
    }),
    async (c) => jsonText(c, await cityPeersJson(c.get('access'), c.req.valid('param').id, c.req.valid('query'))),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/learn-from',
      tags: ['analytics'],
      summary: 'Cities with a similar context that score clearly higher on the city’s weakest items, with their evidence',
      request: {
        params: IdParam,
        query: z.object({ ...RoundParam, ...Weights, weak: int(1, 50).default(3), minLead: num(0, 100).default(15), minSimilarity: num(0, 1).default(0.5), teachers: int(1, 50).default(5), level: Level }),
      },
      responses: { 200: json(LearnFromResponse, 'Weak items with ranked teachers'), ...failures },
    }),
    async (c) => c.json(await cityLearnFrom(c.get('access'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/gaps',
      tags: ['analytics'],
      summary: 'Gap analysis against peer-group median, network median and best comparable city; quick wins',
      request: {
        params: IdParam,
        query: z.object({ ...RoundParam, ...Weights, peers: int(1, 100).default(7), minSimilarity: num(0, 1).default(0.5), level: Level, quickWinGap: num(0, 100).default(10), quickWinAhead: int(1, 1000).default(3) }),
      },
      responses: { 200: json(GapsResponse, 'Gaps per indicator or area'), ...failures },
    }),
    async (c) => c.json(await cityGaps(c.get('access'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/study-visits',
      tags: ['analytics'],
      summary: 'The city’s study visits in the network-wide plan',
      request: { params: IdParam, query: z.object({ ...RoundParam, ...studyVisitQuery() }) },
      responses: { 200: json(StudyVisitsResponse, 'Visits'), ...failures },
    }),
    async (c) => c.json(await cityStudyVisits(c.get('access'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/study-visits',
      tags: ['analytics'],
      summary: 'Study-visit plan for every city of a round (need × host strength × context similarity − travel, host capacity)',
      request: { params: IdParam, query: z.object(studyVisitQuery()) },
      responses: { 200: json(StudyVisitsResponse, 'The plan'), ...failures },
    }),
    async (c) => c.json(await roundStudyVisits(c.get('access'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/peer-review-plan',
      tags: ['analytics'],
      summary: 'Peer-review teams for host cities, with the objective against a greedy baseline',
      request: {
        params: IdParam,
        query: z.object(peerReviewPlanQuery()),
      },
      responses: { 200: json(PeerReviewPlanResponse, 'The plan'), ...failures },
    }),
    async (c) => c.json(await roundPeerReviewPlan(c.get('access'), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/clusters',
      tags: ['analytics'],
      summary: 'Clusters of the round’s cities (k-means, Ward with dendrogram, k-medoids on Gower)',
      request: {
        params: IdParam,
        query: z.object({
          space: Space,
          method: z.enum(['kmeans', 'ward', 'kmedoids']).default('kmeans'),
          k: int(2, 30).optional().openapi({ description: 'Default: chosen by silhouette over 2..kMax' }),
          kMax: int(2, 30).default(8),
          seed: int(0, 2 ** 31 - 1).default(1),
          stabilityRuns: int(0, 200).default(20),
        }),
      },
      responses: { 200: json(ClustersResponse, 'Clusters'), ...failures },
    }),
    async (c) => jsonText(c, await roundClustersJson(c.get('access'), c.req.valid('param').id, c.req.valid('query'))),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/projection',
      tags: ['analytics'],
      summary: 'PCA map (2 components) of the round’s cities',
      request: { params: IdParam, query: z.object({ space: Space }) },
      responses: { 200: json(ProjectionResponse, 'Points, explained variance, loadings'), ...failures },
    }),
    async (c) => jsonText(c, await roundProjectionJson(c.get('access'), c.req.valid('param').id, c.req.valid('query'))),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/matrix',
      tags: ['analytics'],
      summary: 'The round’s matrix (cities × variables), raw or normalised, with the fitted normaliser',
      request: { params: IdParam, query: z.object({ space: Space, method: z.enum(['none', 'minmax', 'zscore', 'robust', 'percentile']).default('none') }) },
      responses: { 200: json(MatrixResponse, 'The matrix; missing values are null'), ...failures },
    }),
    async (c) => jsonText(c, await roundMatrixJson(c.get('access'), c.req.valid('param').id, c.req.valid('query'))),
  );
