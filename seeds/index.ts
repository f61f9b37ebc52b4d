/**
 * Seeds the shared frameworks, the context-variable catalogue, ~200 real European cities and the
 * demo network ("Integrating Cities demo network") with demo memberships, rounds and scores.
 * One transaction, batched inserts, deterministic: the same rows and ids on every run into a
 * fresh database. Users, sessions and tokens are left empty.
 *
 * @example
 * const { db } = await createDb({ url: ':memory:' });
 * await migrateDb(db);
 * const summary = await seedIfEmpty(db); // null when a network already exists
 */
import { count, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import * as s from '../db/schema';
import { DEMO_ACCOUNTS, demoPasswordHashes } from './accounts';
import { buildContextValues, SEED_TIMESTAMP } from './context-values';
import { CONTEXT_VARIABLES } from './context-variables';
import { loadCities, loadMipex, workingLanguages, type CityRecord } from './data';
import { culturalDiversity2012 } from './frameworks/cultural-diversity-2012';
import { integratingCitiesCharter2010 } from './frameworks/integrating-cities-charter-2010';
import type { FrameworkDef, IndicatorDef } from './frameworks/types';
import { buildMemberships, citySlug } from './memberships';
import { buildRound, TOOLKIT_EXAMPLES, type Participant } from './monitoring';

export const DEMO_NETWORK_SLUG = 'demo-integrating-cities';
export const FRAMEWORKS: FrameworkDef[] = [culturalDiversity2012, integratingCitiesCharter2010];

export type SeedSummary = Record<
  | 'frameworks' | 'frameworkAreas' | 'indicators' | 'weightSets' | 'contextVariables' | 'cities' | 'contextValues'
  | 'networks' | 'memberships' | 'membershipEvents' | 'membershipFees' | 'rounds' | 'submissions' | 'scores' | 'evidence'
  | 'users' | 'roleGrants',
  number
>;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const CHUNK = 200;

async function insertAll(tx: Tx, table: SQLiteTable, rows: Record<string, unknown>[]): Promise<number> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK) as never);
  return rows.length;
}

/** Sequential ids after the current maximum of a table (1, 2, … in an empty database). */
async function idCounter(tx: Tx, table: SQLiteTable & { id: unknown }): Promise<() => number> {
  const [row] = await tx.select({ max: sql<number | null>`max(${table.id as never})` }).from(table);
  let next = Number(row?.max ?? 0);
  return () => ++next;
}

