import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { createRouter } from '../router';
import { getAudit } from '../services/audit-log';
import { disableAccount, invite, listInvitations } from '../services/auth';
import { getOutbox } from '../services/outbox';
import { IdParam, IsoDate, json, jsonBody } from './common';

const Invitation = z
  .object({
    id: z.number().int(),
    email: z.string(),
    role: z.enum(ROLES),
    networkId: z.number().int().nullable(),
    cityId: z.number().int().nullable(),
    invitedBy: z.number().int().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Invitation');
const OutboxMessage = z
  .object({ id: z.number().int(), kind: z.string(), recipient: z.string(), subject: z.string(), body: z.string(), networkId: z.number().int().nullable(), cityId: z.number().int().nullable(), createdAt: z.string(), sentAt: z.string().nullable() })
  .openapi('OutboxMessage');
const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorUserId: z.number().int().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    networkId: z.number().int().nullable(),
    cityId: z.number().int().nullable(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
    clientAddress: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');
const forbidden = { 401: errorResponses[404], 403: { description: 'Not the secretariat of this network', content: errorResponses[404].content } };

export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{id}/invitations',
      tags: ['secretariat'],
      summary: 'Invite a city coordinator (or admin/researcher); the link goes to the outbox',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ email: z.string().trim().email().max(320), role: z.enum(ROLES), cityId: z.number().int().positive().optional() })),
      },
      responses: { 201: json(Invitation, 'Invited'), ...writeErrorResponses, ...forbidden },
    }),
    async (c) => c.json(await invite(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('json'), new URL(c.req.url).origin), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{id}/invitations',
      tags: ['secretariat'],
      summary: 'Invitations of a network',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Invitation) }), 'Invitations'), ...errorResponses, ...forbidden },
    }),
    async (c) => c.json({ items: await listInvitations(c.get('access'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{id}/outbox',
      tags: ['secretariat'],
      summary: 'Messages waiting for a mail transport (invitations, reminders)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(OutboxMessage) }), 'Newest first'), ...errorResponses, ...forbidden },
    }),
    async (c) => c.json({ items: await getOutbox(c.get('access'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['secretariat'],
      summary: 'The audit log of the networks I administer, newest first, with filters',
      request: {
        query: z.object({
          network: z.coerce.number().int().positive().optional(),
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          city: z.coerce.number().int().positive().optional(),
          actor: z.string().max(320).optional(),
          from: IsoDate.or(z.string().datetime()).optional(),
          to: IsoDate.or(z.string().datetime()).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(AuditEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), 'Entries'), 422: errorResponses[422], ...forbidden },
    }),
    async (c) => c.json(await getAudit(c.get('access'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/disable',
      tags: ['secretariat'],
      summary: 'Disable an account (its sessions end, its tokens stop working)',
      request: { params: IdParam },
      responses: { 204: { description: 'Disabled' }, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      await disableAccount(c.get('access'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
