/**
 * Research exports (issue 7) through the API on the seeded demo network: access, the ZIP's
 * content, anonymisation guarantees, the ε ledger, the rate limit and the audit entry (jobs shared
 * by server processes: exports-processes.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cities, evidence, scores } from '../../db/schema';
import { jobsOf } from '../../server/services/exports/jobs';
import { demoApp, expectProblem, fixtureApp } from '../helpers/app';
import { parseCsv, readParquet, text, unzip } from '../exports/zip';

type T = Awaited<ReturnType<typeof demoApp>>;
let t: T;
let published: number, closed: number;
const SUBSET = ['geography', 'population', 'migrantShare', 'KF01', 'KF02', 'KF03'];

/** POST, wait for the job, GET its status and the ZIP. */
async function exportOf(app: { post: T['post']; get: T['get']; db: T['db'] }, body: object, headers: Record<string, string>) {
  const started = performance.now();
  const res = await app.post('/api/exports', body, headers);
  expect(res.status, await res.clone().text()).toBe(202);
  const { id, status } = await res.json();
  expect(status).toBe('queued');
  const early = await (await app.get(`/api/exports/${id}`, headers)).json();
  expect(['queued', 'running', 'done']).toContain(early.status);
  await jobsOf(app.db).idle();
  const state = await (await app.get(`/api/exports/${id}`, headers)).json();
  expect(state.status, state.error).toBe('done');
  const dl = await app.get(`/api/exports/${id}/download`, headers);
  expect(dl.status).toBe(200);
  expect(dl.headers.get('content-type')).toBe('application/zip');
  expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="citypeers-export-[0-9a-f]{8}\.zip"$/);
  const bytes = new Uint8Array(await dl.arrayBuffer());
  console.info(`export ${JSON.stringify(body)}: ${bytes.length} bytes zipped, job ${state.durationMs} ms, end to end ${Math.round(performance.now() - started)} ms`);
  return { id, state, files: unzip(bytes), bytes };
}

beforeAll(async () => {
  t = await demoApp();
  const rounds = (await (await t.get('/api/rounds', t.tokens.admin)).json()).items as { id: number; status: string; name: string }[];
  published = rounds.find((r) => r.status === 'published')!.id;
  closed = rounds.find((r) => r.status === 'closed' && r.name.startsWith('Promoting'))!.id;
}, 60_000);

describe('research export: access', () => {
  it('anonymous 401, city editor 403, unknown round 404, bad body 422', async () => {
    await expectProblem(await t.post('/api/exports', { roundIds: [published] }), 401);
    await expectProblem(await t.post('/api/exports', { roundIds: [published] }, t.tokens.oslo), 403);
    await expectProblem(await t.post('/api/exports', { roundIds: [99999] }, t.tokens.researcher), 404);
    const bad = await expectProblem(await t.post('/api/exports', { roundIds: [published], formats: ['xlsx'], secret: 1 }, t.tokens.researcher), 422);
    expect(bad.errors!.map((e) => e.pointer)).toEqual(expect.arrayContaining(['body.formats.0']));
    const unknown = await expectProblem(await t.post('/api/exports', { roundIds: [published], variables: ['name'] }, t.tokens.researcher), 422);
    expect(unknown.errors![0].pointer).toBe('body.variables.0');
  });

  it("researcher gets 404 for an unpublished round; the network's admin exports it; others do not see the job", async () => {
    await expectProblem(await t.post('/api/exports', { roundIds: [closed] }, t.tokens.researcher), 404);
    const { id, state } = await exportOf(t, { roundIds: [closed], variables: SUBSET, formats: ['csv'] }, t.tokens.admin);
    expect(state.rounds[0].roundId).toBe(closed);
    await expectProblem(await t.get(`/api/exports/${id}`, t.tokens.researcher), 404);
    await expectProblem(await t.get(`/api/exports/${id}/download`, t.tokens['copenhagen.viewer']), 404);
    await expectProblem(await t.get(`/api/exports/${id}`), 401);
  });
});

