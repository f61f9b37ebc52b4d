/**
 * The caches behind authentication and analytics answer from memory only while the database's
 * change counters stand still. Two handles on one file play two server processes: what one changes,
 * the other must see at its next request.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { loadRoundData, type RoundData } from '../../server/services/analytics/round-data';
import { demoAppPair } from '../helpers/app';

type Pair = Awaited<ReturnType<typeof demoAppPair>>;
let pair: Pair | undefined;
let url: string, a: Pair['a'], other: Pair['other'], b: Pair['b'];
let rounds: { id: number; year: number; status: string; frameworkName: string }[];

beforeAll(async () => {
  ({ url, a, other, b } = pair = await demoAppPair('citypeers-caches-'));
  rounds = (await (await a.get('/api/rounds', a.tokens.admin)).json()).items;
});
afterAll(() => pair?.close());

/** The round's data as a handle that never saw it builds it: from scratch. */
async function fullBuild(roundId: number): Promise<RoundData> {
  const fresh = await createDb({ url });
  try {
    return await loadRoundData(fresh.db, roundId);
  } finally {
    fresh.close();
  }
}

function expectSameScores(x: RoundData, y: RoundData) {
  expect(x.version).toBe(y.version);
  expect(Array.from(x.performance.matrix.data)).toEqual(Array.from(y.performance.matrix.data));
  expect(Array.from(x.performance.areaMatrix.data)).toEqual(Array.from(y.performance.areaMatrix.data));
  expect(Array.from(x.performance.overall)).toEqual(Array.from(y.performance.overall));
  expect(Array.from(x.performance.answered)).toEqual(Array.from(y.performance.answered));
  expect(x.cities.map((c) => c.submitted)).toEqual(y.cities.map((c) => c.submitted));
}

describe('round data after edits made elsewhere', () => {
  it('rescores only the edited submissions, and equals a full rebuild', async () => {
    const round = rounds.find((r) => r.status === 'open')!;
    const before = await loadRoundData(a.db, round.id);
    const subs = (await other.client.execute({ sql: 'SELECT id FROM submissions WHERE round_id = ? ORDER BY id LIMIT 3', args: [round.id] })).rows.map((r) => Number(r.id));
    await other.client.execute({ sql: `UPDATE scores SET value = NULL WHERE submission_id = ?`, args: [subs[0]] });
    await other.client.execute({ sql: `UPDATE scores SET value = 0 WHERE submission_id = ?`, args: [subs[1]] });
    await other.client.execute({ sql: `DELETE FROM scores WHERE submission_id = ?`, args: [subs[2]] });
    const after = await loadRoundData(a.db, round.id);
    expect(after.version).not.toBe(before.version);
    expect(after.context).toBe(before.context); // context data reused, not reloaded
    expectSameScores(after, await fullBuild(round.id));
  });

  it('in a published round, a submission that stops counting leaves the comparison', async () => {
    const round = rounds.find((r) => r.status === 'published')!;
    const before = await loadRoundData(a.db, round.id);
    const [sub] = (await other.client.execute({ sql: "SELECT id, city_id FROM submissions WHERE round_id = ? AND status = 'published' LIMIT 1", args: [round.id] })).rows;
    const row = before.rowOf.get(Number(sub.city_id))!;
    expect(before.cities[row].submitted).toBe(true);
    await other.client.execute({ sql: "UPDATE submissions SET status = 'returned' WHERE id = ?", args: [sub.id] });
    const after = await loadRoundData(a.db, round.id);
    expect(after.cities[row].submitted).toBe(false);
    expect(Number.isNaN(after.performance.overall[row])).toBe(true);
    expectSameScores(after, await fullBuild(round.id));
    await other.client.execute({ sql: "UPDATE submissions SET status = 'published' WHERE id = ?", args: [sub.id] });
    const back = await loadRoundData(a.db, round.id);
    expect(Array.from(back.performance.matrix.data)).toEqual(Array.from(before.performance.matrix.data));
    expectSameScores(back, await fullBuild(round.id));
  });
});

