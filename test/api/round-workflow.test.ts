import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});
const admin = () => t.people.admin.headers;
const etag = async (path: string, headers = admin()) => (await t.get(path, headers)).headers.get('etag')!;
const move = async (roundId: number, to: string, headers = admin()) => t.post(`/api/rounds/${roundId}/transition`, { to }, { ...headers, 'if-match': await etag(`/api/rounds/${roundId}`) });

describe('creating rounds', () => {
  it('the secretariat creates a draft round once; others cannot', async () => {
    const body = { frameworkId: t.fixture.fw.id, year: 2026, name: 'Round 2026', deadline: '2026-12-31' };
    const res = await t.post(`/api/networks/${t.fixture.net.id}/rounds`, body, admin());
    expect(res.status).toBe(201);
    const round = await res.json();
    expect(round).toMatchObject({ status: 'draft', year: 2026, allowedTransitions: ['open'], version: 1 });
    expect(res.headers.get('etag')).toBe(`"round-${round.id}-v1"`);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/rounds`, body, admin()), 409);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/rounds`, { ...body, year: 2027 }, t.people.osloEditor.headers), 403);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/rounds`, { ...body, year: 2027 }), 401);
    const bad = await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/rounds`, { ...body, year: 2027, frameworkId: 999, deadline: '31.12.2027' }, admin()), 422);
    expect(bad.errors!.map((e) => e.pointer)).toEqual(['body.deadline']);
  });
  it('refuses illegal transitions with the allowed next states, stale versions and missing If-Match', async () => {
    const round = await (await t.post(`/api/networks/${t.fixture.net.id}/rounds`, { frameworkId: t.fixture.fw.id, year: 2026, name: 'R' }, admin())).json();
    for (const to of ['closed', 'validated', 'published', 'draft']) {
      const p = await expectProblem(await move(round.id, to), 409);
      expect(p.allowed).toEqual(['open']);
    }
    await expectProblem(await t.post(`/api/rounds/${round.id}/transition`, { to: 'open' }, admin()), 428);
    await expectProblem(await t.post(`/api/rounds/${round.id}/transition`, { to: 'open' }, { ...admin(), 'if-match': `"round-${round.id}-v9"` }), 412);
    await expectProblem(await t.post(`/api/rounds/${round.id}/transition`, { to: 'finished' }, { ...admin(), 'if-match': `"round-${round.id}-v1"` }), 422);
    await expectProblem(await move(round.id, 'open', t.people.osloEditor.headers), 404);
  });
  it('two secretaries moving the same round at once: exactly one wins', async () => {
    const tag = await etag(`/api/rounds/${t.fixture.openRound.id}`);
    const results = await Promise.all(['closed', 'closed'].map((to) => t.post(`/api/rounds/${t.fixture.openRound.id}/transition`, { to }, { ...admin(), 'if-match': tag })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });
});

