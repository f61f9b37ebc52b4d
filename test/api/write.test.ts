import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, fixtureApp } from '../helpers/app';
import { dumpDb } from '../helpers/dump';

let t: Awaited<ReturnType<typeof fixtureApp>>;
beforeEach(async () => {
  t = await fixtureApp();
});

const etagOf = async (id: number) => (await t.get(`/api/submissions/${id}`, t.people.admin.headers)).headers.get('etag')!;
const editor = (extra: Record<string, string> = {}) => ({ ...t.people.osloEditor.headers, ...extra });

describe('PUT /api/submissions/{id}/scores', () => {
  it('writes answers with evidence, bumps the version and returns the new ETag', async () => {
    const { osloSub, indicators } = t.fixture;
    const res = await t.put(
      `/api/submissions/${osloSub.id}/scores`,
      {
        scores: [
          { indicatorId: indicators[0].id, value: 4, evidenceText: 'Strategy adopted 2024', evidence: [{ documentType: 'strategy', title: 'Diversity strategy 2024-2028', url: 'https://example.org/strategy.pdf' }] },
          { indicatorId: indicators[1].id, value: 1 },
          { indicatorId: indicators[2].id, value: 18.5, note: 'HR register' },
          { indicatorId: indicators[3].id, value: null },
        ],
      },
      editor({ 'if-match': await etagOf(osloSub.id) }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"submission-${osloSub.id}-v2"`);
    const body = await res.json();
    expect(body.version).toBe(2);
    expect(body.scores.map((s: { value: number | null }) => s.value)).toEqual([4, 1, 18.5, null]);
    expect(body.scores[0].evidence).toEqual([expect.objectContaining({ documentType: 'strategy', title: 'Diversity strategy 2024-2028' })]);
    expect(body.scores[0].evidenceText).toBe('Strategy adopted 2024');
  });

  it('rejects values outside each scale, listing every bad field, and changes nothing', async () => {
    const { osloSub, indicators } = t.fixture;
    const before = await dumpDb(t.handle.client);
    const res = await t.put(
      `/api/submissions/${osloSub.id}/scores`,
      {
        scores: [
          { indicatorId: indicators[0].id, value: 5 },
          { indicatorId: indicators[1].id, value: 0.5 },
          { indicatorId: indicators[2].id, value: 101 },
          { indicatorId: indicators[3].id, value: -1 },
          { indicatorId: 9999, value: 1 },
        ],
      },
      editor({ 'if-match': await etagOf(osloSub.id) }),
    );
    const p = await expectProblem(res, 422);
    expect(p.errors!.map((e) => e.pointer)).toEqual(['body.scores.0.value', 'body.scores.1.value', 'body.scores.2.value', 'body.scores.3.value', 'body.scores.4.indicatorId']);
    expect(p.errors![0].detail).toMatch(/0 to 4/);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });

  it('rejects a body of the wrong shape with 422 naming each field', async () => {
    const { osloSub } = t.fixture;
    const res = await t.put(`/api/submissions/${osloSub.id}/scores`, { scores: [{ indicatorId: 'x', value: 'high', evidence: [{ documentType: 'rumour', title: '' }] }] }, editor({ 'if-match': await etagOf(osloSub.id) }));
    const p = await expectProblem(res, 422);
    expect(p.errors!.map((e) => e.pointer).sort()).toEqual(['body.scores.0.evidence.0.documentType', 'body.scores.0.evidence.0.title', 'body.scores.0.indicatorId', 'body.scores.0.value']);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
    const { osloSub } = t.fixture;
    await expectProblem(await t.put(`/api/submissions/${osloSub.id}/scores`, '{"scores": [', editor({ 'if-match': await etagOf(osloSub.id) })), 400);
    const huge = JSON.stringify({ scores: [{ indicatorId: 1, value: 1, evidenceText: 'x'.repeat(2 * 1024 * 1024) }] });
    await expectProblem(await t.put(`/api/submissions/${osloSub.id}/scores`, huge, editor({ 'if-match': await etagOf(osloSub.id) })), 413);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const { osloSub, indicators } = t.fixture;
    const body = { scores: [{ indicatorId: indicators[0].id, value: 1 }] };
    await expectProblem(await t.put(`/api/submissions/${osloSub.id}/scores`, body, editor()), 428);
    const first = await etagOf(osloSub.id);
    expect((await t.put(`/api/submissions/${osloSub.id}/scores`, body, editor({ 'if-match': first }))).status).toBe(200);
    await expectProblem(await t.put(`/api/submissions/${osloSub.id}/scores`, body, editor({ 'if-match': first })), 412);
  });

  it('lets exactly one of two concurrent edits with the same ETag win', async () => {
    const { osloSub, indicators } = t.fixture;
    const tag = await etagOf(osloSub.id);
    const results = await Promise.all(
      [1, 2].map((v) => t.put(`/api/submissions/${osloSub.id}/scores`, { scores: [{ indicatorId: indicators[0].id, value: v }] }, editor({ 'if-match': tag }))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('refuses edits in a round that is not open (409) and unknown submissions (404)', async () => {
    const { closedSub, indicators } = t.fixture;
    const p = await expectProblem(await t.put(`/api/submissions/${closedSub.id}/scores`, { scores: [{ indicatorId: indicators[0].id, value: 1 }] }, editor({ 'if-match': await etagOf(closedSub.id) })), 409);
    expect(p.detail).toMatch(/published/);
    await expectProblem(await t.put('/api/submissions/999/scores', { scores: [{ indicatorId: 1, value: 1 }] }, editor({ 'if-match': '"submission-999-v1"' })), 404);
  });
});

describe('POST /api/rounds/{id}/submissions and submit', () => {
  it('creates a member city’s submission once, then 409', async () => {
    const { openRound, cities } = t.fixture;
    const admin = t.people.admin.headers;
    const res = await t.post(`/api/rounds/${openRound.id}/submissions`, { cityId: cities.barcelona.id }, admin);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ cityId: cities.barcelona.id, status: 'draft', version: 1, scores: [] });
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, { cityId: cities.barcelona.id }, admin), 409);
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, {}, t.people.munichEditor.headers), 409);
  });
  it('refuses applicants, closed rounds, unknown cities and rounds', async () => {
    const { openRound, closedRound, cities } = t.fixture;
    const admin = t.people.admin.headers;
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, { cityId: cities.tampere.id }, admin), 409);
    await expectProblem(await t.post(`/api/rounds/${closedRound.id}/submissions`, {}, t.people.munichEditor.headers), 409);
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, { cityId: 999 }, admin), 422);
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, {}, admin), 422);
    await expectProblem(await t.post(`/api/rounds/${openRound.id}/submissions`, { cityId: cities.munich.id, status: 'validated' }, admin), 422);
    await expectProblem(await t.post('/api/rounds/999/submissions', { cityId: cities.munich.id }, admin), 404);
  });
  it('submits a draft once', async () => {
    const { osloSub } = t.fixture;
    const res = await t.post(`/api/submissions/${osloSub.id}/submit`, undefined, editor({ 'if-match': await etagOf(osloSub.id) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'submitted', version: 2 });
    await expectProblem(await t.post(`/api/submissions/${osloSub.id}/submit`, undefined, editor({ 'if-match': await etagOf(osloSub.id) })), 409);
  });
});

describe('PUT /api/cities/{id}/context-values', () => {
  it('upserts values of each type, not demo, and removes with null', async () => {
    const { oslo } = t.fixture.cities;
    const res = await t.put(`/api/cities/${oslo.id}/context-values`, {
      values: [
        { variable: 'unemployment_rate', year: 2024, value: 3.9, source: 'Statistics Norway' },
        { variable: 'data_access', year: 2024, value: 2, source: 'Self-assessment' },
        { variable: 'political_control', year: 2024, value: 'centre', source: 'City council' },
        { variable: 'local_voting_rights', year: 2024, value: true, source: 'Election Act' },
        { variable: 'unemployment_rate', year: 2023, value: null, source: 'correction' },
      ],
    }, editor());
    expect(res.status).toBe(200);
    const items = (await res.json()).items as { variable: string; year: number; value: unknown; demo: boolean }[];
    const pick = (v: string, y: number) => items.find((i) => i.variable === v && i.year === y);
    expect(pick('unemployment_rate', 2024)).toMatchObject({ value: 3.9, demo: false });
    expect(pick('unemployment_rate', 2023)).toBeUndefined();
    expect(pick('data_access', 2024)).toMatchObject({ value: 2, demo: false });
    expect(pick('political_control', 2024)?.value).toBe('centre');
    expect(pick('local_voting_rights', 2024)?.value).toBe(true);
  });
  it('rejects the whole request when any value is bad, naming each, and changes nothing', async () => {
    const { oslo } = t.fixture.cities;
    const before = await dumpDb(t.handle.client);
    const res = await t.put(`/api/cities/${oslo.id}/context-values`, {
      values: [
        { variable: 'unemployment_rate', year: 2024, value: 3.9, source: 'ok' },
        { variable: 'unemployment_rate', year: 2024, value: 'high', source: 'x' },
        { variable: 'data_access', year: 2024, value: 9, source: 'x' },
        { variable: 'political_control', year: 2024, value: 'far', source: 'x' },
        { variable: 'local_voting_rights', year: 2024, value: 1, source: 'x' },
        { variable: 'no_such_thing', year: 2024, value: 1, source: 'x' },
      ],
    }, editor());
    const p = await expectProblem(res, 422);
    expect(p.errors!.map((e) => e.pointer)).toEqual([
      'body.values.1',
      'body.values.1.value',
      'body.values.2.value',
      'body.values.3.value',
      'body.values.4.value',
      'body.values.5.variable',
    ]);
    expect(await dumpDb(t.handle.client)).toBe(before);
  });
  it('validates shape (year range, empty source) and unknown cities', async () => {
    const p = await expectProblem(await t.put(`/api/cities/${t.fixture.cities.oslo.id}/context-values`, { values: [{ variable: 'x', year: 1800, value: 1, source: '' }] }, editor()), 422);
    expect(p.errors!.map((e) => e.pointer).sort()).toEqual(['body.values.0.source', 'body.values.0.year']);
    await expectProblem(await t.put('/api/cities/999/context-values', { values: [{ variable: 'unemployment_rate', year: 2024, value: 1, source: 's' }] }, editor()), 404);
    await expectProblem(await t.put(`/api/cities/${t.fixture.cities.oslo.id}/context-values`, 'nope', editor()), 400);
  });
});
