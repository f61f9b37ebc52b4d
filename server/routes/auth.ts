import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema';
import { MAX_PASSWORD } from '../auth/passwords';
import { clearSessionCookie, writeSessionCookie } from '../auth/sessions';
import { errorResponses, writeErrorResponses } from '../errors';
import { createRouter } from '../router';
import { acceptInvite, createToken, deleteToken, listTokens, login, logout, me } from '../services/auth';
import { IdParam, json, jsonBody } from './common';

const Grant = z.object({ id: z.number().int(), role: z.enum(ROLES), networkId: z.number().int().nullable(), cityId: z.number().int().nullable() });
const User = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), locale: z.string(), demo: z.boolean(), grants: z.array(Grant), csrfToken: z.string().nullable() })
  .openapi('User', { description: 'The signed-in user; send `csrfToken` as X-CSRF-Token with every change made with the session cookie' });
const Me = z.object({ authenticated: z.boolean(), via: z.enum(['session', 'token']).optional(), user: User.nullable() }).openapi('Me');
const Token = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES),
    networkId: z.number().int().nullable(),
    cityId: z.number().int().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
const limited = { 429: { description: 'Too many failed sign-ins (Retry-After says when to retry)', content: errorResponses[422].content } };

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in with email and password (sets the session cookie)',
      request: { body: jsonBody(z.strictObject({ email: z.string().trim().email().max(320), password: z.string().min(1).max(MAX_PASSWORD * 4) })) },
      responses: { 200: json(User, 'Signed in'), 401: { description: 'Wrong email or password', content: errorResponses[422].content }, ...limited, 422: errorResponses[422] },
    }),
    async (c) => {
      const { session, me: user } = await login(c.get('access'), c.req.valid('json'), c.req.header('user-agent'));
      writeSessionCookie(c, session.secret);
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/auth/logout', tags: ['auth'], summary: 'Sign out (ends the session)', responses: { 204: { description: 'Signed out' } } }),
    async (c) => {
      await logout(c.get('access'));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/auth/me', tags: ['auth'], summary: 'Who is signed in, with roles and the CSRF token', responses: { 200: json(Me, 'The principal') } }),
    async (c) => c.json(await me(c.get('access')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/invitations/accept',
      tags: ['auth'],
      summary: 'Accept an invitation: choose a password, get the role, sign in',
      request: { body: jsonBody(z.strictObject({ token: z.string().min(10).max(200), name: z.string().trim().min(1).max(200), password: z.string().max(MAX_PASSWORD * 4) })) },
      responses: { 200: json(User, 'Signed in'), ...writeErrorResponses },
    }),
    async (c) => {
      const { session, me: user } = await acceptInvite(c.get('access'), c.req.valid('json'), c.req.header('user-agent'));
      writeSessionCookie(c, session.secret);
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/auth/tokens', tags: ['auth'], summary: 'My API tokens (never the secrets)', responses: { 200: json(z.object({ items: z.array(Token) }), 'Tokens'), 401: errorResponses[404] } }),
    async (c) => c.json({ items: await listTokens(c.get('access')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/tokens',
      tags: ['auth'],
      summary: 'Create an API token scoped to one of my roles (the secret is shown once)',
      request: {
        body: jsonBody(
          z.strictObject({
            name: z.string().trim().min(1).max(100),
            role: z.enum(ROLES),
            networkId: z.number().int().positive().nullable().default(null),
            cityId: z.number().int().positive().nullable().default(null),
            expiresInDays: z.number().int().min(1).max(365).default(90),
          }),
        ),
      },
      responses: { 201: json(Token.extend({ token: z.string().openapi({ description: 'Shown only now: send as `Authorization: Bearer <token>`' }) }), 'Created'), ...writeErrorResponses },
    }),
    async (c) => c.json(await createToken(c.get('access'), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/auth/tokens/{id}', tags: ['auth'], summary: 'Revoke one of my API tokens', request: { params: IdParam }, responses: { 204: { description: 'Revoked' }, ...errorResponses } }),
    async (c) => {
      await deleteToken(c.get('access'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
