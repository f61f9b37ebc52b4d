import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';
import { FIXTURE_PASSWORD } from '../helpers/fixture';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});

/** Signs in and returns the headers a browser would send afterwards (cookie + CSRF token). */
async function signIn(email: string, password = FIXTURE_PASSWORD) {
  const res = await t.post('/api/auth/login', { email, password });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  const body = await res.json();
  return { cookie, body, headers: { cookie: cookie.split(';')[0], 'x-csrf-token': body.csrfToken as string } };
}
const sql = (q: string, args: (string | number)[] = []) => t.handle.client.execute({ sql: q, args });

describe('sessions', () => {
  it('sign-in sets a __Host- cookie (HttpOnly, Secure, SameSite=Lax, Path=/) and /me shows the roles', async () => {
    const { cookie, body, headers } = await signIn(t.people.osloEditor.email);
    expect(cookie).toMatch(/^__Host-citypeers_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
    expect(body.grants).toEqual([expect.objectContaining({ role: 'city_editor', cityId: t.fixture.cities.oslo.id })]);
    const me = await (await t.get('/api/auth/me', { cookie: headers.cookie })).json();
    expect(me).toMatchObject({ authenticated: true, via: 'session', user: { email: t.people.osloEditor.email } });
    const stored = await sql('SELECT id_hash FROM sessions');
    expect(JSON.stringify(stored.rows)).not.toContain(headers.cookie.split('=')[1]);
  });
  it('wrong password and unknown account get the same 401, and both are audited', async () => {
    const a = await expectProblem(await t.post('/api/auth/login', { email: t.people.admin.email, password: 'not the password' }), 401);
    const b = await expectProblem(await t.post('/api/auth/login', { email: 'nobody@fixture.example', password: 'not the password' }), 401);
    expect(a.detail).toBe(b.detail);
    const audit = await sql("SELECT actor_label FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id");
    expect(audit.rows.map((r) => r.actor_label)).toEqual([t.people.admin.email, 'nobody@fixture.example']);
    expect(JSON.stringify((await sql('SELECT * FROM audit_log')).rows)).not.toContain('not the password');
  });
  it('cookie-authenticated writes need the CSRF token', async () => {
    const { headers } = await signIn(t.people.osloEditor.email);
    const body = { values: [{ variable: 'unemployment_rate', year: 2024, value: 3.3, source: 'test' }] };
    const url = `/api/cities/${t.fixture.cities.oslo.id}/context-values`;
    await expectProblem(await t.put(url, body, { cookie: headers.cookie }), 403);
    await expectProblem(await t.put(url, body, { cookie: headers.cookie, 'x-csrf-token': 'wrong' }), 403);
    expect((await t.put(url, body, headers)).status).toBe(200);
  });
  it('logout ends the session', async () => {
    const { headers } = await signIn(t.people.admin.email);
    expect((await t.post('/api/auth/logout', undefined, headers)).status).toBe(204);
    expect(await (await t.get('/api/auth/me', { cookie: headers.cookie })).json()).toMatchObject({ authenticated: false });
  });
  it('expires after 30 idle minutes and after 12 hours in any case', async () => {
    const first = await signIn(t.people.admin.email);
    await sql('UPDATE sessions SET last_seen_at = ?', [new Date(Date.now() - 31 * 60_000).toISOString()]);
    expect((await (await t.get('/api/auth/me', { cookie: first.headers.cookie })).json()).authenticated).toBe(false);
    const second = await signIn(t.people.admin.email);
    await sql('UPDATE sessions SET expires_at = ? WHERE revoked_at IS NULL', [new Date(Date.now() - 1000).toISOString()]);
    expect((await (await t.get('/api/auth/me', { cookie: second.headers.cookie })).json()).authenticated).toBe(false);
  });
  it('limits failed sign-ins to 100 an hour per account, answering 429 with Retry-After', async () => {
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    for (let i = 0; i < 100; i++) await sql("INSERT INTO audit_log (created_at, actor_label, action, client_address) VALUES (?, ?, 'auth.login_failed', ?)", [at, t.people.admin.email, `10.0.0.${i}`]);
    const res = await t.post('/api/auth/login', { email: t.people.admin.email, password: FIXTURE_PASSWORD });
    await expectProblem(res, 429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(40 * 60);
    expect(retry).toBeLessThanOrEqual(50 * 60);
    expect((await t.post('/api/auth/login', { email: t.people.osloEditor.email, password: FIXTURE_PASSWORD })).status).toBe(200);
  });
  it('limits failed sign-ins per client address too (from the connection, not X-Forwarded-For)', async () => {
    const at = new Date().toISOString();
    for (let i = 0; i < 100; i++) await sql("INSERT INTO audit_log (created_at, actor_label, action, client_address) VALUES (?, ?, 'auth.login_failed', 'local')", [at, `user${i}@x.example`]);
    await expectProblem(await t.post('/api/auth/login', { email: t.people.osloEditor.email, password: FIXTURE_PASSWORD }, { 'x-forwarded-for': '203.0.113.9' }), 429);
  });
  it('refuses a disabled account and ends its sessions and tokens', async () => {
    const editor = await signIn(t.people.osloEditor.email);
    expect((await t.post(`/api/users/${t.people.osloEditor.userId}/disable`, undefined, t.people.admin.headers)).status).toBe(204);
    expect((await (await t.get('/api/auth/me', { cookie: editor.headers.cookie })).json()).authenticated).toBe(false);
    await expectProblem(await t.get('/api/auth/me', t.people.osloEditor.headers), 401);
    await expectProblem(await t.post('/api/auth/login', { email: t.people.osloEditor.email, password: FIXTURE_PASSWORD }), 401);
    await expectProblem(await t.post(`/api/users/${t.people.admin.userId}/disable`, undefined, t.people.otherAdmin.headers), 403);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to a held role, and revocable', async () => {
    const { headers } = await signIn(t.people.osloEditor.email);
    const grant = { role: 'city_editor', networkId: t.fixture.net.id, cityId: t.fixture.cities.oslo.id };
    const res = await t.post('/api/auth/tokens', { name: 'import script', ...grant, expiresInDays: 30 }, headers);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.token).toMatch(/^cpt_[\w-]{40,}$/);
    expect(JSON.stringify((await sql('SELECT * FROM api_tokens')).rows)).not.toContain(created.token);
    const list = await (await t.get('/api/auth/tokens', headers)).json();
    expect(JSON.stringify(list)).not.toContain(created.token);
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await (await t.get('/api/auth/me', bearer)).json()).via).toBe('token');
    await expectProblem(await t.post('/api/auth/tokens', { name: 'escalate', role: 'secretariat_admin', networkId: t.fixture.net.id, cityId: null }, headers), 422);
    await expectProblem(await t.post('/api/auth/tokens', { name: 'chain', ...grant }, bearer), 403);
    expect((await t.delete(`/api/auth/tokens/${created.id}`, headers)).status).toBe(204);
    await expectProblem(await t.get('/api/auth/me', bearer), 401);
  });
  it('stop working after they expire; a malformed bearer header is 401, not anonymous', async () => {
    await sql('UPDATE api_tokens SET expires_at = ?', [new Date(Date.now() - 1000).toISOString()]);
    await expectProblem(await t.get('/api/auth/me', t.people.admin.headers), 401);
    await expectProblem(await t.get('/api/networks', { authorization: 'Basic abc' }), 401);
  });
});

