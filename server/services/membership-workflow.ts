/**
 * Membership workflow: a city applies (or the secretariat enrols it), the secretariat accepts or
 * declines, suspends, reinstates or records that it left — each change an event with date and
 * reason, history never rewritten; plus contacts, charter date and fees per year.
 *
 * @example
 * await transitionMembership(access, 5, '"membership-5-v2"', { to: 'suspended', effectiveOn: '2025-01-01', reason: 'Fees unpaid' });
 */
import { findCity } from '../../db/queries/cities';
import { insertMembership, insertMembershipEvent, membershipHistory, setMembership, upsertFee, findMembershipFor } from '../../db/queries/memberships';
import { findMembership } from '../../db/queries/networks';
import type { MEMBERSHIP_STATUSES } from '../../db/schema';
import type { Access } from '../auth/access';
import { citiesWithRole } from '../auth/principal';
import { conflict, invalid, notFound } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { getMembership, getNetwork } from './networks';

type Status = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_NEXT: Record<Status, Status[]> = {
  applicant: ['member', 'declined'],
  member: ['suspended', 'left'],
  suspended: ['member', 'left'],
  left: ['member'],
  declined: ['member'],
};

const today = () => new Date().toISOString().slice(0, 10);

/** A city editor applies for its own city; a secretariat may enrol any city as an applicant. */
export async function applyForMembership(access: Access, networkId: number, requestedCityId: number | undefined) {
  await getNetwork(access.db, networkId);
  const own = citiesWithRole(access.principal, ['city_editor']);
  const admin = access.isAdmin(networkId);
  if (!admin && own.length === 0) access.deny('Only a city editor or the network secretariat can apply');
  const cityId = requestedCityId ?? (own.length === 1 ? own[0] : undefined);
  if (cityId === undefined) throw invalid([{ pointer: 'body.cityId', detail: admin ? 'name the city' : `you edit several cities (${own.join(', ')}); name one` }]);
  if (!admin && !own.includes(cityId)) access.deny(`You do not edit city ${cityId}`);
  if (!(await findCity(access.db, cityId))) throw invalid([{ pointer: 'body.cityId', detail: `no city with id ${cityId}` }]);
  const existing = await findMembershipFor(access.db, networkId, cityId);
  if (existing) throw conflict(`City ${cityId} already has a ${existing.status} membership (${existing.id}) in network ${networkId}`, { membershipId: existing.id, membershipStatus: existing.status });
  const id = await access.db.transaction(async (tx) => {
    const created = await insertMembership(tx, { networkId, cityId, status: 'applicant', appliedOn: today() });
    await insertMembershipEvent(tx, { membershipId: created.id, fromStatus: null, toStatus: 'applicant', effectiveOn: today(), reason: 'application', actorUserId: actorId(access) });
    await audit(tx, access, { action: 'membership.apply', entityType: 'membership', entityId: created.id, networkId, cityId, newValue: { status: 'applicant' } });
    return created.id;
  });
  return getMembership(access, id);
}

async function adminMembership(access: Access, id: number, ifMatch: string | undefined) {
  const row = await findMembership(access.db, id);
  if (!row) throw notFound('membership', id);
  access.requireAdmin(row.membership.networkId);
  const expected = expectedVersion(ifMatch, 'membership', id);
  if (row.membership.version !== expected) throw stale('membership', id);
  return { m: row.membership, expected };
}

export async function transitionMembership(access: Access, id: number, ifMatch: string | undefined, input: { to: Status; effectiveOn: string; reason?: string }) {
  const { m, expected } = await adminMembership(access, id, ifMatch);
  const allowed = MEMBERSHIP_NEXT[m.status];
  if (!allowed.includes(input.to)) throw conflict(`Membership ${id} cannot go from ${m.status} to ${input.to}`, { from: m.status, allowed });
  const set = { status: input.to, ...(input.to === 'member' && !m.joinedOn ? { joinedOn: input.effectiveOn } : {}), ...(input.to === 'left' ? { leftOn: input.effectiveOn } : {}), ...(input.to === 'member' && m.leftOn ? { leftOn: null } : {}) };
  await access.db.transaction(async (tx) => {
    if (!(await setMembership(tx, id, expected, set))) throw stale('membership', id);
    await insertMembershipEvent(tx, { membershipId: id, fromStatus: m.status, toStatus: input.to, effectiveOn: input.effectiveOn, reason: input.reason ?? null, actorUserId: actorId(access) });
    await audit(tx, access, { action: `membership.${input.to}`, entityType: 'membership', entityId: id, networkId: m.networkId, cityId: m.cityId, oldValue: { status: m.status, version: expected }, newValue: { ...set, version: expected + 1, reason: input.reason } });
  });
  return getMembership(access, id);
}

export interface MembershipPatch {
  coordinatorName?: string | null;
  coordinatorEmail?: string | null;
  deputyName?: string | null;
  deputyEmail?: string | null;
  charterSignedOn?: string | null;
  annualFee?: number | null;
  feeCurrency?: string | null;
}

export async function updateMembership(access: Access, id: number, ifMatch: string | undefined, patch: MembershipPatch) {
  const { m, expected } = await adminMembership(access, id, ifMatch);
  const old = Object.fromEntries(Object.keys(patch).map((k) => [k, m[k as keyof MembershipPatch]]));
  await access.db.transaction(async (tx) => {
    if (!(await setMembership(tx, id, expected, patch))) throw stale('membership', id);
    await audit(tx, access, { action: 'membership.update', entityType: 'membership', entityId: id, networkId: m.networkId, cityId: m.cityId, oldValue: old, newValue: patch });
  });
  return getMembership(access, id);
}

export async function setFee(access: Access, id: number, year: number, fee: { amount: number; currency: string; paidOn: string | null }) {
  const row = await findMembership(access.db, id);
  if (!row) throw notFound('membership', id);
  access.requireAdmin(row.membership.networkId);
  await access.db.transaction(async (tx) => {
    const old = await upsertFee(tx, id, year, fee);
    await audit(tx, access, { action: 'membership.fee', entityType: 'membership', entityId: id, networkId: row.membership.networkId, cityId: row.membership.cityId, oldValue: old, newValue: { year, ...fee } });
  });
  return getHistory(access, id);
}

/** Events and fees: for the secretariat, and for the city's own editors and viewers. */
export async function getHistory(access: Access, id: number) {
  const row = await findMembership(access.db, id);
  if (!row) throw notFound('membership', id);
  const own = citiesWithRole(access.principal, ['city_editor', 'city_viewer']).includes(row.membership.cityId);
  if (!own && !access.isAdmin(row.membership.networkId)) access.deny('Only the secretariat and the city itself see its membership history');
  const { events, fees } = await membershipHistory(access.db, id);
  return {
    events: events.map(({ fromStatus, toStatus, effectiveOn, reason, createdAt }) => ({ fromStatus, toStatus, effectiveOn, reason, createdAt })),
    fees: fees.map(({ year, amount, currency, paidOn }) => ({ year, amount, currency, paidOn })),
  };
}

const actorId = (access: Access) => (access.principal.kind === 'user' ? access.principal.userId : null);
