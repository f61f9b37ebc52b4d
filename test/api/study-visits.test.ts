/**
 * Study visits end to end: request → accept → schedule → report → complete, decline and cancel,
 * every illegal move (409 with the allowed next statuses), host capacity (default 3, 409 when full),
 * the secretariat's step back, concurrency, who may do what, requests from the planner, outbox, audit.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { STUDY_VISIT_STATUSES } from '../../db/schema';
import { demoApp, expectProblem, fixtureApp } from '../helpers/app';
import { dumpDb } from '../helpers/dump';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});

type Headers = Record<string, string>;
type Visit = { id: number; status: string; version: number; nextStatuses: string[] };

/** Oslo asks to visit Munich (on indicator I1 unless told otherwise). */
async function request(body: Record<string, unknown> = {}, who: Headers = t.people.osloEditor.headers): Promise<Visit> {
  const res = await t.post(`/api/networks/${t.fixture.net.id}/study-visits`, { hostCityId: t.fixture.cities.munich.id, indicatorId: t.fixture.indicators[0].id, year: 2025, ...body }, who);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
const etagOf = async (id: number) => (await t.get(`/api/study-visits/${id}`, t.people.admin.headers)).headers.get('etag')!;
const move = async (id: number, status: string, who: Headers, extra: Record<string, unknown> = {}) => t.post(`/api/study-visits/${id}/status`, { status, ...extra }, { ...who, 'if-match': await etagOf(id) });
const SCHEDULE = { scheduledFrom: '2025-03-03', scheduledTo: '2025-03-05' };

describe('the life of a study visit', () => {
  it('request (host notified) → accept → schedule → report → complete, each by its side, audited', async () => {
    const { people, fixture: f } = t;
    const visit = await request();
    expect(visit).toMatchObject({ status: 'requested', origin: 'manual', visitorCityId: f.cities.oslo.id, nextStatuses: ['accepted', 'declined', 'cancelled'] });
    expect((await t.db.query.outbox.findMany()).map((o) => [o.kind, o.recipient, o.cityId])).toEqual([['study_visit.request', 'admin@fixture.example', f.cities.munich.id]]);
    const host = people.munichEditor.headers;
    const visitor = people.osloEditor.headers;
    expect((await move(visit.id, 'accepted', visitor)).status).toBe(403);
    expect((await move(visit.id, 'accepted', host)).status).toBe(200);
    await expectProblem(await move(visit.id, 'scheduled', host), 422); // dates needed
    expect((await move(visit.id, 'scheduled', host, SCHEDULE)).status).toBe(200);
    const report = await t.put(`/api/study-visits/${visit.id}/report`, { reportLessons: 'One-stop shop; multilingual welcome desk' }, { ...visitor, 'if-match': await etagOf(visit.id) });
    expect(report.status).toBe(200);
    expect((await move(visit.id, 'completed', visitor)).status).toBe(200);
    const done = await (await t.get(`/api/study-visits/${visit.id}`, people.osloViewer.headers)).json();
    expect(done).toMatchObject({ status: 'completed', ...SCHEDULE, reportLessons: 'One-stop shop; multilingual welcome desk', nextStatuses: [] });
    const audit = await t.db.query.auditLog.findMany({ where: (a, { like }) => like(a.action, 'study_visit.%') });
    expect(audit.map((a) => a.action)).toEqual(['study_visit.request', 'study_visit.status', 'study_visit.status', 'study_visit.report', 'study_visit.status']);
    expect(audit[1]).toMatchObject({ oldValue: { status: 'requested', version: 1 }, newValue: { status: 'accepted', version: 2 } });
  });

  it('the host declines with a reason; the visitor cancels; the host cannot cancel, the visitor cannot decline', async () => {
    const { people } = t;
    const a = await request();
    expect((await move(a.id, 'declined', people.osloEditor.headers)).status).toBe(403);
    const declined = await move(a.id, 'declined', people.munichEditor.headers, { reason: 'No capacity this spring' });
    expect(await declined.json()).toMatchObject({ status: 'declined', declineReason: 'No capacity this spring' });
    const b = await request({ year: 2026 });
    expect((await move(b.id, 'cancelled', people.munichEditor.headers)).status).toBe(403);
    expect((await move(b.id, 'cancelled', people.osloEditor.headers)).status).toBe(200);
    await expectProblem(await t.put(`/api/study-visits/${b.id}/report`, { reportLessons: 'x' }, { ...people.osloEditor.headers, 'if-match': await etagOf(b.id) }), 409);
  });

  it('answers 409 with the allowed next statuses for every illegal move from every status, changing nothing', async () => {
    const admin = t.people.admin.headers;
    const paths: Record<string, [string, Record<string, unknown>?][]> = {
      requested: [],
      accepted: [['accepted']],
      scheduled: [['accepted'], ['scheduled', SCHEDULE]],
      declined: [['declined']],
      completed: [['accepted'], ['scheduled', SCHEDULE], ['completed']],
      cancelled: [['cancelled']],
    };
    const allowed: Record<string, string[]> = { requested: ['accepted', 'declined', 'cancelled'], accepted: ['scheduled', 'cancelled'], scheduled: ['completed', 'cancelled'], declined: [], completed: [], cancelled: [] };
    let year = 2030;
    let checked = 0;
    for (const [state, steps] of Object.entries(paths)) {
      const visit = await request({ visitorCityId: t.fixture.cities.oslo.id, year: year++ }, admin);
      for (const [s, extra] of steps) expect((await move(visit.id, s, admin, extra)).status).toBe(200);
      for (const target of STUDY_VISIT_STATUSES.filter((s) => !allowed[state].includes(s))) {
        const before = await dumpDb(t.handle.client);
        const p = (await expectProblem(await move(visit.id, target, admin, SCHEDULE), 409)) as unknown as { current: string; allowed: string[] };
        expect(p).toMatchObject({ current: state, allowed: allowed[state] });
        expect(await dumpDb(t.handle.client)).toBe(before);
        checked++;
      }
    }
    expect(checked).toBe(6 * 6 - 7);
  });

  it('lets the secretariat step a visit back, including out of a cancellation, audited', async () => {
    const { people } = t;
    const visit = await request();
    const revert = async (who: Headers) => t.post(`/api/study-visits/${visit.id}/revert`, undefined, { ...who, 'if-match': await etagOf(visit.id) });
    await expectProblem(await revert(people.admin.headers), 409);
    expect((await move(visit.id, 'accepted', people.munichEditor.headers)).status).toBe(200);
    expect((await move(visit.id, 'cancelled', people.osloEditor.headers)).status).toBe(200);
    expect((await revert(people.munichEditor.headers)).status).toBe(403);
    expect((await (await revert(people.admin.headers)).json()).status).toBe('accepted');
    expect((await (await revert(people.admin.headers)).json()).status).toBe('requested');
    expect((await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'study_visit.revert') })).map((a) => [(a.oldValue as { status: string }).status, (a.newValue as { status: string }).status])).toEqual([
      ['cancelled', 'accepted'],
      ['accepted', 'requested'],
    ]);
  });
});

