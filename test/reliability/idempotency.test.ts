/** Idempotency-Key on POST: one effect for any number of replays, 422 on a changed body, 24 h retention. */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, idempotencyKeys, submissions } from '../../db/schema';
import { expectProblem, fixtureApp } from '../helpers/app';

describe('Idempotency-Key', () => {
  it('50 parallel replays of a create have exactly one effect and all get the first response', async () => {
    const t = await fixtureApp();
    const path = `/api/rounds/${t.fixture.openRound.id}/submissions`;
    const body = { cityId: t.fixture.cities.barcelona.id };
    const headers = { ...t.people.admin.headers, 'idempotency-key': 'create-barcelona-1' };
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.post(path, body, headers)));
    const statuses = responses.map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
    const created = await t.db.select().from(submissions).where(eq(submissions.cityId, t.fixture.cities.barcelona.id));
    expect(created).toHaveLength(1);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'submission.create'));
    expect(audits).toHaveLength(1);
    // a replay long after still answers the first response, without a second effect
    const later = await t.post(path, body, headers);
    expect(later.status).toBe(201);
    expect(await later.text()).toBe(bodies[0]);
  });

  it('a replayed 4xx stays the same 4xx; a different body with the same key is 422', async () => {
    const t = await fixtureApp();
    const path = `/api/rounds/${t.fixture.openRound.id}/submissions`;
    const headers = { ...t.people.admin.headers, 'idempotency-key': 'k-2' };
    expect((await t.post(path, { cityId: t.fixture.cities.oslo.id }, headers)).status).toBe(409);
    expect((await t.post(path, { cityId: t.fixture.cities.oslo.id }, headers)).status).toBe(409);
    await expectProblem(await t.post(path, { cityId: t.fixture.cities.barcelona.id }, headers), 422);
    // the same key on another path is another request too
    await expectProblem(await t.post(`/api/submissions/${t.fixture.osloSub.id}/submit`, undefined, headers), 422);
    expect(await t.db.select().from(submissions).where(eq(submissions.cityId, t.fixture.cities.barcelona.id))).toHaveLength(0);
  });

  it('keys are per caller, and are kept 24 hours', async () => {
    const t = await fixtureApp();
    const path = `/api/rounds/${t.fixture.openRound.id}/submissions`;
    const key = { 'idempotency-key': 'shared-key' };
    expect((await t.post(path, { cityId: t.fixture.cities.oslo.id }, { ...t.people.admin.headers, ...key })).status).toBe(409);
    // another user with the same key is not a replay of the admin's request
    expect((await t.post(path, {}, { ...t.people.munichEditor.headers, ...key })).status).toBe(409);
    const stored = await t.db.select().from(idempotencyKeys);
    expect(stored).toHaveLength(2);
    // 23 h later: still a replay guard; 25 h later: gone, the key may be used afresh
    await t.db.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 23 * 3600_000).toISOString() });
    await expectProblem(await t.post(path, { cityId: t.fixture.cities.barcelona.id }, { ...t.people.admin.headers, ...key }), 422);
    await t.db.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000).toISOString() });
    expect((await t.post(path, { cityId: t.fixture.cities.barcelona.id }, { ...t.people.admin.headers, ...key })).status).toBe(201);
  });

  it('never stores auth responses (they carry secrets) and rejects malformed keys', async () => {
    const t = await fixtureApp();
    await t.post('/api/auth/logout', undefined, { ...t.people.admin.headers, 'idempotency-key': 'logout' });
    expect((await t.db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys))[0].n).toBe(0);
    await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/submissions`, {}, { ...t.people.admin.headers, 'idempotency-key': 'bad key with spaces' }), 422);
  });
});
