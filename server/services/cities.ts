/**
 * Cities as API objects: the paged list and one city with everything a city page shows.
 *
 * @example
 * await listCityPage(db, { sort: 'name', page: 1, pageSize: 50 }); // { items, total, page, pageSize }
 */
import type { Db } from '../../db/client';
import { cityContextValues } from '../../db/queries/context';
import { cityMemberships, findCity, listCities, type CityFilter } from '../../db/queries/cities';
import { citySubmissions } from '../../db/queries/rounds';
import type { Access } from '../auth/access';
import { perDatabase, VersionedCache } from '../cache/versioned-cache';
import { notFound } from '../errors';

type CityQuery = Omit<CityFilter, 'networkId' | 'membershipStatus'> & { network?: number; status?: CityFilter['membershipStatus'] };

export async function listCityPage(db: Db, { network, status, ...rest }: CityQuery) {
  const { items, total } = await listCities(db, { ...rest, networkId: network, membershipStatus: status });
  return { items, total, page: rest.page, pageSize: rest.pageSize };
}

/** What a city page shows that changes only with context data (the `context` counter covers cities, memberships, networks and context values). */
const cityFacts = perDatabase(() => new VersionedCache<Awaited<ReturnType<typeof loadCityFacts>>>({ maxEntries: 20_000 }));

async function loadCityFacts(db: Db, id: number) {
  const city = await findCity(db, id);
  if (!city) return undefined;
  const [memberships, contextValues] = await Promise.all([cityMemberships(db, id), contextValuesOf(db, id)]);
  const { createdAt: _c, updatedAt: _u, ...facts } = city;
  return {
    ...facts,
    memberships: memberships.map(({ membership: m, networkName }) => ({
      id: m.id,
      networkId: m.networkId,
      networkName,
      status: m.status,
      joinedOn: m.joinedOn,
      charterSignedOn: m.charterSignedOn,
    })),
    contextValues,
  };
}

/** One city with its memberships, context values and the submissions the principal may see. */
export async function getCity(access: Access, id: number) {
  const db = access.db;
  const facts = await cityFacts(db).get(String(id), String((await access.versions()).context), () => loadCityFacts(db, id));
  if (!facts) throw notFound('city', id);
  const allSubmissions = await citySubmissions(db, id);
  const visible = await Promise.all(allSubmissions.map((s) => access.canSeeSubmission(s.submission, s.round)));
  const submissions = allSubmissions.filter((_, i) => visible[i]);
  return {
    ...facts,
    submissions: submissions.map(({ submission: s, round, frameworkName, answeredCount }) => ({
      id: s.id,
      roundId: round.id,
      roundName: round.name,
      year: round.year,
      frameworkName,
      status: s.status,
      answeredCount,
      demo: s.demo,
    })),
  };
}

export async function getCityContext(db: Db, cityId: number) {
  if (!(await findCity(db, cityId))) throw notFound('city', cityId);
  return contextValuesOf(db, cityId);
}

async function contextValuesOf(db: Db, cityId: number) {
  return (await cityContextValues(db, cityId)).map(({ value: v, variable }) => ({
    variable: variable.code,
    variableName: variable.name,
    category: variable.category,
    type: variable.type,
    unit: variable.unit,
    year: v.year,
    value: variable.type === 'categorical' ? v.valueText : variable.type === 'boolean' ? (v.valueNum === null ? null : v.valueNum === 1) : v.valueNum,
    source: v.source,
    sourceUrl: v.sourceUrl,
    demo: v.demo,
    note: v.note,
  }));
}