describe('a round from open to published', () => {
  it('walks submit → return with comments → resubmit → validate → close → validate round → publish, with snapshot and reports', async () => {
    const { openRound, osloSub, munichSub, indicators, cities, net } = t.fixture;
    const editor = t.people.osloEditor.headers;
    const subTag = () => etag(`/api/submissions/${osloSub.id}`);
    const membership = (await (await t.get(`/api/networks/${net.id}/memberships`, admin())).json()).items.find((m: { cityName: string }) => m.cityName === 'Oslo');
    const patched = await t.patch(`/api/memberships/${membership.id}`, { coordinatorEmail: 'coordinator@oslo.example' }, { ...admin(), 'if-match': await etag(`/api/memberships/${membership.id}`) });
    expect(patched.status).toBe(200);

    expect((await t.post(`/api/submissions/${osloSub.id}/submit`, undefined, { ...editor, 'if-match': await subTag() })).status).toBe(200);
    await expectProblem(await t.post(`/api/submissions/${osloSub.id}/return`, { comment: 'x' }, { ...editor, 'if-match': await subTag() }), 403);
    const returned = await t.post(`/api/submissions/${osloSub.id}/return`, { comment: 'Please add evidence', indicatorComments: [{ indicatorId: indicators[1].id, comment: 'Where is it published?' }] }, { ...admin(), 'if-match': await subTag() });
    expect(returned.status).toBe(200);
    const back = await returned.json();
    expect(back).toMatchObject({ status: 'returned', returnComment: 'Please add evidence' });
    expect(back.scores.find((s: { indicatorId: number }) => s.indicatorId === indicators[1].id).reviewComment).toBe('Where is it published?');
    const outbox = await (await t.get(`/api/networks/${net.id}/outbox`, admin())).json();
    expect(outbox.items[0]).toMatchObject({ kind: 'submission.returned', recipient: 'coordinator@oslo.example' });

    expect((await t.put(`/api/submissions/${osloSub.id}/scores`, { scores: [{ indicatorId: indicators[1].id, value: 1, evidenceText: 'On the city website' }] }, { ...editor, 'if-match': await subTag() })).status).toBe(200);
    expect((await t.post(`/api/submissions/${osloSub.id}/submit`, undefined, { ...editor, 'if-match': await subTag() })).status).toBe(200);
    await expectProblem(await t.post(`/api/submissions/${munichSub.id}/validate`, undefined, { ...admin(), 'if-match': await etag(`/api/submissions/${munichSub.id}`) }), 409);
    expect((await t.post(`/api/submissions/${osloSub.id}/validate`, undefined, { ...admin(), 'if-match': await subTag() })).status).toBe(200);

    expect((await move(openRound.id, 'closed')).status).toBe(200);
    await expectProblem(await t.put(`/api/submissions/${munichSub.id}/scores`, { scores: [{ indicatorId: indicators[0].id, value: 1 }] }, { ...t.people.munichEditor.headers, 'if-match': await etag(`/api/submissions/${munichSub.id}`) }), 409);
    expect((await move(openRound.id, 'validated')).status).toBe(200);
    const published = await move(openRound.id, 'published');
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ status: 'published', allowedTransitions: [] });
    expect((await expectProblem(await move(openRound.id, 'closed'), 409)).allowed).toEqual([]);

    const snapshot = await (await t.get(`/api/rounds/${openRound.id}/snapshot`)).json();
    expect(snapshot.version).toBe(1);
    expect(snapshot.payload.cities.map((c: { name: string }) => c.name)).toEqual(['Oslo']);
    expect(snapshot.payload.cities[0].indicators.I2).toBe(100);
    expect((await (await t.get(`/api/submissions/${osloSub.id}`)).json()).status).toBe('published');
    await expectProblem(await t.get(`/api/submissions/${munichSub.id}`), 404);

    const report = await t.get(`/api/rounds/${openRound.id}/report`);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    const html = await report.text();
    expect(html).toContain('Round 2024');
    expect(html).toContain('@media print');
    expect(html).toContain('Progress since the previous round');
    expect(html).not.toMatch(/<script/);
    expect(await (await t.get(`/api/cities/${cities.oslo.id}/report?round=${openRound.id}`)).text()).toContain('Oslo');
    await expectProblem(await t.get(`/api/cities/${cities.munich.id}/report?round=${openRound.id}`), 404);
  });
  it('will not validate a round while submissions wait for review', async () => {
    const { openRound, osloSub } = t.fixture;
    await t.post(`/api/submissions/${osloSub.id}/submit`, undefined, { ...t.people.osloEditor.headers, 'if-match': await etag(`/api/submissions/${osloSub.id}`) });
    expect((await move(openRound.id, 'closed')).status).toBe(200);
    const p = await expectProblem(await move(openRound.id, 'validated'), 409);
    expect(p.detail).toMatch(/1 submission/);
    expect((await move(openRound.id, 'open')).status).toBe(200);
  });
  it('an unpublished round has no report or snapshot', async () => {
    await expectProblem(await t.get(`/api/rounds/${t.fixture.openRound.id}/report`, admin()), 404);
    await expectProblem(await t.get(`/api/rounds/${t.fixture.openRound.id}/snapshot`, admin()), 404);
  });
});

describe('status board and reminders', () => {
  it('lists every member with status, answered count and overdue flag; reminders go to coordinators of cities that have not submitted', async () => {
    const board = await (await t.get(`/api/rounds/${t.fixture.openRound.id}/status-board`, admin())).json();
    expect(board.items.map((i: { cityName: string; status: string }) => `${i.cityName}:${i.status}`)).toEqual(['Barcelona:missing', 'Munich:draft', 'Oslo:draft']);
    expect(board.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(board.items[2]).toMatchObject({ answeredCount: 1, indicatorCount: 4 });
    await expectProblem(await t.get(`/api/rounds/${t.fixture.openRound.id}/status-board`, t.people.osloEditor.headers), 403);
    const memberships = (await (await t.get(`/api/networks/${t.fixture.net.id}/memberships`, admin())).json()).items as { id: number; cityName: string }[];
    for (const m of memberships.filter((x) => x.cityName !== 'Tampere')) {
      await t.patch(`/api/memberships/${m.id}`, { coordinatorEmail: `${m.cityName.toLowerCase()}@city.example` }, { ...admin(), 'if-match': await etag(`/api/memberships/${m.id}`) });
    }
    expect(await (await t.post(`/api/rounds/${t.fixture.openRound.id}/reminders`, undefined, admin())).json()).toEqual({ sent: 3 });
    const outbox = await (await t.get(`/api/networks/${t.fixture.net.id}/outbox`, admin())).json();
    expect(outbox.items.filter((m: { kind: string }) => m.kind === 'round.reminder').map((m: { recipient: string }) => m.recipient).sort()).toEqual(['barcelona@city.example', 'munich@city.example', 'oslo@city.example']);
  });
});