describe('host capacity', () => {
  it('defaults to 3 a year; a full host answers 409 on request and on accept; the secretariat or the host can change it', async () => {
    const { people, fixture: f } = t;
    const admin = people.admin.headers;
    // three accepted visits fill Munich's default capacity for 2025
    for (const [i, visitor] of [f.cities.oslo.id, f.cities.barcelona.id, f.cities.oslo.id].entries()) {
      const v = await request({ visitorCityId: visitor, indicatorId: f.indicators[i].id }, admin);
      expect((await move(v.id, 'accepted', admin)).status).toBe(200);
    }
    const pending = await request({ visitorCityId: f.cities.barcelona.id, indicatorId: null, year: 2025 }, admin).catch(() => null);
    expect(pending).toBeNull(); // full: refused at request time
    const res = await t.post(`/api/networks/${f.net.id}/study-visits`, { hostCityId: f.cities.munich.id, indicatorId: null, year: 2025 }, people.osloEditor.headers);
    expect(await expectProblem(res, 409)).toMatchObject({ detail: expect.stringMatching(/full for 2025/) });
    // a lower capacity than already taken is refused; a higher one opens places
    await expectProblem(await t.put(`/api/cities/${f.cities.munich.id}/host-capacity`, { networkId: f.net.id, year: 2025, capacity: 2 }, admin), 409);
    expect((await t.put(`/api/cities/${f.cities.munich.id}/host-capacity`, { networkId: f.net.id, year: 2025, capacity: 4 }, people.munichEditor.headers)).status).toBe(200);
    const fourth = await request({ indicatorId: null });
    const fifth = await request({ visitorCityId: f.cities.barcelona.id, indicatorId: null }, admin);
    expect((await move(fourth.id, 'accepted', admin)).status).toBe(200);
    const before = await dumpDb(t.handle.client);
    expect(await expectProblem(await move(fifth.id, 'accepted', admin), 409)).toMatchObject({ capacity: 4, taken: 4 });
    expect(await dumpDb(t.handle.client)).toBe(before);
    expect((await t.put(`/api/cities/${f.cities.munich.id}/host-capacity`, { networkId: f.net.id, year: 2025, capacity: 5 }, people.osloEditor.headers)).status).toBe(403);
  });

  it('refuses duplicates, self-visits, non-members and foreign themes', async () => {
    const { people, fixture: f } = t;
    await request();
    await expectProblem(await t.post(`/api/networks/${f.net.id}/study-visits`, { hostCityId: f.cities.munich.id, indicatorId: f.indicators[0].id, year: 2025 }, people.osloEditor.headers), 409);
    const p = await expectProblem(await t.post(`/api/networks/${f.net.id}/study-visits`, { hostCityId: f.cities.oslo.id, indicatorId: 999999, year: 2025 }, people.osloEditor.headers), 422);
    expect(p.errors!.map((e) => e.pointer)).toEqual(['body.hostCityId', 'body.indicatorId']);
    await expectProblem(await t.post(`/api/networks/${f.net.id}/study-visits`, { hostCityId: f.cities.tampere.id, indicatorId: null, year: 2025 }, people.osloEditor.headers), 422);
    await expectProblem(await t.post(`/api/networks/${f.net.id}/study-visits`, { visitorCityId: f.cities.munich.id, hostCityId: f.cities.barcelona.id, indicatorId: null, year: 2025 }, people.osloEditor.headers), 403);
  });
});

