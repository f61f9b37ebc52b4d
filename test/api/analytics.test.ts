import { beforeAll, describe, expect, it } from 'vitest';
import { demoApp, expectProblem } from '../helpers/app';

let t: Awaited<ReturnType<typeof demoApp>>;
let oslo: number;
let round2024: number;
let round2022: number;
/** As the demo network's secretariat, who sees every round in full. */
const json = async (path: string, headers?: Record<string, string>) => {
  const res = await t.get(path, headers ?? t.tokens.admin);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

beforeAll(async () => {
  t = await demoApp();
  oslo = (await json('/api/cities?q=Oslo')).items[0].id;
  const rounds = (await json('/api/rounds')).items as { id: number; year: number; frameworkName: string }[];
  round2024 = rounds.find((r) => r.year === 2024 && /diversity/i.test(r.frameworkName))!.id;
  round2022 = rounds.find((r) => r.year === 2022)!.id;
});

describe('GET /api/cities/{id}/peers', () => {
  it('ranks 7 context peers by similarity in [0,1], explains each, and names its provenance', async () => {
    const body = await json(`/api/cities/${oslo}/peers`);
    expect(body.peers).toHaveLength(7);
    const sims = body.peers.map((p: { similarity: number }) => p.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    for (const p of body.peers) {
      expect(p.similarity).toBeGreaterThanOrEqual(0);
      expect(p.similarity).toBeLessThanOrEqual(1);
      expect(p.cityId).not.toBe(oslo);
      expect(p.similarities.length).toBeGreaterThan(0);
      expect(p.differences.length).toBeGreaterThan(0);
      expect(p.variablesUsed).toBeGreaterThan(0);
    }
    expect(body.meta).toMatchObject({ space: 'context', method: 'gower-nearest-neighbours', parameters: { k: 7 }, round: { id: round2024 } });
    expect(body.meta.dataVersion).toBeTruthy();
  });
  it('is deterministic', async () => {
    const q = `/api/cities/${oslo}/peers?k=10&stabilityRuns=10&seed=3`;
    expect(await json(q)).toEqual(await json(q));
  });
  it('filters to other countries, a size band and a network', async () => {
    const other = await json(`/api/cities/${oslo}/peers?otherCountries=true&k=20`);
    expect(other.peers.every((p: { countryCode: string }) => p.countryCode !== 'NO')).toBe(true);
    const band = await json(`/api/cities/${oslo}/peers?sizeBand=same&k=20`);
    expect(band.peers.every((p: { population: number }) => p.population >= 500_000 && p.population < 1_000_000)).toBe(true);
    const net = await json(`/api/cities/${oslo}/peers?network=1&k=5`);
    expect(net.peers).toHaveLength(5);
  });
  it('re-ranks with request weights', async () => {
    const base = await json(`/api/cities/${oslo}/peers?k=10`);
    const heavy = await json(`/api/cities/${oslo}/peers?k=10&weights=population:100`);
    expect(heavy.weights.population).toBeGreaterThan(base.weights.population);
    expect(heavy.peers.map((p: { cityId: number }) => p.cityId)).not.toEqual(base.peers.map((p: { cityId: number }) => p.cityId));
  });
  it('never uses performance: changing scores leaves peers unchanged', async () => {
    const before = await json(`/api/cities/${oslo}/peers?k=10&round=${round2022}`);
    await t.handle.client.execute({ sql: 'UPDATE scores SET value = 0, updated_at = ? WHERE submission_id IN (SELECT id FROM submissions WHERE round_id = ?)', args: [new Date().toISOString(), round2022] });
    const after = await json(`/api/cities/${oslo}/peers?k=10&round=${round2022}`);
    expect(after.peers).toEqual(before.peers);
    // peers rest on context data only: their data version ignores answers, the performance matrix's does not
    expect(after.meta.dataVersion).toBe(before.meta.dataVersion);
    const perf = await json(`/api/rounds/${round2022}/matrix?space=performance`);
    expect(perf.meta.dataVersion).not.toBe(before.meta.dataVersion);
    expect(perf.values.flat().filter((v: number | null) => v !== null).every((v: number) => v === 0)).toBe(true);
  });
  it('rejects bad weights and parameters with every problem listed; unknown city 404', async () => {
    const p = await expectProblem(await t.get(`/api/cities/${oslo}/peers?weights=nonsense:2,population:-1`, t.tokens.admin), 422);
    expect(p.errors).toHaveLength(2);
    await expectProblem(await t.get(`/api/cities/${oslo}/peers?k=0&sizeBand=huge`, t.tokens.admin), 422);
    await expectProblem(await t.get('/api/cities/999999/peers'), 404);
    await expectProblem(await t.get(`/api/cities/${oslo}/peers?round=999999`), 404);
  });
  it('hides unpublished rounds: anonymous peers default to the published round; the closed round is 404 for them', async () => {
    const anon = await (await t.get(`/api/cities/${oslo}/peers`)).json();
    expect(anon.meta.round.id).toBe(round2022);
    await expectProblem(await t.get(`/api/cities/${oslo}/peers?round=${round2024}`), 404);
    await expectProblem(await t.get(`/api/cities/${oslo}/learn-from?round=${round2024}`, t.tokens.oslo), 404);
    await expectProblem(await t.get(`/api/rounds/${round2024}/clusters?space=performance`, t.tokens.researcher), 404);
    await expectProblem(await t.get(`/api/rounds/${round2022}/peer-review-plan`, t.tokens.oslo), 403);
    await expectProblem(await t.get(`/api/rounds/${round2022}/peer-review-plan`), 401);
  });
});

describe('learn-from and gaps', () => {
  it('suggests similar cities that lead clearly on the city’s weakest indicators, with their evidence', async () => {
    const body = await json(`/api/cities/${oslo}/learn-from?weak=3&minLead=15`);
    expect(body.items.length).toBeGreaterThan(0);
    const scores = body.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    for (const item of body.items) {
      for (const teacher of item.teachers) {
        expect(teacher.lead).toBeGreaterThanOrEqual(15);
        expect(teacher.score - item.score).toBeCloseTo(teacher.lead);
        expect(teacher.similarity).toBeGreaterThanOrEqual(0.5);
        expect(teacher.rank).toBeCloseTo(teacher.similarity * teacher.lead);
      }
    }
    const withEvidence = body.items.flatMap((i: { teachers: { evidence: unknown }[] }) => i.teachers).filter((x: { evidence: unknown }) => x.evidence);
    expect(withEvidence.length).toBeGreaterThan(0);
  });
  it('compares each indicator with peer and network medians and marks quick wins consistently', async () => {
    const body = await json(`/api/cities/${oslo}/gaps`);
    expect(body.items).toHaveLength(13);
    expect(body.peerGroup).toHaveLength(7);
    for (const g of body.items) {
      if (g.score !== null && g.peerMedian !== null) expect(g.gapToPeerMedian).toBeCloseTo(g.peerMedian - g.score);
      if (g.quickWin) expect(g.gapToPeerMedian).toBeLessThanOrEqual(10);
    }
    const areas = await json(`/api/cities/${oslo}/gaps?level=area`);
    expect(areas.level).toBe('area');
  });
});

describe('planners', () => {
  it('peer-review plan keeps every rule and is at least as good as greedy', async () => {
    const body = await json(`/api/rounds/${round2024}/peer-review-plan?reviewersPerHost=3&maxReviews=2`);
    expect(body.teams.length).toBeGreaterThan(0);
    const reviews = new Map<number, number>();
    const pairs = new Set<string>();
    for (const team of body.teams) {
      expect(team.reviewers).toHaveLength(3);
      expect(team.reviewers.some((r: { countryCode: string }) => r.countryCode !== team.host.countryCode)).toBe(true);
      for (const r of team.reviewers) {
        expect(r.cityId).not.toBe(team.host.cityId);
        reviews.set(r.cityId, (reviews.get(r.cityId) ?? 0) + 1);
        pairs.add(`${r.cityId}>${team.host.cityId}`);
      }
    }
    for (const count of reviews.values()) expect(count).toBeLessThanOrEqual(2);
    for (const pair of pairs) expect(pairs.has(pair.split('>').reverse().join('>'))).toBe(false);
    expect(body.teamsFormed).toBeGreaterThanOrEqual(body.greedyTeamsFormed);
    if (body.teamsFormed === body.greedyTeamsFormed) expect(body.objective).toBeGreaterThanOrEqual(body.greedyObjective - 1e-9);
  });
  it('peer-review plan for named hosts; a host without a submission is a 422', async () => {
    const subs = (await json(`/api/rounds/${round2024}/submissions`)).items as { cityId: number }[];
    const hosts = subs.slice(0, 3).map((s) => s.cityId);
    const body = await json(`/api/rounds/${round2024}/peer-review-plan?hosts=${hosts.join(',')}&sharedLanguage=false`);
    expect(body.teams.map((t: { host: { cityId: number } }) => t.host.cityId).sort()).toEqual([...hosts].sort());
    await expectProblem(await t.get(`/api/rounds/${round2024}/peer-review-plan?hosts=999999`, t.tokens.admin), 422);
    await expectProblem(await t.get(`/api/rounds/${round2024}/peer-review-plan?hosts=a,b`, t.tokens.admin), 422);
  });
  it('study visits: at most 2 per city to different hosts, never to itself, host capacity respected', async () => {
    const body = await json(`/api/rounds/${round2024}/study-visits?visits=2&hostCapacity=3`);
    for (const c of body.cities) {
      expect(c.visits.length).toBeLessThanOrEqual(2);
      expect(new Set(c.visits.map((v: { host: { cityId: number } }) => v.host.cityId)).size).toBe(c.visits.length);
      for (const v of c.visits) {
        expect(v.host.cityId).not.toBe(c.cityId);
        expect(v.distanceKm).toBeGreaterThanOrEqual(0);
      }
    }
    for (const h of body.hostLoad) expect(h.visitors).toBeLessThanOrEqual(3);
    const mine = await json(`/api/cities/${oslo}/study-visits?round=${round2024}`);
    expect(mine.cities.every((c: { cityId: number }) => c.cityId === oslo)).toBe(true);
  });
});

describe('maps and clusters', () => {
  it('k-means with a given k and seed is reproducible and labels every city', async () => {
    const q = `/api/rounds/${round2024}/clusters?method=kmeans&k=4&seed=7&stabilityRuns=5`;
    const a = await json(q);
    expect(a.k).toBe(4);
    expect(new Set(a.assignments.map((x: { cluster: number }) => x.cluster)).size).toBe(4);
    expect(a.profiles.reduce((s: number, p: { size: number }) => s + p.size, 0)).toBe(a.assignments.length);
    expect(a.silhouette).toBeGreaterThanOrEqual(-1);
    expect(a.silhouette).toBeLessThanOrEqual(1);
    expect(a.stability.clusters).toHaveLength(4);
    expect(a.meta).toMatchObject({ method: 'kmeans', seed: 7 });
    expect(await json(q)).toEqual(a);
  });
  it('chooses k by silhouette when not given; Ward returns a dendrogram; k-medoids works on Gower', async () => {
    const chosen = await json(`/api/rounds/${round2024}/clusters?kMax=6`);
    expect(chosen.kChosenBy).toBe('silhouette');
    expect(chosen.kScores.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5, 6]);
    const ward = await json(`/api/rounds/${round2024}/clusters?method=ward&k=3`);
    expect(ward.dendrogram.merges).toHaveLength(ward.assignments.length - 1);
    const medoids = await json(`/api/rounds/${round2024}/clusters?method=kmedoids&k=3`);
    expect(new Set(medoids.assignments.map((x: { cluster: number }) => x.cluster)).size).toBe(3);
    const perf = await json(`/api/rounds/${round2024}/clusters?space=performance&k=3`);
    expect(perf.meta.space).toBe('performance');
  });
  it('PCA projection has one point per city and explained variance in decreasing order', async () => {
    const body = await json(`/api/rounds/${round2024}/projection`);
    expect(body.points.length).toBeGreaterThan(100);
    const [a, b] = body.explainedVarianceRatio;
    expect(a).toBeGreaterThanOrEqual(b);
    expect(a + b).toBeLessThanOrEqual(1 + 1e-9);
    expect(body.loadings.length).toBeGreaterThan(5);
  });
  it('the matrix keeps missing values as null (never 0) and returns the fitted model', async () => {
    const raw = await json(`/api/rounds/${round2024}/matrix`);
    const col = raw.columns.findIndex((c: { code: string }) => c.code === 'foreign_born_share');
    const berlin = raw.rows.findIndex((r: { name: string }) => r.name === 'Berlin');
    expect(raw.values[berlin][col]).toBeNull();
    expect(raw.gowerRanges).toHaveLength(raw.columns.length);
    const z = await json(`/api/rounds/${round2024}/matrix?method=zscore`);
    expect(z.model.method).toBe('zscore');
    const zcol = z.columns.findIndex((c: { code: string }) => c.code === 'foreign_born_share');
    expect(z.values[berlin][zcol]).toBeNull();
    const perf = await json(`/api/rounds/${round2024}/matrix?space=performance`);
    expect(perf.values.flat().some((v: number | null) => v === null)).toBe(true);
    await expectProblem(await t.get(`/api/rounds/${round2024}/matrix?method=magic`, t.tokens.admin), 422);
    await expectProblem(await t.get('/api/rounds/999999/matrix', t.tokens.admin), 404);
  });
});