describe('answers from memory follow changes made elsewhere', () => {
  it('peers and the city page change with context values; score edits leave peers as they were', async () => {
    const round = rounds.find((r) => r.status === 'open')!;
    const oslo = Number((await other.client.execute("SELECT id FROM cities WHERE name = 'Oslo'")).rows[0].id);
    const path = `/api/cities/${oslo}/peers?round=${round.id}&k=5`;
    const first = await (await a.get(path, a.tokens.admin)).json();
    const page = await (await a.get(`/api/cities/${oslo}`, a.tokens.admin)).json();
    await other.client.execute({ sql: 'UPDATE scores SET value = NULL WHERE submission_id IN (SELECT id FROM submissions WHERE round_id = ?)', args: [round.id] });
    expect(await (await a.get(path, a.tokens.admin)).json()).toEqual(first);
    await other.client.execute({ sql: 'UPDATE context_values SET value_num = value_num * 40 WHERE city_id = ? AND value_num IS NOT NULL', args: [oslo] });
    const second = await (await a.get(path, a.tokens.admin)).json();
    expect(second.meta.dataVersion).not.toBe(first.meta.dataVersion);
    expect(second.peers).not.toEqual(first.peers);
    expect(second).toEqual(await (await b.get(path, a.tokens.admin)).json()); // the other process agrees
    const pageAfter = await (await a.get(`/api/cities/${oslo}`, a.tokens.admin)).json();
    expect(pageAfter.contextValues).not.toEqual(page.contextValues);
    expect(pageAfter).toEqual(await (await b.get(`/api/cities/${oslo}`, a.tokens.admin)).json());
  });

  it('the performance matrix follows score edits', async () => {
    const round = rounds.find((r) => r.status === 'published')!;
    const path = `/api/rounds/${round.id}/matrix?space=performance`;
    const first = await (await a.get(path, a.tokens.admin)).json();
    await other.client.execute({ sql: "UPDATE scores SET value = NULL WHERE submission_id = (SELECT id FROM submissions WHERE round_id = ? AND status = 'published' ORDER BY id LIMIT 1)", args: [round.id] });
    const second = await (await a.get(path, a.tokens.admin)).json();
    expect(second.meta.dataVersion).not.toBe(first.meta.dataVersion);
    expect(second.values).not.toEqual(first.values);
    expect(second).toEqual(await (await b.get(path, a.tokens.admin)).json());
  });
});

describe('large answers are gzipped for clients that accept it', () => {
  it('same JSON either way; small answers stay plain', async () => {
    const round = rounds.find((r) => r.status === 'published')!;
    const path = `/api/rounds/${round.id}/matrix`;
    const plain = await a.get(path, a.tokens.admin);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const zipped = await a.get(path, { ...a.tokens.admin, 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const text = await plain.text();
    expect(gunzipSync(bytes).toString()).toBe(text);
    expect(bytes.length).toBeLessThan(text.length / 2);
    const oslo = Number((await other.client.execute("SELECT id FROM cities WHERE name = 'Oslo'")).rows[0].id);
    const peers = await a.get(`/api/cities/${oslo}/peers?round=${round.id}&k=1`, { ...a.tokens.admin, 'accept-encoding': 'gzip' });
    expect(peers.headers.get('content-encoding')).toBeNull();
  });
});

describe('who is asking, after changes made elsewhere', () => {
  it('a token revoked by another process is refused at its next request', async () => {
    const headers = a.tokens.researcher;
    expect((await a.get('/api/auth/me', headers)).status).toBe(200);
    expect((await a.get('/api/auth/me', headers)).status).toBe(200); // from memory now
    const hash = (await other.client.execute("SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.email LIKE 'researcher@%'")).rows;
    await other.client.execute({ sql: 'UPDATE api_tokens SET revoked_at = ? WHERE id = ?', args: [new Date().toISOString(), hash[0].id] });
    expect((await a.get('/api/auth/me', headers)).status).toBe(401);
  });

  it('a grant withdrawn by another process takes effect at the next request', async () => {
    const headers = a.tokens['copenhagen.viewer'];
    expect((await a.get('/api/auth/me', headers)).status).toBe(200);
    await other.client.execute({ sql: "UPDATE role_grants SET revoked_at = ? WHERE user_id = (SELECT id FROM users WHERE email LIKE 'copenhagen.viewer@%')", args: [new Date().toISOString()] });
    expect((await a.get('/api/auth/me', headers)).status).toBe(401);
  });
});
