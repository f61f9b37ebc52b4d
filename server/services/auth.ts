/**
 * Sign-in, sign-out, API tokens, invitations and account disabling.
 * Failed logins are audited and rate-limited per account and per client address (100 an hour each),
 * counted from the audit log so the limit holds across server processes.
 *
 * @example
 * const session = await login(access, { email, password }, userAgent);
 */
import type { Db } from '../../db/client';
import {
  acceptInvitation, activeGrants, disableUser, findOpenInvitation, findUser, findUserByEmail, insertGrant, insertInvitation,
  networkInvitations, revokeToken, revokeUserSessions, setLastLogin, upsertUser, userTokens,
} from '../../db/queries/auth';
import { countRecent } from '../../db/queries/audit';
import { findCity } from '../../db/queries/cities';
import { appendOutbox } from '../../db/queries/outbox';
import { networkMemberCityIds } from '../../db/queries/networks';
import type { Access } from '../auth/access';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import type { Grant, Role } from '../auth/principal';
import { digest, randomSecret } from '../auth/secrets';
import { createSession, endSession } from '../auth/sessions';
import { issueToken } from '../auth/tokens';
import { conflict, invalid, notFound, ProblemError, tooMany } from '../errors';
import type { MailTransport } from '../mail';
import { audit } from './audit';
import { getNetwork } from './networks';

export const MAX_FAILURES_PER_HOUR = 100;
const HOUR = 3_600_000;
const INVITATION_DAYS = 14;

const wrongCredentials = () => new ProblemError(401, 'wrong-credentials', 'Sign-in failed', 'The email or password is wrong');

export async function login(access: Access, input: { email: string; password: string }, userAgent?: string) {
  const email = input.email.trim().toLowerCase();
  await checkLoginRate(access, email);
  const user = await findUserByEmail(access.db, email);
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!user || !ok || user.disabledAt) {
    await audit(access.db, access, { action: 'auth.login_failed', entityType: 'user', entityId: user?.id, actor: email, newValue: { reason: user?.disabledAt ? 'disabled' : 'credentials' } });
    throw wrongCredentials();
  }
  const session = await createSession(access.db, user.id, userAgent);
  const now = new Date().toISOString();
  await setLastLogin(access.db, user.id, now);
  await audit(access.db, access, { action: 'auth.login', entityType: 'user', entityId: user.id, actor: user.email });
  return { session, me: await describeUser(access.db, user.id, session.csrfToken) };
}

async function checkLoginRate(access: Access, email: string) {
  const since = new Date(Date.now() - HOUR).toISOString();
  for (const by of [{ actorLabel: email }, { clientAddress: access.origin.clientAddress }]) {
    const recent = await countRecent(access.db, 'auth.login_failed', since, by);
    if (recent.count >= MAX_FAILURES_PER_HOUR) {
      const retry = Math.max(1, Math.ceil((Date.parse(recent.oldest!) + HOUR - Date.now()) / 1000));
      throw tooMany(`Too many failed sign-ins ${'actorLabel' in by ? 'for this account' : 'from this address'}; try again later`, retry);
    }
  }
}

export async function logout(access: Access) {
  const p = access.principal;
  if (p.kind !== 'user' || !p.sessionHash) return;
  await endSession(access.db, p.sessionHash);
  await audit(access.db, access, { action: 'auth.logout', entityType: 'user', entityId: p.userId });
}

export async function describeUser(db: Db, userId: number, csrfToken?: string) {
  const user = (await findUser(db, userId))!;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, demo: user.demo, grants: await activeGrants(db, userId), csrfToken: csrfToken ?? null };
}

export async function me(access: Access) {
  const p = access.principal;
  if (p.kind !== 'user') return { authenticated: false as const, user: null };
  const user = await describeUser(access.db, p.userId, p.csrfToken);
  return { authenticated: true as const, via: p.via, user: p.via === 'token' ? { ...user, grants: p.grants.map((g, id) => ({ id, ...g })) } : user };
}

// ---------------------------------------------------------------- tokens

export async function listTokens(access: Access) {
  const p = access.requireUser();
  return (await userTokens(access.db, p.userId)).map(({ tokenHash: _h, userId: _u, ...t }) => t);
}

export async function createToken(access: Access, spec: Grant & { name: string; expiresInDays: number }) {
  const p = access.requireUser();
  if (p.via === 'token') access.deny('API tokens cannot create tokens; sign in');
  const held = p.grants.some((g) => g.role === spec.role && g.networkId === spec.networkId && g.cityId === spec.cityId);
  if (!held) throw invalid([{ pointer: 'body', detail: `you do not hold role ${spec.role} for network ${spec.networkId ?? '-'} / city ${spec.cityId ?? '-'}` }]);
  const { token, row } = await issueToken(access.db, p.userId, spec);
  await audit(access.db, access, { action: 'token.create', entityType: 'api_token', entityId: row.id, networkId: spec.networkId, cityId: spec.cityId, newValue: { name: spec.name, role: spec.role, expiresAt: row.expiresAt } });
  const { tokenHash: _h, userId: _u, ...shown } = row;
  return { ...shown, token };
}

