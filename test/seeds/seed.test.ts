import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import * as s from '../../db/schema';
import { CONTEXT_VARIABLES } from '../../seeds/context-variables';
import { loadCities } from '../../seeds/data';
import { DEMO_NETWORK_SLUG, seed, seedIfEmpty, type SeedSummary } from '../../seeds/index';

import { freshDb } from '../helpers/db';
import { dumpDb } from '../helpers/dump';

const dump = (h: DbHandle) => dumpDb(h.client);

describe('seed(db)', () => {
  let h: DbHandle;
  let summary: SeedSummary;
  beforeAll(async () => {
    h = await freshDb();
    summary = await seed(h.db);
  });
  afterAll(() => h.close());

  it('inserts at least 150 real cities with populations', async () => {
    const cities = await h.db.select().from(s.cities);
    expect(cities.length).toBeGreaterThanOrEqual(150);
    expect(summary.cities).toBe(cities.length);
    for (const c of cities) {
      expect(c.population).toBeGreaterThanOrEqual(100_000);
      expect(c.lat).not.toBeNull();
      expect(c.languages).toContain('en');
      expect(['UK', 'EL']).not.toContain(c.countryCode);
    }
    const munich = cities.find((c) => c.eurostatCode === 'DE003C')!;
    expect(munich.name).toBe('Munich');
    expect(munich.localName).toBe('München');
    expect(munich.population).toBeGreaterThan(1_400_000);
    expect(munich.population).toBeLessThan(1_600_000);
    expect(munich.languages).toEqual(['de', 'en']);
    const oslo = cities.find((c) => c.eurostatCode === 'NO001C')!;
    const osloData = loadCities().find((c) => c.eurostatCode === 'NO001C')!;
    expect(oslo.population).toBe(osloData.population);
    expect(oslo.countryCode).toBe('NO');
    for (const name of ['Berlin', 'London', 'Copenhagen', 'Barcelona', 'Dublin', 'Brussels', 'Tampere', 'Florence', 'Rotterdam'])
      expect(cities.some((c) => c.name === name)).toBe(true);
  });

  it('gives every city a value for each non-demo variable where data exist, with correct demo flags', async () => {
    const vars = await h.db.select().from(s.contextVariables);
    expect(vars).toHaveLength(CONTEXT_VARIABLES.length);
    expect(new Set(vars.map((v) => v.category))).toEqual(new Set(s.CONTEXT_CATEGORIES));
    const values = await h.db.select().from(s.contextValues);
    const varById = new Map(vars.map((v) => [v.id, v]));
    const demoCodes = new Set(CONTEXT_VARIABLES.filter((v) => v.demoValues).map((v) => v.code));
    for (const v of values) {
      const code = varById.get(v.variableId)!.code;
      expect(v.demo).toBe(demoCodes.has(code));
      if (v.demo) expect(v.source).toBe('CityPeers demo value (generated)');
      else expect(v.source).not.toMatch(/demo/i);
      expect(v.valueNum).not.toBeNull();
    }
    const cities = await h.db.select().from(s.cities);
    const has = (cityId: number, code: string) => values.some((v) => v.cityId === cityId && varById.get(v.variableId)!.code === code);
    const data = new Map(loadCities().map((c) => [c.eurostatCode ?? c.name, c]));
    for (const c of cities) {
      const d = data.get(c.eurostatCode ?? c.name)!;
      for (const code of ['mipex_overall', 'mipex_political_participation', 'mipex_anti_discrimination', 'population', ...demoCodes]) expect(has(c.id, code)).toBe(true);
      expect(has(c.id, 'foreign_born_share')).toBe(d.foreignBornShare != null);
      expect(has(c.id, 'unemployment_rate')).toBe(d.unemploymentRate != null);
    }
    const munich = cities.find((c) => c.eurostatCode === 'DE003C')!;
    const pop = values.find((v) => v.cityId === munich.id && varById.get(v.variableId)!.code === 'population')!;
    expect(pop.source).toBe(`Eurostat Urban Audit urb_cpop1 (DE1001V), ${pop.year}`);
  });

  it('seeds the 13 key factors and the 11 charter commitments', async () => {
    const fws = await h.db.select().from(s.frameworks);
    const cd = fws.find((f) => f.slug === 'cultural-diversity')!;
    const ch = fws.find((f) => f.slug === 'integrating-cities-charter')!;
    const cdAreas = await h.db.select().from(s.frameworkAreas).where(eq(s.frameworkAreas.frameworkId, cd.id));
    const cdInd = await h.db.select().from(s.indicators).where(eq(s.indicators.frameworkId, cd.id));
    cdAreas.sort((a, b) => a.position - b.position);
    expect(cdAreas.map((a) => a.code)).toEqual(Array.from({ length: 13 }, (_, i) => `KF${String(i + 1).padStart(2, '0')}`));
    expect(cdInd).toHaveLength(13);
    for (const i of cdInd) {
      expect(i.guidingQuestions.length).toBeGreaterThanOrEqual(2);
      expect(i.guidingQuestions.length).toBeLessThanOrEqual(6);
      expect(i.statement).toMatch(/^The city /);
      expect(i.scale).toBe('ordinal');
      expect(i.levels.map((l) => l.value)).toEqual([0, 1, 2, 3, 4]);
    }
    const chAreas = await h.db.select().from(s.frameworkAreas).where(eq(s.frameworkAreas.frameworkId, ch.id));
    const chInd = await h.db.select().from(s.indicators).where(eq(s.indicators.frameworkId, ch.id));
    expect(chAreas).toHaveLength(4);
    expect(chInd).toHaveLength(11);
    chAreas.sort((a, b) => a.position - b.position);
    expect(chAreas.map((a) => chInd.filter((i) => i.areaId === a.id).length)).toEqual([3, 2, 3, 3]);
    expect(new Set(chInd.map((i) => i.scale))).toEqual(new Set(s.INDICATOR_SCALES));
    const ws = await h.db.select().from(s.weightSets).where(eq(s.weightSets.frameworkId, cd.id));
    expect(ws.map((w) => w.version).sort()).toEqual(['2012-equal', '2024-strategy-emphasis']);
  });

  it('creates the demo network with members and two rounds of scores', async () => {
    const [network] = await h.db.select().from(s.networks).where(eq(s.networks.slug, DEMO_NETWORK_SLUG));
    expect(network.demo).toBe(true);
    const ms = await h.db.select().from(s.memberships);
    const cities = await h.db.select().from(s.cities);
    const statusOf = (name: string) => ms.find((m) => m.cityId === cities.find((c) => c.name === name)!.id)!.status;
    for (const name of ['Oslo', 'Copenhagen', 'Berlin', 'Munich', 'Barcelona']) expect(statusOf(name)).toBe('member');
    const oslo = ms.find((m) => m.cityId === cities.find((c) => c.name === 'Oslo')!.id)!;
    expect(oslo.charterSignedOn).toBe('2010-02-22');
    expect(oslo.coordinatorEmail).toBe('coordinator@oslo.example');
    expect(new Set(ms.map((m) => m.status)).size).toBeGreaterThanOrEqual(4);

    const rounds = await h.db.select().from(s.rounds);
    const cdRounds = rounds.filter((r) => r.name.startsWith('Promoting cultural diversity'));
    expect(cdRounds.map((r) => r.year).sort()).toEqual([2022, 2024]);
    expect(rounds.every((r) => r.demo)).toBe(true);
    const subs = await h.db.select().from(s.submissions);
    expect(subs.every((x) => x.demo)).toBe(true);
    for (const r of cdRounds) expect(subs.filter((x) => x.roundId === r.id).length).toBeGreaterThan(80);
    const scores = await h.db.select().from(s.scores);
    const missing = scores.filter((x) => x.value === null);
    expect(missing.length / scores.length).toBeGreaterThan(0.03);
    expect(missing.length / scores.length).toBeLessThan(0.12);
    const withEvidence = scores.filter((x) => x.evidenceText !== null);
    expect(withEvidence.length).toBeGreaterThan(100);
    expect(withEvidence.every((x) => x.evidenceText!.startsWith('Demo'))).toBe(true);
    const ev = await h.db.select().from(s.evidence);
    expect(ev.length).toBeGreaterThanOrEqual(withEvidence.length);
    expect(ev.every((e) => e.title.startsWith('Demo'))).toBe(true);
  });

  it('stores unanswered scores as null, never 0, and shows progress from 2022 to 2024', async () => {
    const unanswered = await h.db.select().from(s.scores).where(and(isNull(s.scores.value)));
    expect(unanswered.length).toBeGreaterThan(0);
    const raw = await h.client.execute('SELECT typeof(value) AS t, count(*) AS n FROM scores GROUP BY 1');
    expect(raw.rows.map((r) => r.t)).toContain('null');
    const mean = await h.client.execute(
      `SELECT r.year, avg(sc.value) AS m FROM scores sc JOIN submissions su ON su.id = sc.submission_id JOIN rounds r ON r.id = su.round_id
       WHERE r.name LIKE 'Promoting%' AND sc.value IS NOT NULL GROUP BY r.year ORDER BY r.year`,
    );
    const [m2022, m2024] = mean.rows.map((r) => Number(r.m));
    expect(m2024).toBeGreaterThan(m2022);
  });

  it('is deterministic: two fresh databases hold identical rows', async () => {
    const other = await freshDb();
    await seed(other.db);
    expect(await dump(other)).toEqual(await dump(h));
    other.close();
  });

  it('seedIfEmpty seeds once and is a no-op the second time', async () => {
    const fresh = await freshDb();
    const first = await seedIfEmpty(fresh.db);
    expect(first?.cities).toBe(summary.cities);
    const before = await dump(fresh);
    expect(await seedIfEmpty(fresh.db)).toBeNull();
    expect(await dump(fresh)).toEqual(before);
    fresh.close();
  });
});
