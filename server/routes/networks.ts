import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { getMembership, getNetwork, getNetworks, getNetworkMemberships } from '../services/networks';
import { IdParam, json } from './common';

export const Network = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    website: z.string().nullable(),
    demo: z.boolean(),
    memberCount: z.number().int(),
    roundCount: z.number().int(),
  })
  .openapi('Network');

export const Membership = z
  .object({
    id: z.number().int(),
    networkId: z.number().int(),
    cityId: z.number().int(),
    cityName: z.string(),
    countryCode: z.string(),
    status: z.enum(['applicant', 'member', 'suspended', 'left', 'declined']),
    appliedOn: z.string().nullable(),
    joinedOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    charterSignedOn: z.string().nullable(),
    annualFee: z.number().nullable(),
    feeCurrency: z.string().nullable(),
    coordinatorName: z.string().nullable(),
    coordinatorEmail: z.string().nullable(),
    deputyName: z.string().nullable(),
    deputyEmail: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Membership');

export const networkRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks',
      tags: ['networks'],
      summary: 'All networks',
      responses: { 200: json(z.object({ items: z.array(Network) }), 'Networks') },
    }),
    async (c) => c.json({ items: await getNetworks(c.get('db')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{id}',
      tags: ['networks'],
      summary: 'One network',
      request: { params: IdParam },
      responses: { 200: json(Network, 'The network'), ...errorResponses },
    }),
    async (c) => c.json(await getNetwork(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{id}/memberships',
      tags: ['networks'],
      summary: "A network's memberships (every status), by city name",
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Membership) }), 'Memberships'), ...errorResponses },
    }),
    async (c) => c.json({ items: await getNetworkMemberships(c.get('access'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/memberships/{id}',
      tags: ['networks'],
      summary: 'One membership',
      request: { params: IdParam },
      responses: { 200: { ...json(Membership, 'The membership'), headers: z.object({ ETag: z.string() }) }, ...errorResponses },
    }),
    async (c) => {
      const m = await getMembership(c.get('access'), c.req.valid('param').id);
      c.header('ETag', etag('membership', m.id, m.version));
      return c.json(m, 200);
    },
  );