export async function deleteToken(access: Access, id: number) {
  const p = access.requireUser();
  if (!(await revokeToken(access.db, p.userId, id, new Date().toISOString()))) throw notFound('token', id);
  await audit(access.db, access, { action: 'token.revoke', entityType: 'api_token', entityId: id });
}

// ---------------------------------------------------------------- invitations

export interface InvitationInput {
  email: string;
  role: Exclude<Role, 'researcher'> | 'researcher';
  cityId?: number;
}

export async function invite(access: Access, mail: MailTransport, networkId: number, input: InvitationInput, baseUrl: string) {
  await getNetwork(access.db, networkId);
  access.requireAdmin(networkId);
  const cityRole = input.role === 'city_editor' || input.role === 'city_viewer';
  if (cityRole !== (input.cityId !== undefined)) throw invalid([{ pointer: 'body.cityId', detail: cityRole ? 'a city role needs the city' : 'only city roles name a city' }]);
  if (input.cityId !== undefined && !(await networkMemberCityIds(access.db, networkId)).includes(input.cityId)) {
    throw invalid([{ pointer: 'body.cityId', detail: `city ${input.cityId} is not a member of network ${networkId}` }]);
  }
  const city = input.cityId === undefined ? undefined : await findCity(access.db, input.cityId);
  const secret = randomSecret();
  const link = `${baseUrl}/invite/${secret}`;
  const subject = `Invitation to CityPeers${city ? ` for ${city.name}` : ''}`;
  const body = `You have been invited to CityPeers as ${input.role.replace('_', ' ')}${city ? ` of ${city.name}` : ''}. Open ${link} within ${INVITATION_DAYS} days to choose your password.`;
  const invitation = await access.db.transaction(async (tx) => {
    const created = await insertInvitation(tx, {
      email: input.email.trim().toLowerCase(),
      role: input.role,
      networkId: input.role === 'researcher' ? null : networkId,
      cityId: input.cityId ?? null,
      tokenHash: digest(secret),
      invitedBy: access.requireUser().userId,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString(),
    });
    await appendOutbox(tx, { kind: 'invitation', recipient: created.email, subject, body, networkId, cityId: input.cityId ?? null });
    await audit(tx, access, { action: 'invitation.create', entityType: 'invitation', entityId: created.id, networkId, cityId: input.cityId, newValue: { email: created.email, role: created.role } });
    return created;
  });
  await mail.send({ recipient: invitation.email, subject, body });
  return toInvitation(invitation);
}

const toInvitation = ({ tokenHash: _t, ...i }: Awaited<ReturnType<typeof insertInvitation>>) => i;

export async function listInvitations(access: Access, networkId: number) {
  await getNetwork(access.db, networkId);
  access.requireAdmin(networkId);
  return (await networkInvitations(access.db, networkId)).map(toInvitation);
}

/** Accepts an invitation: sets the (new) account's password, adds the role, signs in. */
export async function acceptInvite(access: Access, input: { token: string; name: string; password: string }, userAgent?: string) {
  const invitation = await findOpenInvitation(access.db, digest(input.token), new Date().toISOString());
  if (!invitation) throw new ProblemError(404, 'not-found', 'Not found', 'This invitation link is unknown, used or expired');
  const problem = passwordProblem(input.password, invitation.email);
  if (problem) throw invalid([{ pointer: 'body.password', detail: problem }]);
  const existing = await findUserByEmail(access.db, invitation.email);
  if (existing?.disabledAt) throw conflict('This account is disabled');
  const passwordHash = await hashPassword(input.password);
  const userId = await access.db.transaction(async (tx) => {
    if (!(await acceptInvitation(tx, invitation.id, new Date().toISOString()))) throw conflict('This invitation was just used');
    const user = await upsertUser(tx, invitation.email, { name: input.name, passwordHash });
    await insertGrant(tx, { userId: user.id, role: invitation.role, networkId: invitation.networkId, cityId: invitation.cityId });
    await audit(tx, access, { action: 'invitation.accept', entityType: 'invitation', entityId: invitation.id, networkId: invitation.networkId, cityId: invitation.cityId, actor: invitation.email, newValue: { userId: user.id, role: invitation.role } });
    return user.id;
  });
  const session = await createSession(access.db, userId, userAgent);
  return { session, me: await describeUser(access.db, userId, session.csrfToken) };
}

/** Disables an account and ends its sessions: by an admin of a network where the account holds a role. */
export async function disableAccount(access: Access, userId: number) {
  const target = await findUser(access.db, userId);
  if (!target) throw notFound('user', userId);
  const networks = new Set((await activeGrants(access.db, userId)).map((g) => g.networkId).filter((n): n is number => n !== null));
  if (![...networks].some((n) => access.isAdmin(n))) access.deny('Only a secretariat of a network this account works in can disable it');
  const at = new Date().toISOString();
  await access.db.transaction(async (tx) => {
    await disableUser(tx, userId, at);
    await revokeUserSessions(tx, userId, at);
    await audit(tx, access, { action: 'user.disable', entityType: 'user', entityId: userId, oldValue: { disabledAt: target.disabledAt }, newValue: { disabledAt: at } });
  });
}