/** Seeds everything in one transaction and returns the number of rows inserted per table. */
export async function seed(db: Db): Promise<SeedSummary> {
  const passwordHashes = await demoPasswordHashes();
  return db.transaction(async (tx) => {
    const id = {
      framework: await idCounter(tx, s.frameworks),
      area: await idCounter(tx, s.frameworkAreas),
      indicator: await idCounter(tx, s.indicators),
      weightSet: await idCounter(tx, s.weightSets),
      variable: await idCounter(tx, s.contextVariables),
      city: await idCounter(tx, s.cities),
      value: await idCounter(tx, s.contextValues),
      network: await idCounter(tx, s.networks),
      membership: await idCounter(tx, s.memberships),
      event: await idCounter(tx, s.membershipEvents),
      fee: await idCounter(tx, s.membershipFees),
      round: await idCounter(tx, s.rounds),
      submission: await idCounter(tx, s.submissions),
      score: await idCounter(tx, s.scores),
      evidence: await idCounter(tx, s.evidence),
      user: await idCounter(tx, s.users),
      grant: await idCounter(tx, s.roleGrants),
    };
    const summary = {} as SeedSummary;

    // Frameworks, areas, indicators, weight sets.
    const fwRows: (typeof s.frameworks.$inferInsert)[] = [];
    const areaRows: (typeof s.frameworkAreas.$inferInsert)[] = [];
    const indRows: (typeof s.indicators.$inferInsert)[] = [];
    const wsRows: (typeof s.weightSets.$inferInsert)[] = [];
    const fwIndicators = new Map<string, (IndicatorDef & { id: number })[]>();
    const weightSetIds = new Map<string, number>();
    for (const fw of FRAMEWORKS) {
      const { areas, weightSets, ...row } = fw;
      const frameworkId = id.framework();
      fwRows.push({ ...row, id: frameworkId, ownerNetworkId: null, createdAt: SEED_TIMESTAMP });
      const list: (IndicatorDef & { id: number })[] = [];
      let position = 0;
      areas.forEach(({ indicators, ...area }, ai) => {
        const areaId = id.area();
        areaRows.push({ ...area, id: areaId, frameworkId, position: ai + 1 });
        for (const ind of indicators) {
          const indicatorId = id.indicator();
          indRows.push({ ...ind, id: indicatorId, frameworkId, areaId, position: ++position });
          list.push({ ...ind, id: indicatorId });
        }
      });
      fwIndicators.set(fw.slug, list);
      for (const ws of weightSets) {
        const wsId = id.weightSet();
        wsRows.push({ ...ws, id: wsId, frameworkId, createdAt: SEED_TIMESTAMP });
        weightSetIds.set(`${fw.slug}@${ws.version}`, wsId);
      }
    }
    summary.frameworks = await insertAll(tx, s.frameworks, fwRows);
    summary.frameworkAreas = await insertAll(tx, s.frameworkAreas, areaRows);
    summary.indicators = await insertAll(tx, s.indicators, indRows);
    summary.weightSets = await insertAll(tx, s.weightSets, wsRows);

    // Context variables.
    const variableIds: Record<string, number> = {};
    const varRows = CONTEXT_VARIABLES.map(({ demoValues: _demo, ...v }, i) => {
      const vid = id.variable();
      variableIds[v.code] = vid;
      return { ...v, id: vid, position: i + 1 };
    });
    summary.contextVariables = await insertAll(tx, s.contextVariables, varRows);

    // Cities (real data) and their context values.
    const cities = loadCities().map((c) => ({ ...c, id: id.city() }));
    const cityRows = cities.map((c) => ({
      id: c.id,
      name: c.name,
      localName: c.localName,
      countryCode: c.countryCode,
      lat: c.lat,
      lon: c.lon,
      population: c.population,
      populationYear: c.populationYear,
      populationSource: populationSourceLabel(c.populationSource),
      eurostatCode: c.eurostatCode,
      wikidataId: c.wikidataId,
      geonamesId: c.geonamesId,
      languages: workingLanguages(c.countryCode),
      createdAt: SEED_TIMESTAMP,
      updatedAt: SEED_TIMESTAMP,
    }));
    summary.cities = await insertAll(tx, s.cities, cityRows);
    const { rows: valueRows, profiles } = buildContextValues({ cities, variableIds, mipex: loadMipex(), nextId: id.value });
    summary.contextValues = await insertAll(tx, s.contextValues, valueRows);

    // The demo network and its memberships.
    const networkId = id.network();
    summary.networks = await insertAll(tx, s.networks, [
      {
        id: networkId,
        slug: DEMO_NETWORK_SLUG,
        name: 'Integrating Cities demo network',
        description:
          'A demonstration network built on real public data about real European cities (Eurostat Urban Audit, MIPEX 2015, GeoNames). ' +
          'Memberships, fees, contacts, monitoring scores, evidence and some context factors (data access, budget, political support, civil society) are generated demo values, not the cities’ own answers.',
        website: null,
        demo: true,
        createdAt: SEED_TIMESTAMP,
      },
    ]);
    const m = buildMemberships({ networkId, cities, nextId: { membership: id.membership, event: id.event, fee: id.fee } });
    summary.memberships = await insertAll(tx, s.memberships, m.memberships);
    summary.membershipEvents = await insertAll(tx, s.membershipEvents, m.events);
    summary.membershipFees = await insertAll(tx, s.membershipFees, m.fees);

    // Monitoring rounds.
    const byCity = new Map(cities.map((c) => [c.id, c]));
    const participant = (cityId: number): Participant => {
      const c = byCity.get(cityId)!;
      const key = c.eurostatCode ?? c.name;
      return {
        cityId,
        cityKey: key,
        citySlug: citySlug(c.name),
        profile: profiles.get(cityId)!,
        strengths: Object.entries(TOOLKIT_EXAMPLES).filter(([, list]) => list.includes(key)).map(([code]) => code),
      };
    };
    const activeIn = (year: number) =>
      m.memberships
        .filter((x) => x.joinedOn && Number(x.joinedOn.slice(0, 4)) < year && (!x.leftOn || Number(x.leftOn.slice(0, 4)) > year))
        .filter((x) => year < 2024 || x.status === 'member')
        .map((x) => participant(x.cityId));
    const cd = fwIndicators.get(culturalDiversity2012.slug)!;
    const charter = fwIndicators.get(integratingCitiesCharter2010.slug)!;
    const cdFrameworkId = fwRows[0].id!;
    const charterFrameworkId = fwRows[1].id!;
    const nextIds = { submission: id.submission, score: id.score, evidence: id.evidence };

    const r2022 = buildRound(
      {
        round: {
          networkId, frameworkId: cdFrameworkId, weightSetId: weightSetIds.get('cultural-diversity@2012-equal')!, year: 2022,
          name: 'Promoting cultural diversity: monitoring round 2022', status: 'published', opensOn: '2022-02-01', deadline: '2022-04-30',
          closedAt: '2022-05-02T08:00:00.000Z', publishedAt: '2022-09-15T10:00:00.000Z', createdAt: '2022-01-10T09:00:00.000Z',
        },
        participation: 0.9, statusFor: () => 'published', missingShare: 0.07, evidenceYear: 2021,
        submittedOn: (rng) => `2022-0${3 + rng.int(2)}-${String(1 + rng.int(28)).padStart(2, '0')}`, validatedAt: '2022-06-20T10:00:00.000Z',
      },
      { roundId: id.round(), participants: activeIn(2022), indicators: cd, nextId: nextIds },
    );
    const r2024 = buildRound(
      {
        round: {
          networkId, frameworkId: cdFrameworkId, weightSetId: weightSetIds.get('cultural-diversity@2024-strategy-emphasis')!, year: 2024,
          name: 'Promoting cultural diversity: monitoring round 2024', status: 'closed', opensOn: '2024-02-01', deadline: '2024-04-30',
          closedAt: '2024-05-02T08:00:00.000Z', publishedAt: null, createdAt: '2024-01-10T09:00:00.000Z',
        },
        participation: 0.88, statusFor: (u) => (u < 0.6 ? 'validated' : u < 0.94 ? 'submitted' : 'returned'), missingShare: 0.06, evidenceYear: 2023,
        submittedOn: (rng) => `2024-0${3 + rng.int(2)}-${String(1 + rng.int(28)).padStart(2, '0')}`, validatedAt: '2024-06-10T10:00:00.000Z',
      },
      { roundId: id.round(), participants: activeIn(2024), indicators: cd, previous: r2022.levels, nextId: nextIds },
    );
    const rCharter = buildRound(
      {
        round: {
          networkId, frameworkId: charterFrameworkId, weightSetId: weightSetIds.get('integrating-cities-charter@2010-equal')!, year: 2024,
          name: 'Charter on Integrating Cities: commitments survey 2024', status: 'open', opensOn: '2024-10-01', deadline: '2025-03-31',
          closedAt: null, publishedAt: null, createdAt: '2024-09-15T09:00:00.000Z',
        },
        participation: 0.35, statusFor: (u) => (u < 0.4 ? 'draft' : 'submitted'), missingShare: 0.1, evidenceYear: 2024,
        submittedOn: (rng) => `2024-${10 + rng.int(3)}-${String(1 + rng.int(28)).padStart(2, '0')}`, validatedAt: null,
      },
      { roundId: id.round(), participants: activeIn(2024), indicators: charter, nextId: nextIds },
    );
    const all = [r2022, r2024, rCharter];
    summary.rounds = await insertAll(tx, s.rounds, all.map((r) => r.round));
    summary.submissions = await insertAll(tx, s.submissions, all.flatMap((r) => r.submissions));
    summary.scores = await insertAll(tx, s.scores, all.flatMap((r) => r.scores));
    summary.evidence = await insertAll(tx, s.evidence, all.flatMap((r) => r.evidence));

    // Demo accounts (README: local use only).
    const cityIdByName = new Map(cityRows.map((c) => [c.name, c.id]));
    const users = DEMO_ACCOUNTS.map((a) => ({ id: id.user(), email: a.email, name: a.name, passwordHash: passwordHashes.get(a.email)!, demo: true, createdAt: SEED_TIMESTAMP }));
    summary.users = await insertAll(tx, s.users, users);
    summary.roleGrants = await insertAll(
      tx,
      s.roleGrants,
      DEMO_ACCOUNTS.map((a, i) => ({
        id: id.grant(),
        userId: users[i].id,
        role: a.role,
        networkId: a.role === 'researcher' ? null : networkId,
        cityId: a.city ? cityIdByName.get(a.city)! : null,
        createdAt: SEED_TIMESTAMP,
      })),
    );
    return summary;
  });
}

/** Seeds only when the database holds no network yet; returns null when it did nothing. */
export async function seedIfEmpty(db: Db): Promise<SeedSummary | null> {
  const [row] = await db.select({ n: count() }).from(s.networks);
  if ((row?.n ?? 0) > 0) return null;
  return seed(db);
}

/** How a city's population figure was measured, in words (greater cities are larger than the municipality). */
function populationSourceLabel(source: CityRecord['populationSource']): string {
  if (source === 'geonames') return 'GeoNames cities15000 (snapshot c. 2019)';
  return source === 'eurostat-greater-city' ? 'Eurostat Urban Audit urb_cpop1 (DE1001V), greater city (larger than the municipality)' : 'Eurostat Urban Audit urb_cpop1 (DE1001V)';
}
