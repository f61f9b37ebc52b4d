import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});
const admin = () => t.people.admin.headers;
const membershipOf = async (city: string) => ((await (await t.get(`/api/networks/${t.fixture.net.id}/memberships`, admin())).json()).items as { id: number; cityName: string }[]).find((m) => m.cityName === city)!;
const tagOf = async (id: number) => (await t.get(`/api/memberships/${id}`, admin())).headers.get('etag')!;
const move = async (id: number, to: string, effectiveOn = '2025-01-15', reason?: string) => t.post(`/api/memberships/${id}/transition`, { to, effectiveOn, reason }, { ...admin(), 'if-match': await tagOf(id) });

describe('membership workflow', () => {
  it('accepts an applicant, suspends and reinstates with dates and reasons; history keeps every step', async () => {
    const tampere = await membershipOf('Tampere');
    const accepted = await move(tampere.id, 'member', '2025-01-15', 'Council decision');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'member', joinedOn: '2025-01-15' });
    expect((await move(tampere.id, 'suspended', '2025-06-01', 'Fees unpaid')).status).toBe(200);
    expect((await move(tampere.id, 'member', '2025-09-01', 'Fees paid')).status).toBe(200);
    const history = await (await t.get(`/api/memberships/${tampere.id}/history`, admin())).json();
    expect(history.events.map((e: { fromStatus: string; toStatus: string; reason: string }) => `${e.fromStatus}→${e.toStatus}:${e.reason}`)).toEqual(['applicant→member:Council decision', 'member→suspended:Fees unpaid', 'suspended→member:Fees paid']);
    const audit = await (await t.get(`/api/audit?entityType=membership&entityId=${tampere.id}`, admin())).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['membership.member', 'membership.suspended', 'membership.member']);
  });
  it('answers illegal moves with 409 and the allowed next states', async () => {
    const oslo = await membershipOf('Oslo');
    const p = await expectProblem(await move(oslo.id, 'declined'), 409);
    expect(p.allowed).toEqual(['suspended', 'left']);
    await expectProblem(await t.post(`/api/memberships/${oslo.id}/transition`, { to: 'left', effectiveOn: '2025-01-01' }, admin()), 428);
    await expectProblem(await t.post(`/api/memberships/${oslo.id}/transition`, { to: 'left', effectiveOn: 'soon' }, { ...admin(), 'if-match': await tagOf(oslo.id) }), 422);
    await expectProblem(await t.post(`/api/memberships/${oslo.id}/transition`, { to: 'left', effectiveOn: '2025-01-01' }, { ...t.people.osloEditor.headers, 'if-match': await tagOf(oslo.id) }), 403);
  });
  it('a city editor applies for its own city in another network once; not for other cities', async () => {
    const other = t.people.otherNet.id;
    const res = await t.post(`/api/networks/${other}/applications`, {}, t.people.munichEditor.headers);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'applicant', cityName: 'Munich', networkId: other });
    await expectProblem(await t.post(`/api/networks/${other}/applications`, {}, t.people.munichEditor.headers), 409);
    await expectProblem(await t.post(`/api/networks/${other}/applications`, { cityId: t.fixture.cities.oslo.id }, t.people.munichEditor.headers), 403);
    await expectProblem(await t.post(`/api/networks/${other}/applications`, {}, t.people.researcher.headers), 403);
  });
  it('edits contacts and fees with optimistic locking; only the secretariat and the city see the history', async () => {
    const oslo = await membershipOf('Oslo');
    const tag = await tagOf(oslo.id);
    expect((await t.patch(`/api/memberships/${oslo.id}`, { coordinatorName: 'Ada', coordinatorEmail: 'ada@oslo.example', annualFee: 2500, feeCurrency: 'EUR' }, { ...admin(), 'if-match': tag })).status).toBe(200);
    await expectProblem(await t.patch(`/api/memberships/${oslo.id}`, { coordinatorName: 'Bo' }, { ...admin(), 'if-match': tag }), 412);
    await expectProblem(await t.patch(`/api/memberships/${oslo.id}`, { feeCurrency: 'euro', status: 'left' }, { ...admin(), 'if-match': await tagOf(oslo.id) }), 422);
    const fees = await (await t.put(`/api/memberships/${oslo.id}/fees/2025`, { amount: 2500, currency: 'EUR', paidOn: '2025-03-01' }, admin())).json();
    expect(fees.fees).toEqual([{ year: 2025, amount: 2500, currency: 'EUR', paidOn: '2025-03-01' }]);
    expect((await t.get(`/api/memberships/${oslo.id}/history`, t.people.osloViewer.headers)).status).toBe(200);
    await expectProblem(await t.get(`/api/memberships/${oslo.id}/history`, t.people.munichEditor.headers), 403);
    const publicView = await (await t.get(`/api/memberships/${oslo.id}`)).json();
    expect(publicView).toMatchObject({ coordinatorEmail: null, annualFee: null });
  });
});
