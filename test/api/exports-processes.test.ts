/**
 * Research export jobs shared by two server processes on one database file (two handles on the
 * file act as two processes): polls and downloads through either, the rate limit and ε held by
 * jobs running in the other, and jobs whose process stopped.
 */
import { eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJobs, users } from '../../db/schema';
import { EXPIRY_MS, jobsOf, LOST_ERROR, STALE_MS } from '../../server/services/exports/jobs';
import { demoAppPair, expectProblem } from '../helpers/app';
import { text, unzip } from '../exports/zip';

type Pair = Awaited<ReturnType<typeof demoAppPair>>;
const SUBSET = ['geography', 'population', 'migrantShare', 'KF01', 'KF02', 'KF03'];

describe('research export: two server processes on one database file', () => {
  let pair: Pair | undefined;
  let a: Pair['a'], other: Pair['other'], b: Pair['b'], round: number;
  const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  /** A job as another process would have written it, still running (heartbeat `msAgo`). */
  const runningJob = async (email: string, reserved: { roundId: number; epsilon: number }[], msAgo = 0) => {
    const [user] = await other.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const id = randomUUID();
    await other.db.insert(exportJobs).values({ id, userId: user.id, networkIds: [1], reserved, stage: 'anonymising', percent: 40, createdAt: iso(msAgo), heartbeatAt: iso(msAgo) });
    return id;
  };
  beforeAll(async () => {
    ({ a, other, b } = pair = await demoAppPair('citypeers-exports-'));
    round = (await (await a.get('/api/rounds', a.tokens.admin)).json()).items.find((r: { status: string }) => r.status === 'published').id;
  }, 60_000);
  afterAll(async () => {
    if (!pair) return;
    await jobsOf(a.db).idle();
    pair.close();
  });

  it('a job queued by one process is polled and downloaded through the other: same status, same bytes', async () => {
    const res = await a.post('/api/exports', { roundIds: [round], variables: SUBSET, formats: ['csv'] }, a.tokens.researcher);
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect(['queued', 'running', 'done']).toContain((await (await b.get(`/api/exports/${id}`, a.tokens.researcher)).json()).status);
    await jobsOf(a.db).idle();
    const [viaA, viaB] = await Promise.all([a, b].map(async (app) => (await app.get(`/api/exports/${id}`, a.tokens.researcher)).json()));
    expect(viaB).toEqual(viaA);
    expect(viaB).toMatchObject({ status: 'done', stage: 'done', percent: 100, error: null, bytes: expect.any(Number) });
    const [zipA, zipB] = await Promise.all([a, b].map(async (app) => {
      const dl = await app.get(`/api/exports/${id}/download`, a.tokens.researcher);
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('application/zip');
      return new Uint8Array(await dl.arrayBuffer());
    }));
    expect(zipB.length).toBe(viaB.bytes);
    expect(Buffer.from(zipB).equals(Buffer.from(zipA))).toBe(true);
    expect(JSON.parse(text(unzip(zipB), 'risk.json')).summary).toEqual(viaB.risk);
    await expectProblem(await b.get(`/api/exports/${id}/download`, a.tokens['copenhagen.viewer']), 404);
  });

  it("the rate limit counts the user's jobs running in either process; jobs whose process stopped do not count", async () => {
    const body = { roundIds: [round], variables: SUBSET, formats: ['csv'] };
    const elsewhere = await Promise.all(Array.from({ length: 9 }, () => runningJob('admin@demo.citypeers.example', [])));
    expect((await a.post('/api/exports', body, a.tokens.admin)).status).toBe(202);
    await expectProblem(await b.post('/api/exports', body, a.tokens.admin), 429);
    await expectProblem(await a.post('/api/exports', body, a.tokens.admin), 429);
    await other.db.update(exportJobs).set({ heartbeatAt: iso(STALE_MS + 1000) }).where(inArray(exportJobs.id, elsewhere));
    expect((await b.post('/api/exports', body, a.tokens.admin)).status).toBe(202);
    await Promise.all([jobsOf(a.db).idle(), jobsOf(other.db).idle()]);
  });

  it('ε held by a job running in the other process counts against the budget until that process stops', async () => {
    const body = { roundIds: [round], variables: SUBSET, formats: ['json'], dp: { epsilon: 1 } };
    const held = await runningJob('researcher@demo.citypeers.example', [{ roundId: round, epsilon: 3 }]);
    const refused = await expectProblem(await a.post('/api/exports', body, a.tokens.researcher), 409);
    expect(refused.detail).toMatch(/budget .* exhausted: ε=1 would bring the round to 4 > budget 3/);
    await other.db.update(exportJobs).set({ heartbeatAt: iso(STALE_MS + 1000) }).where(eq(exportJobs.id, held));
    expect((await a.post('/api/exports', body, a.tokens.researcher)).status).toBe(202);
    await jobsOf(a.db).idle();
  });

  it('a job whose process stopped reads as failed with a clear error, everywhere; once expired it reads as unknown and the sweep deletes it', async () => {
    const lostAgo = STALE_MS + 5000;
    const lost = await runningJob('researcher@demo.citypeers.example', [{ roundId: round, epsilon: 1 }], lostAgo);
    for (const app of [a, b]) {
      const state = await (await app.get(`/api/exports/${lost}`, a.tokens.researcher)).json();
      expect(state).toMatchObject({ status: 'failed', stage: 'failed', error: LOST_ERROR, risk: null, bytes: null });
      expect(Date.parse(state.expiresAt)).toBeLessThanOrEqual(Date.now() - lostAgo + EXPIRY_MS);
      const dl = await expectProblem(await app.get(`/api/exports/${lost}/download`, a.tokens.researcher), 409);
      expect(dl.detail).toContain(LOST_ERROR);
    }
    expect((await jobsOf(a.db).pending()).map((j) => j.id)).not.toContain(lost);
    await other.db.update(exportJobs).set({ stage: 'done', finishedAt: iso(EXPIRY_MS + 1000) }).where(eq(exportJobs.id, lost));
    await expectProblem(await b.get(`/api/exports/${lost}`, a.tokens.researcher), 404);
    expect(await other.db.select({ id: exportJobs.id }).from(exportJobs).where(eq(exportJobs.id, lost))).toHaveLength(1); // reads leave the row
    await jobsOf(a.db).sweep();
    expect(await other.db.select({ id: exportJobs.id }).from(exportJobs).where(eq(exportJobs.id, lost))).toEqual([]);
  });
});