describe('invitations', () => {
  it('an admin invites a coordinator; the link lands in the outbox; accepting sets a password and signs in', async () => {
    const res = await t.post(`/api/networks/${t.fixture.net.id}/invitations`, { email: 'New.Coordinator@Munich.example', role: 'city_editor', cityId: t.fixture.cities.munich.id }, t.people.admin.headers);
    expect(res.status).toBe(201);
    const outbox = await (await t.get(`/api/networks/${t.fixture.net.id}/outbox`, t.people.admin.headers)).json();
    const link = /\/invite\/([\w-]+)/.exec(outbox.items[0].body)![1];
    expect(outbox.items[0].recipient).toBe('new.coordinator@munich.example');
    const weak = await expectProblem(await t.post('/api/auth/invitations/accept', { token: link, name: 'New', password: 'password123' }), 422);
    expect(weak.errors![0].pointer).toBe('body.password');
    await expectProblem(await t.post('/api/auth/invitations/accept', { token: link, name: 'New', password: 'short' }), 422);
    const accepted = await t.post('/api/auth/invitations/accept', { token: link, name: 'New coordinator', password: 'a'.repeat(20) + ' long passphrase of 64 chars or more is fine too ok' });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).grants).toEqual([expect.objectContaining({ role: 'city_editor', cityId: t.fixture.cities.munich.id })]);
    await expectProblem(await t.post('/api/auth/invitations/accept', { token: link, name: 'Again', password: 'another good passphrase' }), 404);
  });
  it('only the network’s secretariat can invite or read the outbox', async () => {
    const body = { email: 'x@y.example', role: 'city_viewer', cityId: t.fixture.cities.oslo.id };
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/invitations`, body), 401);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/invitations`, body, t.people.osloEditor.headers), 403);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/invitations`, body, t.people.otherAdmin.headers), 403);
    await expectProblem(await t.get(`/api/networks/${t.fixture.net.id}/outbox`, t.people.researcher.headers), 403);
    await expectProblem(await t.post(`/api/networks/${t.fixture.net.id}/invitations`, { ...body, cityId: t.fixture.cities.tampere.id }, t.people.admin.headers), 422);
  });
});

describe('audit log', () => {
  it('records every change with who, where, old → new; never secrets; readable with filters by the secretariat only', async () => {
    const etag = (await t.get(`/api/submissions/${t.fixture.osloSub.id}`, t.people.osloEditor.headers)).headers.get('etag')!;
    const put = await t.put(`/api/submissions/${t.fixture.osloSub.id}/scores`, { scores: [{ indicatorId: t.fixture.indicators[0].id, value: 4 }] }, { ...t.people.osloEditor.headers, 'if-match': etag });
    expect(put.status).toBe(200);
    const log = await (await t.get(`/api/audit?action=scores.update&network=${t.fixture.net.id}`, t.people.admin.headers)).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actorLabel: expect.stringContaining(t.people.osloEditor.email), cityId: t.fixture.cities.oslo.id, networkId: t.fixture.net.id, entityId: String(t.fixture.osloSub.id) });
    expect(log.items[0].oldValue.scores[0].value).toBe(3);
    expect(log.items[0].newValue.scores[0].value).toBe(4);
    expect(log.items[0].at).toMatch(/Z$/);
    const everything = JSON.stringify((await sql('SELECT * FROM audit_log')).rows);
    for (const p of Object.values(t.people)) if (typeof p === 'object' && 'token' in p) expect(everything).not.toContain(p.token);
    expect((await (await t.get('/api/audit', t.people.otherAdmin.headers)).json()).items).toEqual([]);
    await expectProblem(await t.get(`/api/audit?network=${t.fixture.net.id}`, t.people.otherAdmin.headers), 403);
    await expectProblem(await t.get('/api/audit', t.people.osloEditor.headers), 403);
    await expectProblem(await t.get('/api/audit'), 401);
  });
});
