import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { createRouter } from '../router';
import { getFramework, getFrameworks } from '../services/frameworks';
import { IdParam, json } from './common';

const Level = z.object({ value: z.number(), label: z.string() });

export const Indicator = z
  .object({
    id: z.number().int(),
    areaId: z.number().int(),
    code: z.string(),
    position: z.number().int(),
    statement: z.string(),
    guidingQuestions: z.array(z.string()),
    scale: z.enum(['ordinal', 'yes_no', 'percentage', 'number']),
    levels: z.array(Level),
    minValue: z.number().nullable(),
    maxValue: z.number().nullable(),
    unit: z.string().nullable(),
    direction: z.enum(['higher_better', 'lower_better']),
    weight: z.number(),
  })
  .openapi('Indicator');

const FrameworkSummary = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    version: z.string(),
    name: z.string(),
    description: z.string(),
    source: z.string().nullable(),
    ownerNetworkId: z.number().int().nullable(),
    status: z.enum(['draft', 'active', 'retired']),
    areaCount: z.number().int(),
    indicatorCount: z.number().int(),
  })
  .openapi('FrameworkSummary');

const FrameworkDetail = FrameworkSummary.omit({ areaCount: true, indicatorCount: true })
  .extend({
    areas: z.array(
      z.object({ id: z.number().int(), code: z.string(), position: z.number().int(), name: z.string(), description: z.string(), weight: z.number(), indicators: z.array(Indicator) }),
    ),
    weightSets: z.array(
      z.object({
        id: z.number().int(),
        version: z.string(),
        description: z.string(),
        indicatorWeights: z.record(z.string(), z.number()),
        areaWeights: z.record(z.string(), z.number()),
        minAnsweredShare: z.number(),
      }),
    ),
  })
  .openapi('Framework');

export const frameworkRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/frameworks',
      tags: ['frameworks'],
      summary: 'Benchmark frameworks (every version)',
      responses: { 200: json(z.object({ items: z.array(FrameworkSummary) }), 'Frameworks') },
    }),
    async (c) => c.json({ items: await getFrameworks(c.get('db')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/frameworks/{id}',
      tags: ['frameworks'],
      summary: 'One framework with its areas, indicators and weight sets',
      request: { params: IdParam },
      responses: { 200: json(FrameworkDetail, 'The framework'), ...errorResponses },
    }),
    async (c) => c.json(await getFramework(c.get('db'), c.req.valid('param').id), 200),
  );