describe('concurrency and visibility', () => {
  it('two moves with the same ETag: exactly one wins (412 for the other)', async () => {
    const visit = await request();
    const tag = await etagOf(visit.id);
    const results = await Promise.all([
      t.post(`/api/study-visits/${visit.id}/status`, { status: 'accepted' }, { ...t.people.munichEditor.headers, 'if-match': tag }),
      t.post(`/api/study-visits/${visit.id}/status`, { status: 'cancelled' }, { ...t.people.osloEditor.headers, 'if-match': tag }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    await expectProblem(await t.post(`/api/study-visits/${visit.id}/status`, { status: 'cancelled' }, t.people.osloEditor.headers), 428);
  });

  it('only the two cities and the secretariat see a visit', async () => {
    const { people, fixture: f } = t;
    const visit = await request();
    for (const who of [people.admin, people.osloEditor, people.osloViewer, people.munichEditor]) expect((await t.get(`/api/study-visits/${visit.id}`, who.headers)).status).toBe(200);
    for (const who of [people.otherAdmin.headers, people.researcher.headers, {}]) {
      await expectProblem(await t.get(`/api/study-visits/${visit.id}`, who), 404);
      expect(await (await t.get(`/api/networks/${f.net.id}/study-visits`, who)).json()).toEqual([]);
    }
  });
});

describe('requests from the planner (demo network)', () => {
  it('turns one city’s suggestions, then the whole round’s, into requests; repeats are skipped', async () => {
    const d = await demoApp();
    const rounds = (await (await d.get('/api/rounds', d.tokens.admin)).json()).items as { id: number; year: number; status: string; frameworkName: string }[];
    const round = rounds.find((r) => r.status === 'published')!;
    const plan = await (await d.get(`/api/rounds/${round.id}/study-visits?visits=1`, d.tokens.admin)).json();
    const city = plan.cities.find((c: { visits: unknown[] }) => c.visits.length > 0);
    const res = await d.post(`/api/cities/${city.cityId}/study-visits/from-plan?round=${round.id}&visits=1&year=2026`, undefined, d.tokens.admin);
    expect(res.status, await res.clone().text()).toBe(201);
    const one = await res.json();
    expect(one.created.map((v: { hostCityId: number; origin: string; year: number }) => [v.hostCityId, v.origin, v.year])).toEqual([[city.visits[0].host.cityId, 'planner', 2026]]);
    const all = await (await d.post(`/api/rounds/${round.id}/study-visits/requests?visits=1&year=2026`, undefined, d.tokens.admin)).json();
    const suggested = plan.cities.reduce((n: number, c: { visits: unknown[] }) => n + c.visits.length, 0);
    expect(all.created.length + all.skipped.length).toBe(suggested);
    expect(all.skipped.some((s: { visitorCityId: number; reason: string }) => s.visitorCityId === city.cityId && /open request/.test(s.reason))).toBe(true);
    expect((await d.db.query.outbox.findMany({ where: (o, { eq }) => eq(o.kind, 'study_visit.request') })).length).toBeGreaterThanOrEqual(all.created.length + 1);
    await expectProblem(await d.post(`/api/rounds/${round.id}/study-visits/requests?visits=1`, undefined, d.tokens.oslo), 403);
  });
});
