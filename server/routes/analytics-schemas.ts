/** Response and query schemas of the analytics endpoints (chart-ready, with provenance in `meta`). */
import { z } from '@hono/zod-openapi';

export const Meta = z
  .object({
    round: z.object({ id: z.number().int(), name: z.string(), year: z.number().int(), status: z.string(), demo: z.boolean() }),
    dataVersion: z.string(),
    space: z.enum(['context', 'performance']),
    method: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    seed: z.number().nullable(),
    weightsVersion: z.string().nullable(),
    demo: z.boolean(),
    generatedBy: z.string(),
  })
  .openapi('AnalysisMeta', { description: 'Which data, method, parameters and seed produced the result' });

const CityRef = { cityId: z.number().int(), name: z.string(), countryCode: z.string() };
const Value = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const Contribution = z.object({ variable: z.string(), name: z.string(), category: z.string(), unit: z.string().nullable(), contribution: z.number().nullable(), city: Value, peer: Value });

export const PeersResponse = z
  .object({
    city: z.object({ id: z.number().int(), name: z.string(), countryCode: z.string(), population: z.number().nullable() }),
    peers: z.array(
      z.object({
        ...CityRef,
        population: z.number().nullable(),
        similarity: z.number(),
        distance: z.number(),
        variablesUsed: z.number().int(),
        stability: z.number().nullable(),
        similarities: z.array(Contribution),
        differences: z.array(Contribution),
      }),
    ),
    candidates: z.number().int(),
    weights: z.record(z.string(), z.number()),
    meta: Meta,
  })
  .openapi('Peers');

const Evidence = z.object({ text: z.string().nullable(), documents: z.array(z.object({ documentType: z.string(), title: z.string(), url: z.string().nullable() })) });

export const LearnFromResponse = z
  .object({
    city: z.object({ id: z.number().int(), name: z.string(), submitted: z.boolean() }),
    level: z.enum(['indicator', 'area']),
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        score: z.number(),
        teachers: z.array(z.object({ ...CityRef, similarity: z.number(), score: z.number(), lead: z.number(), rank: z.number(), evidence: Evidence.nullable() })),
      }),
    ),
    comparedWith: z.number().int(),
    meta: Meta,
  })
  .openapi('LearnFrom');

export const GapsResponse = z
  .object({
    city: z.object({ id: z.number().int(), name: z.string(), submitted: z.boolean() }),
    level: z.enum(['indicator', 'area']),
    peerGroup: z.array(z.object({ cityId: z.number().int(), name: z.string(), similarity: z.number() })),
    comparableCount: z.number().int(),
    networkCount: z.number().int(),
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        score: z.number().nullable(),
        peerMedian: z.number().nullable(),
        networkMedian: z.number().nullable(),
        gapToPeerMedian: z.number().nullable(),
        best: z.object({ cityId: z.number().int(), name: z.string(), score: z.number() }).nullable(),
        ahead: z.number().int(),
        quickWin: z.boolean(),
      }),
    ),
    meta: Meta,
  })
  .openapi('Gaps');

const Place = z.object({ ...CityRef, lat: z.number().nullable(), lon: z.number().nullable() });
export const StudyVisitsResponse = z
  .object({
    cities: z.array(
      Place.extend({
        visits: z.array(z.object({ host: Place, indicator: z.string(), theme: z.string(), need: z.number(), strength: z.number(), similarity: z.number(), distanceKm: z.number(), score: z.number() })),
      }),
    ),
    totalScore: z.number(),
    hostLoad: z.array(Place.extend({ visitors: z.number().int() })),
    meta: Meta,
  })
  .openapi('StudyVisitPlan');

export const PeerReviewPlanResponse = z
  .object({
    teams: z.array(z.object({ host: z.object(CityRef), score: z.number(), reviewers: z.array(z.object({ ...CityRef, score: z.number(), similarity: z.number(), strength: z.number() })) })),
    unassigned: z.array(z.object({ host: z.object(CityRef), reason: z.string() })),
    objective: z.number(),
    greedyObjective: z.number(),
    teamsFormed: z.number().int(),
    greedyTeamsFormed: z.number().int(),
    capacity: z.object({ slots: z.number().int(), needed: z.number().int() }),
    method: z.string(),
    meta: Meta,
  })
  .openapi('PeerReviewPlan');

const Column = z.object({ code: z.string(), name: z.string(), kind: z.string(), unit: z.string().nullable(), demoShare: z.number() });

export const ClustersResponse = z
  .object({
    k: z.number().int(),
    kChosenBy: z.enum(['silhouette', 'request']),
    kScores: z.array(z.object({ k: z.number().int(), silhouette: z.number().nullable() })).nullable(),
    silhouette: z.number().nullable(),
    assignments: z.array(z.object({ ...CityRef, cluster: z.number().int(), silhouette: z.number().nullable(), coAssignment: z.number().nullable() })),
    profiles: z.array(z.object({ cluster: z.number().int(), size: z.number().int(), means: z.array(z.number().nullable()) })),
    stability: z.object({ meanJaccard: z.number(), runs: z.number().int(), clusters: z.array(z.object({ cluster: z.number().int(), size: z.number().int(), meanJaccard: z.number() })) }).nullable(),
    dendrogram: z.object({ merges: z.array(z.object({ a: z.number().int(), b: z.number().int(), height: z.number(), size: z.number().int() })), root: z.unknown() }).nullable(),
    columns: z.array(Column),
    meta: Meta,
  })
  .openapi('Clusters');

export const ProjectionResponse = z
  .object({
    points: z.array(z.object({ ...CityRef, population: z.number().nullable(), x: z.number(), y: z.number() })),
    explainedVarianceRatio: z.array(z.number()),
    loadings: z.array(z.object({ code: z.string(), name: z.string(), pc1: z.number(), pc2: z.number() })),
    meta: Meta,
  })
  .openapi('Projection');

export const MatrixResponse = z
  .object({
    rows: z.array(z.object({ ...CityRef, population: z.number().nullable(), submitted: z.boolean() })),
    columns: z.array(Column.extend({ weight: z.number() })),
    values: z.array(z.array(z.number().nullable())),
    gowerRanges: z.array(z.number().nullable()).nullable(),
    model: z.unknown(),
    meta: Meta,
  })
  .openapi('RoundMatrix');