describe('research export: the ZIP of a published round', () => {
  let a: Awaited<ReturnType<typeof exportOf>>, b: Awaited<ReturnType<typeof exportOf>>;
  beforeAll(async () => {
    a = await exportOf(t, { roundIds: [published], variables: SUBSET }, t.tokens.researcher);
    b = await exportOf(t, { roundIds: [published], variables: SUBSET }, t.tokens.researcher);
  }, 60_000);

  it('holds rows and aggregates as CSV, JSON and Parquet, plus codebook, README and risk.json', () => {
    expect(Object.keys(a.files).sort()).toEqual(['README.md', 'aggregates.csv', 'aggregates.json', 'aggregates.parquet', 'codebook.csv', 'codebook.json', 'risk.json', 'rows.csv', 'rows.json', 'rows.parquet']);
    const book = JSON.parse(text(a.files, 'codebook.json')) as Record<string, string>[];
    const rows = parseCsv(text(a.files, 'rows.csv'));
    for (const c of rows.columns) expect(book.find((e) => e.file === 'rows' && e.name === c), c).toMatchObject({ label: expect.any(String), type: expect.any(String), transformation: expect.any(String), source: expect.any(String) });
    expect(book.find((e) => e.name === 'indicator.KF01')!.demo).toBe('true');
    expect(text(a.files, 'README.md')).toMatch(/## Method[\s\S]*k = 5[\s\S]*## Measured risk/);
  });

  it('Parquet and CSV read back equal (rows and aggregates); JSON too', async () => {
    const csv = parseCsv(text(a.files, 'rows.csv'));
    const pq = await readParquet(a.files['rows.parquet']);
    expect(pq).toEqual(csv.rows);
    expect(JSON.parse(text(a.files, 'rows.json'))).toEqual(csv.rows);
    const aggCsv = parseCsv(text(a.files, 'aggregates.csv')).rows;
    const aggPq = await readParquet(a.files['aggregates.parquet']);
    expect(aggPq.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])))).toEqual(aggCsv);
  });

  it('rows are whitelisted: no free text, no internal ids, no timestamps, no city names or codes anywhere in the ZIP', async () => {
    const cols = parseCsv(text(a.files, 'rows.csv')).columns;
    expect(cols).toEqual(['round', 'pseudonym', 'geography', 'population', 'migrantShare', 'indicator.KF01', 'indicator.KF02', 'indicator.KF03']);
    const all = Object.entries(a.files).map(([name, bytes]) => (name.endsWith('.parquet') ? Buffer.from(bytes).toString('latin1') : text(a.files, name))).join('\n');
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no timestamps
    expect(all).not.toMatch(/"(id|cityId|submissionId|userId|createdAt|evidence|note)"/);
    const texts = [
      ...(await t.db.select({ e: scores.evidenceText, n: scores.note }).from(scores)).flatMap((s) => [s.e, s.n]),
      ...(await t.db.select({ title: evidence.title, url: evidence.url }).from(evidence)).flatMap((e) => [e.title, e.url]),
    ].filter((s): s is string => !!s && s.length >= 12);
    expect(texts.length).toBeGreaterThan(10);
    for (const s of texts) expect(all.includes(s), s).toBe(false);
    const names = await t.db.select({ name: cities.name, local: cities.localName, code: cities.eurostatCode }).from(cities);
    const found = names.flatMap((c) => [c.name, c.local, c.code]).filter((s): s is string => !!s && s.length >= 4 && new RegExp(`\\b${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(all));
    expect(found).toEqual([]);
  });

  it('two exports share no pseudonym (fresh 128-bit pseudonyms, shuffled rows)', () => {
    const pa = parseCsv(text(a.files, 'rows.csv')).rows.map((r) => r.pseudonym);
    const pb = new Set(parseCsv(text(b.files, 'rows.csv')).rows.map((r) => r.pseudonym));
    expect(pa.length).toBeGreaterThan(100);
    for (const p of pa) expect(p).toMatch(/^[0-9a-f]{32}$/);
    expect(pa.filter((p) => pb.has(p))).toEqual([]);
  });

  it('the risk report meets k ≥ 5, ℓ ≥ 2, ≤ 10% suppression (README, risk.json and the API agree)', () => {
    const risk = JSON.parse(text(a.files, 'risk.json'));
    expect(risk.summary).toEqual(a.state.risk);
    expect(risk.summary.k).toBeGreaterThanOrEqual(5);
    expect(risk.summary.l).toBeGreaterThanOrEqual(2);
    expect(risk.summary.suppressedShare).toBeLessThanOrEqual(0.1);
    expect(risk.summary.maxProsecutorRisk).toBeLessThanOrEqual(0.2);
    expect(risk.parameters).toMatchObject({ k: 5, l: 2, maxSuppression: 0.1, variables: SUBSET });
    expect(parseCsv(text(a.files, 'rows.csv')).rows.length).toBe(risk.summary.rowsReleased);
    console.info('risk report, published demo round, 3 indicators:', JSON.stringify(risk.summary));
  });

  it('every variable of the framework: rows are refused (indicator bands re-identify against published scores) and aggregates are delivered', async () => {
    const full = await exportOf(t, { roundIds: [published] }, t.tokens.researcher);
    const risk = JSON.parse(text(full.files, 'risk.json'));
    console.info('risk report, published demo round, all variables:', JSON.stringify({ summary: risk.summary, reason: risk.rounds[0].reason.slice(0, 200) }));
    if (risk.rounds[0].outcome === 'rows') {
      expect(risk.summary).toMatchObject({ k: expect.any(Number) });
      expect(risk.summary.k).toBeGreaterThanOrEqual(5);
      expect(risk.summary.suppressedShare).toBeLessThanOrEqual(0.1);
    } else {
      expect(full.files['rows.csv']).toBeUndefined();
      expect(risk.rounds[0].reason).toMatch(/aggregate tables are offered instead/);
      const agg = parseCsv(text(full.files, 'aggregates.csv')).rows;
      expect(agg.some((r) => r.count !== '' && Number(r.count) >= 6)).toBe(true);
      for (const r of agg) if (r.count !== '') expect(Number(r.count) === 0 || Number(r.count) >= 6, JSON.stringify(r)).toBe(true);
      expect(text(full.files, 'README.md')).toContain('refused');
    }
  });

  it('writes the audit entry export.create with parameters and risk', async () => {
    const rows = await t.db.select().from(auditLog);
    const entry = rows.find((r) => r.action === 'export.create' && r.entityId === a.id)!;
    expect(entry.actorLabel).toMatch(/^researcher@demo/);
    expect(entry.newValue).toMatchObject({ parameters: { roundIds: [published], variables: SUBSET, k: 5, l: 2 }, risk: a.state.risk });
  });
});

describe('research export: differential privacy ledger and rate limit', () => {
  it('ε = 1 three times on a round, the fourth is refused with 409 and a reason; nothing else changes', async () => {
    for (let i = 0; i < 3; i++) {
      const { files } = await exportOf(t, { roundIds: [published], variables: SUBSET, formats: ['json'], dp: { epsilon: 1 } }, t.tokens.admin);
      expect(JSON.parse(text(files, 'risk.json')).rounds[0].aggregates.dp.epsilon).toBe(1);
      expect(text(files, 'README.md')).toContain('Differential privacy');
    }
    const refused = await expectProblem(await t.post('/api/exports', { roundIds: [published], dp: { epsilon: 1 } }, t.tokens.researcher), 409);
    expect(refused.detail).toMatch(/budget .* exhausted: ε=1 would bring the round to 4 > budget 3/);
    // exact aggregates need no budget
    expect((await t.post('/api/exports', { roundIds: [published], variables: SUBSET, formats: ['csv'] }, t.tokens.admin)).status).toBe(202);
    await jobsOf(t.db).idle();
  });

  it('10 exports an hour per user, then 429 with Retry-After', async () => {
    const f = await fixtureApp();
    const body = { roundIds: [f.fixture.closedRound.id], formats: ['csv'] };
    for (let i = 0; i < 10; i++) expect((await f.post('/api/exports', body, f.people.researcher.headers)).status).toBe(202);
    const res = await f.post('/api/exports', body, f.people.researcher.headers);
    await expectProblem(res, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await jobsOf(f.db).idle();
    // finished exports are counted from the audit log
    await expectProblem(await f.post('/api/exports', body, f.people.researcher.headers), 429);
    expect((await f.post('/api/exports', body, f.people.admin.headers)).status).toBe(202);
    await jobsOf(f.db).idle();
  });
});
