/**
 * Networks and memberships as API objects.
 *
 * @example
 * await getNetwork(db, 1); // { id: 1, slug: 'demo-integrating-cities', memberCount: 180, ... }
 */
import type { Db } from '../../db/client';
import { findMembership, findNetwork, listNetworks, networkMemberships } from '../../db/queries/networks';
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
const toMembership = ({ membership: { createdAt: _c, updatedAt: _u, ...m }, cityName, countryCode }: MembershipRow) => ({ ...m, cityName, countryCode });

export async function getNetworkMemberships(db: Db, networkId: number) {
  await getNetwork(db, networkId);
  return (await networkMemberships(db, networkId)).map(toMembership);
}

export async function getMembership(db: Db, id: number) {
  const row = await findMembership(db, id);
  if (!row) throw notFound('membership', id);
  return toMembership(row);
}
