/**
 * A small hand-made network for API tests: 3 member cities + 1 applicant, a framework with every
 * scale type, an open and a closed round, and one context variable of each type.
 */
import type { Db } from '../../db/client';
import * as t from '../../db/schema';

export async function insertFixture(db: Db) {
  const [net] = await db.insert(t.networks).values({ slug: 'test-net', name: 'Test network' }).returning();
  const cityRows = await db
    .insert(t.cities)
    .values([
      { name: 'Oslo', countryCode: 'NO', lat: 59.91, lon: 10.75, population: 709037, populationYear: 2023, eurostatCode: 'NO001C', languages: ['no', 'en'] },
      { name: 'Munich', localName: 'München', countryCode: 'DE', lat: 48.14, lon: 11.58, population: 1512491, populationYear: 2023, eurostatCode: 'DE003C', languages: ['de', 'en'] },
      { name: 'Barcelona', countryCode: 'ES', lat: 41.39, lon: 2.17, population: 1660122, populationYear: 2023, eurostatCode: 'ES002C', languages: ['es', 'ca', 'en'] },
      { name: 'Tampere', countryCode: 'FI', lat: 61.5, lon: 23.76, population: 255050, populationYear: 2023, eurostatCode: 'FI002C', languages: ['fi', 'en'] },
    ])
    .returning();
  const [oslo, munich, barcelona, tampere] = cityRows;
  await db.insert(t.memberships).values([
    { networkId: net.id, cityId: oslo.id, status: 'member', joinedOn: '2010-02-22', charterSignedOn: '2010-02-22' },
    { networkId: net.id, cityId: munich.id, status: 'member', joinedOn: '2011-01-01' },
    { networkId: net.id, cityId: barcelona.id, status: 'member', joinedOn: '2012-01-01' },
    { networkId: net.id, cityId: tampere.id, status: 'applicant', appliedOn: '2024-01-10' },
  ]);
  const [fw] = await db.insert(t.frameworks).values({ slug: 'test-fw', version: '2024', name: 'Test framework' }).returning();
  const [a1, a2] = await db
    .insert(t.frameworkAreas)
    .values([
      { frameworkId: fw.id, code: 'A1', position: 1, name: 'Strategy' },
      { frameworkId: fw.id, code: 'A2', position: 2, name: 'Employer' },
    ])
    .returning();
  const levels = ['none', 'planned', 'partly', 'largely', 'fully'].map((label, value) => ({ value, label }));
  const inds = await db
    .insert(t.indicators)
    .values([
      { frameworkId: fw.id, areaId: a1.id, code: 'I1', position: 1, statement: 'The city has a strategy', guidingQuestions: ['Is there a budget?', 'Are there milestones?'], scale: 'ordinal', levels },
      { frameworkId: fw.id, areaId: a1.id, code: 'I2', position: 2, statement: 'The strategy is published', guidingQuestions: ['Where?'], scale: 'yes_no' },
      { frameworkId: fw.id, areaId: a2.id, code: 'I3', position: 3, statement: 'Share of staff with migrant background', guidingQuestions: [], scale: 'percentage', unit: '%' },
      { frameworkId: fw.id, areaId: a2.id, code: 'I4', position: 4, statement: 'Diversity trainings per year', guidingQuestions: [], scale: 'number', minValue: 0, maxValue: 1000 },
    ])
    .returning();
  const [openRound, closedRound] = await db
    .insert(t.rounds)
    .values([
      { networkId: net.id, frameworkId: fw.id, year: 2024, name: 'Round 2024', status: 'open', deadline: '2024-12-31' },
      { networkId: net.id, frameworkId: fw.id, year: 2022, name: 'Round 2022', status: 'published' },
    ])
    .returning();
  const [osloSub, closedSub, munichSub] = await db
    .insert(t.submissions)
    .values([
      { roundId: openRound.id, cityId: oslo.id },
      { roundId: closedRound.id, cityId: oslo.id, status: 'published' },
      { roundId: openRound.id, cityId: munich.id },
    ])
    .returning();
  await db.insert(t.scores).values([
    { submissionId: osloSub.id, indicatorId: inds[0].id, value: 3, evidenceText: 'Council decision 15.05.2013' },
    { submissionId: osloSub.id, indicatorId: inds[1].id, value: null },
    { submissionId: closedSub.id, indicatorId: inds[0].id, value: 2 },
  ]);
  const vars = await db
    .insert(t.contextVariables)
    .values([
      { code: 'unemployment_rate', category: 'labour_market', name: 'Unemployment rate', type: 'numeric', unit: '%', higherIs: 'unfavourable', position: 1 },
      { code: 'data_access', category: 'data_access', name: 'Access to data', type: 'ordinal', levels: [0, 1, 2, 3].map((value) => ({ value, label: `level ${value}` })), position: 2 },
      { code: 'political_control', category: 'political_situation', name: 'Political control', type: 'categorical', levels: [{ value: 0, label: 'left' }, { value: 1, label: 'centre' }, { value: 2, label: 'right' }], position: 3 },
      { code: 'local_voting_rights', category: 'national_legislation', name: 'Local voting rights for foreign residents', type: 'boolean', scope: 'country', position: 4 },
    ])
    .returning();
  await insertPublishedSnapshot(db, closedRound.id);
  await db.insert(t.contextValues).values([
    { cityId: oslo.id, variableId: vars[0].id, year: 2023, valueNum: 4.1, source: 'Eurostat' },
    { cityId: oslo.id, variableId: vars[1].id, year: 2024, valueNum: 3, source: 'CityPeers demo value', demo: true },
  ]);
  return { net, cities: { oslo, munich, barcelona, tampere }, fw, indicators: inds, openRound, closedRound, osloSub, closedSub, munichSub, vars };
}

