/**
 * Network and membership reads.
 *
 * @example
 * const all = await listNetworks(db); // [{ id, slug, name, memberCount, ... }]
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, memberships, networks } from '../schema';

const memberCount = sql<number>`(SELECT count(*) FROM memberships m WHERE m.network_id = "networks"."id" AND m.status = 'member')`;
const roundCount = sql<number>`(SELECT count(*) FROM rounds r WHERE r.network_id = "networks"."id")`;

export async function listNetworks(db: Db) {
  return db.select({ network: networks, memberCount, roundCount }).from(networks).orderBy(asc(networks.id));
}

export async function findNetwork(db: Db, id: number) {
  const [row] = await db.select({ network: networks, memberCount, roundCount }).from(networks).where(eq(networks.id, id));
  return row;
}

export async function networkMemberships(db: Db, networkId: number) {
  return db
    .select({ membership: memberships, cityName: cities.name, countryCode: cities.countryCode })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .where(eq(memberships.networkId, networkId))
    .orderBy(asc(cities.name));
}

export async function findMembership(db: Db, id: number) {
  const [row] = await db
    .select({ membership: memberships, cityName: cities.name, countryCode: cities.countryCode, networkName: networks.name })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(eq(memberships.id, id));
  return row;
}

/** Ids of a network's current members. */
export async function networkMemberCityIds(db: Db, networkId: number): Promise<number[]> {
  const rows = await db
    .select({ id: memberships.cityId })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.status, 'member')));
  return rows.map((r) => r.id);
}

/** Networks in which any of the given cities is a current member. */
export async function memberNetworksOfCities(db: Db, cityIds: number[]): Promise<number[]> {
  if (cityIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: memberships.networkId })
    .from(memberships)
    .where(and(inArray(memberships.cityId, cityIds), eq(memberships.status, 'member')));
  return rows.map((r) => r.id);
}

/** Every network a city has a membership in (any status). */
export async function networksOfCity(db: Db, cityId: number): Promise<number[]> {
  const rows = await db.select({ id: memberships.networkId }).from(memberships).where(eq(memberships.cityId, cityId));
  return rows.map((r) => r.id);
}
