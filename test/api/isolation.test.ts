/**
 * Tenant isolation, end to end: Oslo's editor tries every write on Munich's objects (and on the
 * network's secretariat functions) with a valid token and valid bodies; nothing in the database changes.
 */
import { describe, expect, it } from 'vitest';
import { fixtureApp } from '../helpers/app';
import { dumpDb } from '../helpers/dump';

describe('a city editor writing to another city', () => {
  it('is refused everywhere and changes nothing (audit log included)', async () => {
    const t = await fixtureApp();
    const { fixture: f, people } = t;
    const etag = (await t.get(`/api/submissions/${f.munichSub.id}`, people.admin.headers)).headers.get('etag')!;
    const before = await dumpDb(t.handle.client);
    const oslo = { ...people.osloEditor.headers, 'if-match': etag };
    const attempts: [string, Response][] = [
      ['scores', await t.put(`/api/submissions/${f.munichSub.id}/scores`, { scores: [{ indicatorId: f.indicators[0].id, value: 0 }] }, oslo)],
      ['submit', await t.post(`/api/submissions/${f.munichSub.id}/submit`, undefined, oslo)],
      ['create for Munich', await t.post(`/api/rounds/${f.openRound.id}/submissions`, { cityId: f.cities.munich.id }, oslo)],
      ['context', await t.put(`/api/cities/${f.cities.munich.id}/context-values`, { values: [{ variable: 'unemployment_rate', year: 2024, value: 99, source: 'x' }] }, oslo)],
      ['invite', await t.post(`/api/networks/${f.net.id}/invitations`, { email: 'spy@x.example', role: 'city_editor', cityId: f.cities.munich.id }, oslo)],
      ['disable', await t.post(`/api/users/${people.munichEditor.userId}/disable`, undefined, oslo)],
      ['published scores', await t.put(`/api/submissions/${f.closedSub.id}/scores`, { scores: [{ indicatorId: f.indicators[0].id, value: 0 }] }, people.munichEditor.headers)],
      ['validate own (status is not writable)', await t.put(`/api/submissions/${f.osloSub.id}/scores`, { status: 'validated', scores: [] }, oslo)],
    ];
    for (const [what, res] of attempts) expect([401, 403, 404, 409, 412, 422], what).toContain(res.status);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });
});