/** Freezes the fixture's published round the way publishing does (so snapshot and report routes have something to show). */
async function insertPublishedSnapshot(db: Db, roundId: number) {
  const { Access } = await import('../../server/auth/access');
  const { ANONYMOUS } = await import('../../server/auth/principal');
  const { buildSnapshot } = await import('../../server/services/round-snapshot');
  const { insertSnapshot } = await import('../../db/queries/round-workflow');
  await insertSnapshot(db, roundId, await buildSnapshot(new Access(db, ANONYMOUS), roundId), null, new Date().toISOString());
}

/** Fixture people: each role of the authorization matrix, with a password and a bearer token. */
export const FIXTURE_PASSWORD = 'fixture password 1';

export async function insertPeople(db: Db, f: Awaited<ReturnType<typeof insertFixture>>) {
  const { hashPassword } = await import('../../server/auth/passwords');
  const { issueToken } = await import('../../server/auth/tokens');
  const [otherNet] = await db.insert(t.networks).values({ slug: 'other-net', name: 'Other network' }).returning();
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const people = {
    admin: { role: 'secretariat_admin', networkId: f.net.id, cityId: null },
    otherAdmin: { role: 'secretariat_admin', networkId: otherNet.id, cityId: null },
    osloEditor: { role: 'city_editor', networkId: f.net.id, cityId: f.cities.oslo.id },
    munichEditor: { role: 'city_editor', networkId: f.net.id, cityId: f.cities.munich.id },
    osloViewer: { role: 'city_viewer', networkId: f.net.id, cityId: f.cities.oslo.id },
    researcher: { role: 'researcher', networkId: null, cityId: null },
  } as const;
  const out = {} as Record<keyof typeof people, { userId: number; email: string; token: string; headers: Record<string, string> }>;
  for (const [key, grant] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const email = `${key.toLowerCase()}@fixture.example`;
    const [user] = await db.insert(t.users).values({ email, name: key, passwordHash }).returning();
    await db.insert(t.roleGrants).values({ userId: user.id, ...grant });
    const { token } = await issueToken(db, user.id, { ...grant, name: 'fixture', expiresInDays: 30 });
    out[key] = { userId: user.id, email, token, headers: { authorization: `Bearer ${token}` } };
  }
  return { otherNet, ...out };
}
