/**
 * City reads: filtered, paged lists and one city with its memberships.
 *
 * @example
 * const page = await listCities(db, { networkId: 1, country: 'NO', page: 1, pageSize: 50, sort: 'name' });
 */
import { and, asc, count, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, memberships, networks } from '../schema';

export type CitySort = 'name' | '-name' | 'population' | '-population' | 'country';
export interface CityFilter {
  networkId?: number;
  membershipStatus?: (typeof memberships.$inferSelect)['status'];
  country?: string;
  q?: string;
  minPopulation?: number;
  maxPopulation?: number;
  sort: CitySort;
  page: number;
  pageSize: number;
}

const ORDER: Record<CitySort, SQL[]> = {
  name: [asc(cities.name), asc(cities.id)],
  '-name': [desc(cities.name), asc(cities.id)],
  population: [sql`${cities.population} IS NULL`, asc(cities.population), asc(cities.id)],
  '-population': [sql`${cities.population} IS NULL`, desc(cities.population), asc(cities.id)],
  country: [asc(cities.countryCode), asc(cities.name), asc(cities.id)],
};

export async function listCities(db: Db, f: CityFilter) {
  const where = and(
    f.country ? eq(cities.countryCode, f.country) : undefined,
    f.q ? sql`(${cities.name} LIKE ${'%' + escapeLike(f.q) + '%'} ESCAPE '\\' OR ${cities.localName} LIKE ${'%' + escapeLike(f.q) + '%'} ESCAPE '\\')` : undefined,
    f.minPopulation !== undefined ? gte(cities.population, f.minPopulation) : undefined,
    f.maxPopulation !== undefined ? lte(cities.population, f.maxPopulation) : undefined,
    f.networkId !== undefined ? eq(memberships.networkId, f.networkId) : undefined,
    f.membershipStatus ? eq(memberships.status, f.membershipStatus) : undefined,
  );
  const joinMembership = f.networkId !== undefined || f.membershipStatus !== undefined;
  const base = db
    .select({
      id: cities.id,
      name: cities.name,
      localName: cities.localName,
      countryCode: cities.countryCode,
      lat: cities.lat,
      lon: cities.lon,
      population: cities.population,
      populationYear: cities.populationYear,
      eurostatCode: cities.eurostatCode,
      membershipStatus: joinMembership ? memberships.status : sql<null>`NULL`,
    })
    .from(cities);
  const totalBase = db.select({ n: count() }).from(cities);
  const query = joinMembership ? base.innerJoin(memberships, eq(memberships.cityId, cities.id)) : base;
  const totalQuery = joinMembership ? totalBase.innerJoin(memberships, eq(memberships.cityId, cities.id)) : totalBase;
  const [items, [{ n }]] = await Promise.all([
    query
      .where(where)
      .orderBy(...ORDER[f.sort])
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    totalQuery.where(where),
  ]);
  return { items, total: n };
}

export async function allCityIds(db: Db): Promise<number[]> {
  return (await db.select({ id: cities.id }).from(cities)).map((c) => c.id);
}

export async function findCity(db: Db, id: number) {
  return db.query.cities.findFirst({ where: eq(cities.id, id) });
}

export async function cityMemberships(db: Db, cityId: number) {
  return db
    .select({ membership: memberships, networkName: networks.name, networkSlug: networks.slug })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(eq(memberships.cityId, cityId))
    .orderBy(asc(memberships.networkId));
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (ch) => '\\' + ch);
}
