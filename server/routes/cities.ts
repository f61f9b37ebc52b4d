import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, writeErrorResponses } from '../errors';
import { createRouter } from '../router';
import { getCity, getCityContext, listCityPage } from '../services/cities';
import { writeContextValues } from '../services/context-values';
import { IdParam, Iso2, json, jsonBody } from './common';
import { ContextValue } from './context';

const CitySummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    localName: z.string().nullable(),
    countryCode: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    population: z.number().int().nullable(),
    populationYear: z.number().int().nullable(),
    eurostatCode: z.string().nullable(),
    membershipStatus: z.string().nullable(),
  })
  .openapi('CitySummary');

const CityQuery = z.object({
  network: z.coerce.number().int().positive().optional().openapi({ description: 'Only cities with a membership in this network' }),
  status: z.enum(['applicant', 'member', 'suspended', 'left', 'declined']).optional().openapi({ description: 'Membership status (with `network`)' }),
  country: Iso2.optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Part of the name' }),
  minPopulation: z.coerce.number().int().min(0).optional(),
  maxPopulation: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['name', '-name', 'population', '-population', 'country']).default('name'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const CityDetail = CitySummary.omit({ membershipStatus: true })
  .extend({
    populationSource: z.string().nullable(),
    wikidataId: z.string().nullable(),
    geonamesId: z.number().int().nullable(),
    languages: z.array(z.string()),
    memberships: z.array(
      z.object({ id: z.number().int(), networkId: z.number().int(), networkName: z.string(), status: z.string(), joinedOn: z.string().nullable(), charterSignedOn: z.string().nullable() }),
    ),
    contextValues: z.array(ContextValue),
    submissions: z.array(
      z.object({
        id: z.number().int(),
        roundId: z.number().int(),
        roundName: z.string(),
        year: z.number().int(),
        frameworkName: z.string(),
        status: z.string(),
        answeredCount: z.number().int(),
        demo: z.boolean(),
      }),
    ),
  })
  .openapi('CityDetail');

const ContextWrite = z
  .strictObject({
    values: z
      .array(
        z.strictObject({
          variable: z.string().min(1).openapi({ description: 'Context variable code', example: 'unemployment_rate' }),
          year: z.number().int().min(1990).max(2100),
          value: z.union([z.number(), z.string(), z.boolean(), z.null()]).openapi({ description: 'null removes the value for that year' }),
          source: z.string().trim().min(1).max(500),
          sourceUrl: z.string().url().max(2000).nullish(),
          note: z.string().max(2000).nullish(),
        }),
      )
      .min(1)
      .max(500),
  })
  .openapi('ContextValuesWrite');

export const cityRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities',
      tags: ['cities'],
      summary: 'Cities, filtered and paged',
      request: { query: CityQuery },
      responses: {
        200: json(z.object({ items: z.array(CitySummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), 'A page of cities'),
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await listCityPage(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}',
      tags: ['cities'],
      summary: 'One city with memberships, context values and submissions',
      request: { params: IdParam },
      responses: { 200: json(CityDetail, 'The city'), ...errorResponses },
    }),
    async (c) => c.json(await getCity(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities/{id}/context-values',
      tags: ['cities'],
      summary: "A city's context values, every variable and year",
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(ContextValue) }), 'Context values'), ...errorResponses },
    }),
    async (c) => c.json({ items: await getCityContext(c.get('db'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/cities/{id}/context-values',
      tags: ['cities'],
      summary: 'Set context values (all or nothing)',
      description: 'Each value is checked against its variable (type, levels, range). One bad value rejects the whole request.',
      request: { params: IdParam, body: jsonBody(ContextWrite) },
      responses: { 200: json(z.object({ items: z.array(ContextValue) }), 'The city’s context values after the write'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await writeContextValues(c.get('access'), id, c.req.valid('json').values);
      return c.json({ items: await getCityContext(c.get('db'), id) }, 200);
    },
  );
