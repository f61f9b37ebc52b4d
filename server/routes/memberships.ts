import { createRoute, z } from '@hono/zod-openapi';
import { MEMBERSHIP_STATUSES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { applyForMembership, getHistory, setFee, transitionMembership, updateMembership } from '../services/membership-workflow';
import { IdParam, IfMatch, IsoDate, json, jsonBody, withEtag } from './common';
import { Membership } from './networks';

const guarded = { 401: errorResponses[404], 403: { description: 'Not allowed', content: errorResponses[404].content } };
const History = z
  .object({
    events: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), effectiveOn: z.string(), reason: z.string().nullable(), createdAt: z.string() })),
    fees: z.array(z.object({ year: z.number().int(), amount: z.number(), currency: z.string(), paidOn: z.string().nullable() })),
  })
  .openapi('MembershipHistory');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

export const membershipRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{id}/applications',
      tags: ['networks'],
      summary: 'Apply for membership (a city editor for its city; the secretariat for any city)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ cityId: z.number().int().positive().optional() })) },
      responses: { 201: { ...json(Membership, 'The application'), ...withEtag }, ...writeErrorResponses, ...guarded },
    }),
    async (c) => {
      const m = await applyForMembership(c.get('access'), c.req.valid('param').id, c.req.valid('json').cityId);
      c.header('ETag', etag('membership', m.id, m.version));
      return c.json(m, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/memberships/{id}/transition',
      tags: ['networks'],
      summary: 'Accept, decline, suspend, reinstate or record leaving (with date and reason); 409 lists the allowed next states',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(z.strictObject({ to: z.enum(MEMBERSHIP_STATUSES), effectiveOn: IsoDate, reason: z.string().trim().max(2000).optional() })) },
      responses: { 200: { ...json(Membership, 'The membership after the change'), ...withEtag }, ...writeErrorResponses, ...guarded },
    }),
    async (c) => {
      const m = await transitionMembership(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', etag('membership', m.id, m.version));
      return c.json(m, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/memberships/{id}',
      tags: ['networks'],
      summary: 'Change contacts, charter signature date or annual fee',
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(
          z.strictObject({
            coordinatorName: z.string().trim().max(200).nullish(),
            coordinatorEmail: z.string().trim().email().max(320).nullish(),
            deputyName: z.string().trim().max(200).nullish(),
            deputyEmail: z.string().trim().email().max(320).nullish(),
            charterSignedOn: IsoDate.nullish(),
            annualFee: z.number().min(0).max(10_000_000).nullish(),
            feeCurrency: Currency.nullish(),
          }),
        ),
      },
      responses: { 200: { ...json(Membership, 'Updated'), ...withEtag }, ...writeErrorResponses, ...guarded },
    }),
    async (c) => {
      const m = await updateMembership(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', etag('membership', m.id, m.version));
      return c.json(m, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/memberships/{id}/history',
      tags: ['networks'],
      summary: 'Status changes and fees of a membership (secretariat and the city itself)',
      request: { params: IdParam },
      responses: { 200: json(History, 'History'), ...errorResponses, ...guarded },
    }),
    async (c) => c.json(await getHistory(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/memberships/{id}/fees/{year}',
      tags: ['networks'],
      summary: 'Set the annual fee of a year and when it was paid',
      request: {
        params: IdParam.extend({ year: z.coerce.number().int().min(1990).max(2100).openapi({ param: { name: 'year', in: 'path' } }) }),
        body: jsonBody(z.strictObject({ amount: z.number().min(0).max(10_000_000), currency: Currency, paidOn: IsoDate.nullable().default(null) })),
      },
      responses: { 200: json(History, 'History after the change'), ...writeErrorResponses, ...guarded },
    }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await setFee(c.get('access'), id, year, c.req.valid('json')), 200);
    },
  );
