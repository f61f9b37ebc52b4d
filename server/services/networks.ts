/**
 * Networks and memberships as API objects. Fees and contacts are the secretariat's business:
 * only an admin of the network sees them; everyone else gets null there.
 *
 * @example
 * await getNetwork(db, 1); // { id: 1, slug: 'demo-integrating-cities', memberCount: 146, ... }
 */
import type { Db } from '../../db/client';
import { findMembership, findNetwork, listNetworks, networkMemberships } from '../../db/queries/networks';
import type { Access } from '../auth/access';
import { notFound } from '../errors';

type NetworkRow = NonNullable<Awaited<ReturnType<typeof findNetwork>>>;
const toNetwork = ({ network: { createdAt: _c, ...n }, memberCount, roundCount }: NetworkRow) => ({ ...n, memberCount, roundCount });

export async function getNetworks(db: Db) {
  return (await listNetworks(db)).map(toNetwork);
}

export async function getNetwork(db: Db, id: number) {
  const row = await findNetwork(db, id);
  if (!row) throw notFound('network', id);
  return toNetwork(row);
}

type MembershipRow = { membership: Awaited<ReturnType<typeof networkMemberships>>[number]['membership']; cityName: string; countryCode: string };
const PRIVATE = { annualFee: null, feeCurrency: null, coordinatorName: null, coordinatorEmail: null, deputyName: null, deputyEmail: null };

function toMembership(access: Access, { membership: { createdAt: _c, updatedAt: _u, ...m }, cityName, countryCode }: MembershipRow) {
  return { ...m, ...(access.isAdmin(m.networkId) ? {} : PRIVATE), cityName, countryCode };
}

export async function getNetworkMemberships(access: Access, networkId: number) {
  await getNetwork(access.db, networkId);
  return (await networkMemberships(access.db, networkId)).map((row) => toMembership(access, row));
}

export async function getMembership(access: Access, id: number) {
  const row = await findMembership(access.db, id);
  if (!row) throw notFound('membership', id);
  return toMembership(access, row);
}
