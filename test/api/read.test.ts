import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeAll(async () => {
  t = await fixtureApp();
});

describe('health', () => {
  it('answers ok with the database reachable', async () => {
    const res = await t.get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});

describe('networks and memberships', () => {
  it('lists networks with member counts', async () => {
    const body = await (await t.get('/api/networks')).json();
    expect(body.items.map((n: { slug: string }) => n.slug)).toEqual(['test-net', 'other-net']);
    expect(body.items[0]).toMatchObject({ slug: 'test-net', memberCount: 3, roundCount: 2 });
  });
  it('shows one network and its memberships of every status', async () => {
    expect((await t.get(`/api/networks/${t.fixture.net.id}`)).status).toBe(200);
    const body = await (await t.get(`/api/networks/${t.fixture.net.id}/memberships`)).json();
    expect(body.items.map((m: { cityName: string; status: string }) => `${m.cityName}:${m.status}`)).toEqual([
      'Barcelona:member',
      'Munich:member',
      'Oslo:member',
      'Tampere:applicant',
    ]);
    const oslo = body.items.find((m: { cityName: string }) => m.cityName === 'Oslo');
    expect(oslo.charterSignedOn).toBe('2010-02-22');
    const one = await (await t.get(`/api/memberships/${oslo.id}`)).json();
    expect(one).toMatchObject({ cityName: "Oslo", status: "member" });
  });
  it('answers 404 problems for unknown or malformed ids', async () => {
    await expectProblem(await t.get('/api/networks/999'), 404);
    await expectProblem(await t.get('/api/networks/abc'), 404);
    await expectProblem(await t.get('/api/networks/999/memberships'), 404);
    await expectProblem(await t.get('/api/memberships/0'), 404);
  });
});

describe('cities', () => {
  it('lists with paging and sorting', async () => {
    const body = await (await t.get('/api/cities?sort=-population&pageSize=2')).json();
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(body.items.map((c: { name: string }) => c.name)).toEqual(['Barcelona', 'Munich']);
    const page2 = await (await t.get('/api/cities?sort=-population&pageSize=2&page=2')).json();
    expect(page2.items.map((c: { name: string }) => c.name)).toEqual(['Oslo', 'Tampere']);
  });
  it('filters by country, name (also local name), population and network membership status', async () => {
    const names = async (q: string) => ((await (await t.get(`/api/cities?${q}`)).json()).items as { name: string }[]).map((c) => c.name);
    expect(await names('country=NO')).toEqual(['Oslo']);
    expect(await names('q=münch')).toEqual(['Munich']);
    expect(await names('q=%25')).toEqual([]);
    expect(await names('minPopulation=1000000&sort=name')).toEqual(['Barcelona', 'Munich']);
    expect(await names(`network=${t.fixture.net.id}&status=applicant`)).toEqual(['Tampere']);
  });
  it('rejects bad query parameters with every bad field listed', async () => {
    const p = await expectProblem(await t.get('/api/cities?country=norway&page=0&pageSize=10000&sort=size'), 422);
    expect(p.errors!.map((e) => e.pointer).sort()).toEqual(['query.country', 'query.page', 'query.pageSize', 'query.sort']);
  });
  it('shows a city with memberships, context values (demo flagged) and submissions', async () => {
    const body = await (await t.get(`/api/cities/${t.fixture.cities.oslo.id}`, t.people.osloViewer.headers)).json();
    expect(body).toMatchObject({ name: 'Oslo', countryCode: 'NO', population: 709037, populationYear: 2023, languages: ['no', 'en'] });
    expect(body.memberships).toHaveLength(1);
    expect(body.contextValues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variable: 'unemployment_rate', value: 4.1, demo: false, year: 2023 }),
        expect.objectContaining({ variable: 'data_access', value: 3, demo: true }),
      ]),
    );
    expect(body.submissions.map((s: { year: number }) => s.year)).toEqual([2024, 2022]);
    expect(body.submissions[0].answeredCount).toBe(1);
  });
  it('answers 404 for an unknown city', async () => {
    await expectProblem(await t.get('/api/cities/12345'), 404);
    await expectProblem(await t.get('/api/cities/12345/context-values'), 404);
  });
});

describe('frameworks, context variables, rounds', () => {
  it('lists frameworks with counts and shows areas → indicators with guiding questions', async () => {
    const list = await (await t.get('/api/frameworks')).json();
    expect(list.items[0]).toMatchObject({ slug: 'test-fw', areaCount: 2, indicatorCount: 4 });
    const fw = await (await t.get(`/api/frameworks/${t.fixture.fw.id}`)).json();
    expect(fw.areas.map((a: { code: string }) => a.code)).toEqual(['A1', 'A2']);
    expect(fw.areas[0].indicators[0]).toMatchObject({ code: 'I1', scale: 'ordinal', guidingQuestions: ['Is there a budget?', 'Are there milestones?'] });
    expect(fw.areas[0].indicators[0].levels).toHaveLength(5);
    await expectProblem(await t.get('/api/frameworks/77'), 404);
  });
  it('lists context variables in catalogue order', async () => {
    const body = await (await t.get('/api/context-variables')).json();
    expect(body.items.map((v: { code: string }) => v.code)).toEqual(['unemployment_rate', 'data_access', 'political_control', 'local_voting_rights']);
  });
  it('lists rounds newest first, filters, and shows submissions', async () => {
    const body = await (await t.get(`/api/rounds?network=${t.fixture.net.id}`, t.people.admin.headers)).json();
    expect(body.items.map((r: { year: number }) => r.year)).toEqual([2024, 2022]);
    const published = await (await t.get('/api/rounds?status=published')).json();
    expect(published.items).toHaveLength(1);
    await expectProblem(await t.get('/api/rounds?status=finished'), 422);
    const round = await (await t.get(`/api/rounds/${t.fixture.openRound.id}`, t.people.admin.headers)).json();
    expect(round).toMatchObject({ status: 'open', frameworkName: 'Test framework', submissionCount: 2 });
    const subs = await (await t.get(`/api/rounds/${t.fixture.openRound.id}/submissions`, t.people.admin.headers)).json();
    expect(subs.items.map((s: { cityName: string }) => s.cityName)).toEqual(['Munich', 'Oslo']);
    expect(subs.items[1]).toMatchObject({ cityName: 'Oslo', status: 'draft', answeredCount: 1 });
    await expectProblem(await t.get('/api/rounds/999'), 404);
    await expectProblem(await t.get('/api/rounds/999/submissions'), 404);
  });
  it('shows a submission with its answers, missing ones as null, and an ETag', async () => {
    const res = await t.get(`/api/submissions/${t.fixture.osloSub.id}`, t.people.osloEditor.headers);
    expect(res.headers.get('etag')).toBe(`"submission-${t.fixture.osloSub.id}-v1"`);
    const body = await res.json();
    expect(body.scores.map((s: { value: number | null }) => s.value)).toEqual([3, null]);
    await expectProblem(await t.get('/api/submissions/999'), 404);
  });
});

describe('unknown API paths', () => {
  it('answer 404 problem details', async () => {
    await expectProblem(await t.get('/api/nothing-here'), 404);
  });
});
