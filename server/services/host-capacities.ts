/**
 * How many study visits a city hosts per year in a network (default 3 without a row): set by the
 * city's editors or the network's secretariat, audited old → new.
 *
 * @example
 * await setHostCapacity(access, 12, { networkId: 1, year: 2025, capacity: 5 });
 */
import { networkMemberCityIds } from '../../db/queries/networks';
import { DEFAULT_HOST_CAPACITY, committedVisits, findHostCapacity, upsertHostCapacity } from '../../db/queries/study-visits';
import type { Access } from '../auth/access';
import { canEditCity } from '../auth/principal';
import { conflict, notFound } from '../errors';
import { audit } from './audit';
import { getNetwork } from './networks';

export async function setHostCapacity(access: Access, cityId: number, input: { networkId: number; year: number; capacity: number }) {
  await getNetwork(access.db, input.networkId);
  if (!access.isAdmin(input.networkId) && !canEditCity(access.principal, cityId)) access.deny(`Only city ${cityId}'s editors or the secretariat set its hosting capacity`);
  if (!(await networkMemberCityIds(access.db, input.networkId)).includes(cityId)) throw notFound('member city', cityId);
  const taken = await committedVisits(access.db, input.networkId, cityId, input.year);
  if (input.capacity < taken) throw conflict(`City ${cityId} already receives ${taken} visits in ${input.year}; capacity cannot go below that`, { taken });
  const before = (await findHostCapacity(access.db, input.networkId, cityId, input.year))?.capacity ?? null;
  await access.db.transaction(async (tx) => {
    await upsertHostCapacity(tx, { ...input, cityId });
    await audit(tx, access, { action: 'host_capacity.set', entityType: 'host_capacity', entityId: `${input.networkId}:${cityId}:${input.year}`, networkId: input.networkId, cityId, oldValue: { capacity: before ?? DEFAULT_HOST_CAPACITY, explicit: before !== null }, newValue: { capacity: input.capacity } });
  });
  return { networkId: input.networkId, cityId, year: input.year, capacity: input.capacity, taken };
}
