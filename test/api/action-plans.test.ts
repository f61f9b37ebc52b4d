/**
 * Action plans end to end: a city's editors plan goals per key factor from a baseline round, see
 * progress against later rounds, adopt/archive/reopen (409 with the allowed next statuses
 * otherwise), edit with If-Match (one of two concurrent writes wins); viewers and the secretariat
 * read; everyone else gets 404.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';
import { dumpDb } from '../helpers/dump';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});

type Plan = { id: number; version: number; status: string; items: { id: number; version: number; indicatorId: number; progress: { year: number; value: number | null; baseline: boolean }[]; change: number | null }[] };

async function createPlan(): Promise<Plan> {
  const res = await t.post(`/api/cities/${t.fixture.cities.oslo.id}/action-plans`, { baselineRoundId: t.fixture.closedRound.id, title: 'Diversity action plan 2023-2026' }, t.people.osloEditor.headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
const etagOf = async (id: number) => (await t.get(`/api/action-plans/${id}`, t.people.osloEditor.headers)).headers.get('etag')!;
const addItem = (planId: number, body: Record<string, unknown>, who = t.people.osloEditor.headers) => t.post(`/api/action-plans/${planId}/items`, body, who);

describe('an action plan', () => {
  it('holds goals per key factor and shows the city’s answers in the baseline and later rounds', async () => {
    const { fixture: f, people } = t;
    const plan = await createPlan();
    expect(plan).toMatchObject({ status: 'draft', cityId: f.cities.oslo.id, networkId: f.net.id, items: [] });
    let res = await addItem(plan.id, { indicatorId: f.indicators[0].id, goal: 'Strategy with budget and milestones', measures: 'Budget line; yearly milestones', horizon: 'long_term', owner: 'Integration office', dueOn: '2026-12-31' });
    expect(res.status).toBe(201);
    res = await addItem(plan.id, { indicatorId: f.indicators[1].id, goal: 'Publish the strategy online', horizon: 'quick_win' });
    const body: Plan = await res.json();
    expect(body.items[0]).toMatchObject({ indicatorId: f.indicators[0].id, change: 1 });
    expect(body.items[0].progress.map((p) => [p.year, p.value, p.baseline])).toEqual([
      [2022, 2, true],
      [2024, 3, false],
    ]);
    expect(body.items[1]).toMatchObject({ horizon: 'quick_win', status: 'planned', change: null });
    // editing an item with its own ETag
    const item = body.items[0];
    res = await t.put(`/api/action-items/${item.id}`, { status: 'in_progress' }, { ...people.osloEditor.headers, 'if-match': `"action-item-${item.id}-v${item.version}"` });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"action-item-${item.id}-v2"`);
    // the viewer and the secretariat read it
    for (const who of [people.osloViewer, people.admin]) expect((await (await t.get(`/api/action-plans/${plan.id}`, who.headers)).json()).items).toHaveLength(2);
    expect((await (await t.get(`/api/cities/${f.cities.oslo.id}/action-plans`, people.admin.headers)).json()).map((p: { id: number }) => p.id)).toEqual([plan.id]);
    const audit = await t.db.query.auditLog.findMany({ where: (a, { like }) => like(a.action, 'action_%') });
    expect(audit.map((a) => a.action)).toEqual(['action_plan.create', 'action_item.create', 'action_item.create', 'action_item.update']);
    expect(audit[3]).toMatchObject({ oldValue: { status: 'planned', version: 1 }, newValue: { status: 'in_progress', version: 2 } });
  });

  it('moves draft → adopted → archived → adopted → draft; illegal moves answer 409 with the allowed statuses', async () => {
    const plan = await createPlan();
    const put = async (body: Record<string, unknown>) => t.put(`/api/action-plans/${plan.id}`, body, { ...t.people.osloEditor.headers, 'if-match': await etagOf(plan.id) });
    expect((await put({ status: 'adopted' })).status).toBe(200);
    expect((await put({ status: 'archived' })).status).toBe(200);
    const before = await dumpDb(t.handle.client);
    const p = (await expectProblem(await put({ status: 'draft' }), 409)) as unknown as { current: string; allowed: string[] };
    expect(p).toMatchObject({ current: 'archived', allowed: ['adopted'] });
    await expectProblem(await addItem(plan.id, { indicatorId: t.fixture.indicators[0].id, goal: 'x', horizon: 'quick_win' }), 409);
    expect(await dumpDb(t.handle.client)).toBe(before);
    expect((await put({ status: 'adopted' })).status).toBe(200);
    expect((await put({ status: 'draft', title: 'Revised plan' })).status).toBe(200);
    const audit = await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'action_plan.update') });
    expect(audit.map((a) => `${(a.oldValue as { status: string }).status}→${(a.newValue as { status: string }).status}`)).toEqual(['draft→adopted', 'adopted→archived', 'archived→adopted', 'adopted→draft']);
  });

  it('rejects key factors outside the baseline framework and rounds outside the city’s networks', async () => {
    const { fixture: f, people } = t;
    const plan = await createPlan();
    const p = await expectProblem(await addItem(plan.id, { indicatorId: 999999, goal: 'x', horizon: 'quick_win', dueOn: 'soon' }), 422);
    expect(p.errors!.map((e) => e.pointer)).toEqual(['body.dueOn']);
    await expectProblem(await addItem(plan.id, { indicatorId: 999999, goal: 'x', horizon: 'quick_win' }), 422);
    await expectProblem(await t.post(`/api/cities/${f.cities.tampere.id}/action-plans`, { baselineRoundId: f.closedRound.id, title: 'x' }, people.osloEditor.headers), 403);
    await expectProblem(await t.post(`/api/cities/${f.cities.oslo.id}/action-plans`, { baselineRoundId: 999999, title: 'x' }, people.osloEditor.headers), 422);
  });
});

describe('concurrency', () => {
  it('two writes with the same ETag: exactly one wins, the other gets 412 (plan and item)', async () => {
    const plan = await createPlan();
    const tag = await etagOf(plan.id);
    const h = { ...t.people.osloEditor.headers, 'if-match': tag };
    const both = await Promise.all([t.put(`/api/action-plans/${plan.id}`, { title: 'A' }, h), t.put(`/api/action-plans/${plan.id}`, { title: 'B' }, h)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    const item = ((await (await addItem(plan.id, { indicatorId: t.fixture.indicators[0].id, goal: 'g', horizon: 'quick_win' })).json()) as Plan).items[0];
    const ih = { ...t.people.osloEditor.headers, 'if-match': `"action-item-${item.id}-v1"` };
    const items = await Promise.all([t.put(`/api/action-items/${item.id}`, { status: 'done' }, ih), t.put(`/api/action-items/${item.id}`, { status: 'dropped' }, ih)]);
    expect(items.map((r) => r.status).sort()).toEqual([200, 412]);
    await expectProblem(await t.put(`/api/action-items/${item.id}`, { status: 'done' }, t.people.osloEditor.headers), 428);
  });
});

describe('privacy', () => {
  it('is the city’s and its secretariat’s: others get 404, readers cannot write, and nothing changes', async () => {
    const { fixture: f, people } = t;
    const plan = await createPlan();
    const item = ((await (await addItem(plan.id, { indicatorId: f.indicators[0].id, goal: 'g', horizon: 'quick_win' })).json()) as Plan).items[0];
    const before = await dumpDb(t.handle.client);
    for (const who of [people.munichEditor.headers, people.otherAdmin.headers, people.researcher.headers, {}]) {
      await expectProblem(await t.get(`/api/action-plans/${plan.id}`, who), 404);
      await expectProblem(await t.get(`/api/cities/${f.cities.oslo.id}/action-plans`, who), 404);
      await expectProblem(await t.put(`/api/action-items/${item.id}`, { status: 'done' }, { ...who, 'if-match': `"action-item-${item.id}-v1"` }), 404);
      await expectProblem(await addItem(plan.id, { indicatorId: f.indicators[0].id, goal: 'x', horizon: 'quick_win' }, who), 404);
    }
    for (const who of [people.osloViewer.headers, people.admin.headers]) {
      await expectProblem(await t.put(`/api/action-plans/${plan.id}`, { title: 'x' }, { ...who, 'if-match': await etagOf(plan.id) }), 403);
      await expectProblem(await t.put(`/api/action-items/${item.id}`, { status: 'done' }, { ...who, 'if-match': `"action-item-${item.id}-v1"` }), 403);
    }
    expect(await dumpDb(t.handle.client)).toBe(before);
  });
});
