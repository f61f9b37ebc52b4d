/**
 * Spreadsheet import/export over HTTP: all-or-nothing imports with row-level errors, templates,
 * exports, the XLSX round trip, and a timed 10,000-row import on a synthetic 1,000-city network.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx, XLSX_TYPE } from '../../server/services/spreadsheets/xlsx';
import { parseCsv } from '../../server/services/spreadsheets/csv';
import { expectProblem, fixtureApp, requestHelpers } from '../helpers/app';
import { bigScoresCsv, insertBigNetwork } from '../helpers/big-network';
import { freshDb } from '../helpers/db';
import { dumpDb } from '../helpers/dump';
import { createApp } from '../../server/app';

const csv = { 'content-type': 'text/csv' };
type Problem = { errors: { pointer: string; row: number; column: string; value: string; reason: string }[]; rows: number; applied: number };

describe('score import', () => {
  it('applies a valid file in one go: creates missing drafts, bumps versions, writes audit', async () => {
    const t = await fixtureApp();
    const body = 'city_code,indicator_code,value,evidence_text\nNO001C,I1,4,Strategy adopted 2024\nNO001C,I2,yes,\nDE003C,I3,42.5%,Staff survey\nES002C,I1,largely,Plan\n';
    const res = await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, body, { ...t.people.admin.headers, ...csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rows: 4, applied: 4, unchanged: 0, submissionsCreated: 1, submissionsUpdated: 2, dryRun: false });
    const oslo = await t.db.query.submissions.findFirst({ where: (s, { eq }) => eq(s.id, t.fixture.osloSub.id), with: { scores: true } });
    expect(oslo!.version).toBe(2);
    expect(oslo!.scores.find((s) => s.indicatorId === t.fixture.indicators[0].id)).toMatchObject({ value: 4, evidenceText: 'Strategy adopted 2024' });
    expect(oslo!.scores.find((s) => s.indicatorId === t.fixture.indicators[1].id)?.value).toBe(1);
    const barcelona = await t.db.query.submissions.findFirst({ where: (s, { eq }) => eq(s.cityId, t.fixture.cities.barcelona.id), with: { scores: true } });
    expect(barcelona).toMatchObject({ status: 'draft', version: 1, scores: [expect.objectContaining({ value: 3 })] });
    const audit = await t.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'scores.import') });
    expect(audit).toHaveLength(3);
    expect(audit.find((a) => a.entityId === String(t.fixture.osloSub.id))).toMatchObject({ oldValue: { version: 1 }, newValue: { version: 2 } });
    // the same file again changes nothing
    const again = await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, body, { ...t.people.admin.headers, ...csv });
    expect(await again.json()).toMatchObject({ applied: 0, unchanged: 4 });
  });

  it('refuses the whole file and names every bad row, column and reason (422 problem+json)', async () => {
    const t = await fixtureApp();
    const before = await dumpDb(t.handle.client);
    const body = 'city_code,indicator_code,value\nNO001C,I1,4\nNO001C,I1,3\nXX999C,I2,1\nDE003C,I9,1\nDE003C,I1,7\nDE003C,I3,"3,5"\nFI002C,I1,1\n';
    const problem = (await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, body, { ...t.people.admin.headers, ...csv }), 422)) as unknown as Problem;
    expect(problem.applied).toBe(0);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['row 3, column "indicator_code"', 'row 4, column "city_code"', 'row 5, column "indicator_code"', 'row 6, column "value"', 'row 7, column "value"', 'row 8, column "city_code"']);
    expect(problem.errors[0].reason).toMatch(/already given in row 2/);
    expect(problem.errors[3]).toMatchObject({ row: 6, column: 'value', value: '7', reason: 'must be a whole level from 0 to 4 for I1' });
    expect(problem.errors[5].reason).toMatch(/Tampere is not a member/);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });

  it("refuses a city editor's file with a row of another city, naming that row", async () => {
    const t = await fixtureApp();
    const before = await dumpDb(t.handle.client);
    const body = 'city_code,indicator_code,value\nNO001C,I1,4\nNO001C,I2,1\nDE003C,I1,2\n';
    const problem = (await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, body, { ...t.people.osloEditor.headers, ...csv }), 422)) as unknown as Problem;
    expect(problem.errors).toEqual([expect.objectContaining({ row: 4, column: 'city_code', value: 'DE003C', reason: expect.stringMatching(/only for your own city; Munich/) })]);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });

  it('answers 409 for a round that is not open, 404 for a hidden one, and checks columns and files', async () => {
    const t = await fixtureApp();
    await expectProblem(await t.post(`/api/rounds/${t.fixture.closedRound.id}/imports`, 'city_code,indicator_code,value\nNO001C,I1,1\n', { ...t.people.admin.headers, ...csv }), 409);
    await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, 'city_code,indicator_code,value\n', { ...t.people.otherAdmin.headers, ...csv }), 404);
    const cols = (await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, 'city,indicator_code,valeu\nNO001C,I1,1\n', { ...t.people.admin.headers, ...csv }), 422)) as unknown as Problem;
    expect(cols.errors.map((e) => e.pointer)).toEqual(['row 1, column "city"', 'row 1, column "valeu"', 'row 1, column "value"', 'row 1, column "city_code or city_id"']);
    await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, 'PK\u0003\u0004garbage', { ...t.people.admin.headers, 'content-type': XLSX_TYPE }), 422);
  });

  it('validates only with dryRun=true and accepts multipart uploads', async () => {
    const t = await fixtureApp();
    const before = await dumpDb(t.handle.client);
    const body = 'city_code,indicator_code,value\nNO001C,I1,4\n';
    const dry = await t.post(`/api/rounds/${t.fixture.openRound.id}/imports?dryRun=true`, body, { ...t.people.osloEditor.headers, ...csv });
    expect(await dry.json()).toMatchObject({ rows: 1, applied: 1, dryRun: true });
    expect(await dumpDb(t.handle.client)).toBe(before);
    const form = new FormData();
    form.set('file', new Blob([body], { type: 'text/csv' }), 'scores.csv');
    const res = await t.app.request(`/api/rounds/${t.fixture.openRound.id}/imports`, { method: 'POST', body: form, headers: t.people.osloEditor.headers });
    expect(await res.json()).toMatchObject({ applied: 1, submissionsUpdated: 1 });
  });
});

describe('templates and export', () => {
  it('gives each caller the rows they may edit, with allowed values', async () => {
    const t = await fixtureApp();
    const admin = parseCsv(await (await t.get(`/api/rounds/${t.fixture.openRound.id}/template.csv`, t.people.admin.headers)).text());
    expect(admin[0]).toEqual(['city_code', 'city_id', 'city_name', 'indicator_code', 'indicator_statement', 'value', 'allowed_values', 'evidence_text', 'note']);
    expect(admin).toHaveLength(1 + 3 * 4);
    const res = await t.get(`/api/rounds/${t.fixture.openRound.id}/template.xlsx`, t.people.osloEditor.headers);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    const sheets = await readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['scores', 'indicators']);
    expect(sheets[0].rows.slice(1).map((r) => r[0])).toEqual(['NO001C', 'NO001C', 'NO001C', 'NO001C']);
    expect(sheets[0].rows[1]).toEqual(['NO001C', String(t.fixture.cities.oslo.id), 'Oslo', 'I1', 'The city has a strategy', '3', '0 = none; 1 = planned; 2 = partly; 3 = largely; 4 = fully', 'Council decision 15.05.2013', '']);
    // an untouched template imports back as "nothing to change"
    const back = await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, await (await t.get(`/api/rounds/${t.fixture.openRound.id}/template.csv`, t.people.osloEditor.headers)).text(), { ...t.people.osloEditor.headers, ...csv });
    expect(await back.json()).toMatchObject({ rows: 4, applied: 0 });
  });

  it('round-trips an XLSX export unchanged (including formula-like evidence text)', async () => {
    const t = await fixtureApp();
    await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, 'city_code,indicator_code,value,evidence_text,note\nDE003C,I4,12,"=HYPERLINK(""x"")","multi\nline, note"\n', { ...t.people.admin.headers, ...csv });
    const res = await t.get(`/api/rounds/${t.fixture.openRound.id}/export.xlsx`, t.people.admin.headers);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['scores', 'indicators', 'notes']);
    const before = await dumpDb(t.handle.client);
    const back = await t.app.request(`/api/rounds/${t.fixture.openRound.id}/imports`, { method: 'POST', body: bytes, headers: { ...t.people.admin.headers, 'content-type': XLSX_TYPE } });
    expect(await back.json()).toMatchObject({ rows: 8, applied: 0, unchanged: 8 });
    expect(await dumpDb(t.handle.client)).toBe(before);
    const munich = await t.db.query.scores.findFirst({ where: (s, { eq }) => eq(s.indicatorId, t.fixture.indicators[3].id) });
    expect(munich).toMatchObject({ value: 12, evidenceText: '=HYPERLINK("x")', note: 'multi\nline, note' });
  });

  it("exports only the caller's own city from an open round to a city editor, everything to the secretariat", async () => {
    const t = await fixtureApp();
    const rows = async (h: Record<string, string>) => parseCsv(await (await t.get(`/api/rounds/${t.fixture.openRound.id}/export.csv`, h)).text()).slice(1);
    expect(new Set((await rows(t.people.osloEditor.headers)).map((r) => r[2]))).toEqual(new Set(['Oslo']));
    expect(new Set((await rows(t.people.admin.headers)).map((r) => r[2]))).toEqual(new Set(['Oslo', 'Munich']));
    expect((await rows(t.people.admin.headers))[0].slice(-2)).toEqual(['draft', 'false']);
    await expectProblem(await t.get(`/api/rounds/${t.fixture.openRound.id}/export.csv`, t.people.researcher.headers), 404);
    expect(await t.db.query.auditLog.findFirst({ where: (a, { eq }) => eq(a.action, 'round.export') })).toBeTruthy();
  });
});

describe('context-value import', () => {
  it('applies a valid file and refuses a bad one naming the rows', async () => {
    const t = await fixtureApp();
    const good = 'city_code,variable,year,value,source,source_url\nNO001C,unemployment_rate,2024,3.9,City statistics,https://example.org\nNO001C,local_voting_rights,2024,yes,National law,\nNO001C,political_control,2024,Centre,Council,\n';
    const res = await t.post('/api/cities/context-values/imports', good, { ...t.people.osloEditor.headers, ...csv });
    expect(await res.json()).toEqual({ rows: 3, applied: 3, unchanged: 0, cities: 1, dryRun: false });
    const template = await (await t.get('/api/context-variables/template.csv', t.people.osloEditor.headers)).text();
    expect(await (await t.post('/api/cities/context-values/imports', template, { ...t.people.osloEditor.headers, ...csv })).json()).toMatchObject({ applied: 0 });
    const before = await dumpDb(t.handle.client);
    const bad = 'city_code,variable,year,value,source\nNO001C,unemployment_rate,2024,4,x\nDE003C,unemployment_rate,2024,5,x\nNO001C,data_access,2024,9,x\nNO001C,nope,20x4,1,\n';
    const problem = (await expectProblem(await t.post('/api/cities/context-values/imports', bad, { ...t.people.osloEditor.headers, ...csv }), 422)) as unknown as Problem;
    expect(problem.errors.map((e) => e.pointer)).toEqual(['row 3, column "city_code"', 'row 4, column "value"', 'row 5, column "variable"', 'row 5, column "year"', 'row 5, column "source"']);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });
});

describe('10,000 rows', () => {
  it('applies a valid 10,000-row file, and refuses it whole when one row is bad', async () => {
    const { db, client } = await freshDb();
    const big = await insertBigNetwork(db, 1000, 10);
    const app = createApp({ db });
    const { post } = requestHelpers(app);
    const body = bigScoresCsv(1000, 10);
    const lines = body.split('\n');
    lines[7778] = lines[7778].replace(/,\d,"/, ',9,"'); // row 7779 in the sheet
    const before = await dumpDb(client);
    let started = performance.now();
    const refused = (await expectProblem(await post(`/api/rounds/${big.round.id}/imports`, lines.join('\n'), { ...big.admin.headers, ...csv }), 422)) as unknown as Problem;
    console.log(`10,000-row import with one bad row: refused in ${Math.round(performance.now() - started)} ms`);
    expect(refused.rows).toBe(10_000);
    expect(refused.errors).toEqual([expect.objectContaining({ pointer: 'row 7779, column "value"', value: '9' })]);
    expect(await dumpDb(client)).toBe(before);

    started = performance.now();
    const res = await post(`/api/rounds/${big.round.id}/imports`, body, { ...big.admin.headers, ...csv });
    console.log(`10,000-row import (1,000 cities × 10 indicators): validated and applied in ${Math.round(performance.now() - started)} ms`);
    expect(await res.json()).toEqual({ rows: 10_000, applied: 10_000, unchanged: 0, submissionsCreated: 1000, submissionsUpdated: 0, dryRun: false });
    const [{ n }] = (await client.execute('SELECT count(*) AS n FROM scores')).rows as unknown as { n: number }[];
    expect(Number(n)).toBe(10_000);
    const [{ a }] = (await client.execute("SELECT count(*) AS a FROM audit_log WHERE action = 'scores.import'")).rows as unknown as { a: number }[];
    expect(Number(a)).toBe(1000);

    // again with every value changed: each submission's version grows by one
    started = performance.now();
    const changed = await post(`/api/rounds/${big.round.id}/imports`, body.replace(/,(\d),"/g, (_, d) => `,${(Number(d) + 1) % 5},"`), { ...big.admin.headers, ...csv });
    console.log(`10,000-row import updating existing answers: ${Math.round(performance.now() - started)} ms`);
    expect(await changed.json()).toMatchObject({ applied: 10_000, submissionsUpdated: 1000 });
    const versions = (await client.execute('SELECT DISTINCT version FROM submissions')).rows.map((r) => Number(r.version));
    expect(versions).toEqual([2]);
  }, 120_000);
});

describe('on the demo network and at the size limit', () => {
  it("round-trips the demo open round's template for the secretariat and for Oslo", async () => {
    const { demoApp } = await import('../helpers/app');
    const t = await demoApp();
    const open = (await t.db.query.rounds.findFirst({ where: (r, { eq }) => eq(r.status, 'open') }))!;
    console.log(`demo open round: ${open.id} ${open.name}`);
    for (const headers of [t.tokens.admin, t.tokens.oslo]) {
      const template = await (await t.get(`/api/rounds/${open.id}/template.csv`, headers)).text();
      const res = await t.post(`/api/rounds/${open.id}/imports?dryRun=true`, template, { ...headers, ...csv });
      expect(await res.json()).toMatchObject({ applied: 0, unchanged: parseCsv(template).length - 1 });
    }
    // changing a submitted answer is refused, naming the row
    const template = parseCsv(await (await t.get(`/api/rounds/${open.id}/template.csv`, t.tokens.admin)).text());
    const subs = await t.db.query.submissions.findMany({ where: (s, { eq }) => eq(s.roundId, open.id) });
    const submitted = subs.find((s) => s.status === 'submitted')!;
    const at = template.findIndex((r) => r[1] === String(submitted.cityId));
    template[at][5] = template[at][5] === '0' ? '1' : '0';
    const refused = (await expectProblem(await t.post(`/api/rounds/${open.id}/imports`, template.map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\n'), { ...t.tokens.admin, ...csv }), 422)) as unknown as Problem;
    expect(refused.errors).toEqual([expect.objectContaining({ row: at + 1, column: 'city_code', reason: expect.stringMatching(/is submitted; only draft or returned/) })]);
  }, 120_000);

  it('accepts import bodies above 1 MiB and refuses those above 20 MiB (413)', async () => {
    const t = await fixtureApp();
    const row = 'NO001C,I1,4,' + 'x'.repeat(200) + '\n';
    const big = 'city_code,indicator_code,value,note\n' + row.repeat(Math.ceil((2 * 1024 * 1024) / row.length));
    const twoMiB = (await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, big, { ...t.people.admin.headers, ...csv }), 422)) as unknown as Problem;
    expect(twoMiB.errors[0].pointer).toBe('row 3, column "indicator_code"'); // read whole: the duplicate is found
    await expectProblem(await t.post(`/api/rounds/${t.fixture.openRound.id}/imports`, big.repeat(11), { ...t.people.admin.headers, ...csv }), 413);
  });
});
