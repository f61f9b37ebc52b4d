import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignPeerReviews, type PeerReviewInput, type PeerReviewOptions, type PeerReviewResult } from './peerReview';

/** Checks every hard constraint; returns the recomputed objective. */
function checkConstraints(input: PeerReviewInput, opt: PeerReviewOptions, res: PeerReviewResult): number {
  const R = opt.reviewersPerHost ?? 3, L = opt.maxReviewsPerCity ?? 2;
  const load = new Map<number, number>();
  const reviews = new Set<string>();
  let total = 0;
  for (const t of res.teams) {
    expect(input.hosts).toContain(t.host);
    expect(t.reviewers).toHaveLength(R);
    expect(new Set(t.reviewers.map((r) => r.city)).size).toBe(R);
    if (opt.requireForeignReviewer ?? true) expect(t.reviewers.some((r) => input.countries[r.city] !== input.countries[t.host])).toBe(true);
    for (const r of t.reviewers) {
      expect(r.city).not.toBe(t.host);
      expect(input.reviewers).toContain(r.city);
      if (opt.sharedLanguage) expect(input.languages![r.city].some((l) => input.languages![t.host].includes(l))).toBe(true);
      load.set(r.city, (load.get(r.city) ?? 0) + 1);
      reviews.add(`${r.city}>${t.host}`);
      total += r.score;
    }
  }
  for (const v of load.values()) expect(v).toBeLessThanOrEqual(L);
  for (const k of reviews) {
    const [a, b] = k.split('>');
    expect(reviews.has(`${b}>${a}`), `mutual review ${k}`).toBe(false);
  }
  expect(res.teams.length + res.unassigned.length).toBe(input.hosts.length);
  expect(res.objective).toBeCloseTo(total, 9);
  return total;
}

/** Exhaustive optimum (most full teams, then highest score) under every hard constraint. */
function bruteForce(input: PeerReviewInput, opt: PeerReviewOptions): { teams: number; score: number } {
  const R = opt.reviewersPerHost ?? 3, L = opt.maxReviewsPerCity ?? 2, alpha = opt.alpha ?? 0.5;
  const sim = input.similarity as number[][], str = input.strength as number[][];
  const score = (r: number, h: number) => alpha * sim[r][h] + (1 - alpha) * str[r][h];
  const combos = (arr: number[], k: number): number[][] =>
    k === 0 ? [[]] : arr.flatMap((x, i) => combos(arr.slice(i + 1), k - 1).map((c) => [x, ...c]));
  const options = input.hosts.map((h) => [null, ...combos(input.reviewers.filter((r) => r !== h &&
    (!opt.sharedLanguage || input.languages![r].some((l) => input.languages![h].includes(l)))), R)
    .filter((c) => !(opt.requireForeignReviewer ?? true) || c.some((r) => input.countries[r] !== input.countries[h]))]);
  let best = { teams: 0, score: 0 };
  const pick: (number[] | null)[] = [];
  const rec = (k: number) => {
    if (k === input.hosts.length) {
      const load = new Map<number, number>();
      const rev = new Set<string>();
      let teams = 0, s = 0;
      pick.forEach((c, i) => {
        if (!c) return;
        teams++;
        for (const r of c) { load.set(r, (load.get(r) ?? 0) + 1); rev.add(`${r}>${input.hosts[i]}`); s += score(r, input.hosts[i]); }
      });
      for (const v of load.values()) if (v > L) return;
      for (const key of rev) { const [a, b] = key.split('>'); if (rev.has(`${b}>${a}`)) return; }
      if (teams > best.teams || (teams === best.teams && s > best.score + 1e-9)) best = { teams, score: s };
      return;
    }
    for (const c of options[k]) { pick[k] = c; rec(k + 1); }
  };
  rec(0);
  return best;
}

const instance = (n: number, seedVals: number[], countryPool: number, langs: boolean) => {
  const v = (i: number) => seedVals[i % seedVals.length];
  const similarity = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : v(i * 7 + j * 3) / 100)));
  const strength = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => v(i * 5 + j * 11 + 1) / 100));
  const countries = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (v(i * 13 + 2) % countryPool)));
  const languages = langs ? Array.from({ length: n }, (_, i) => (v(i + 3) % 3 === 0 ? ['fr'] : v(i + 3) % 3 === 1 ? ['en'] : ['en', 'fr'])) : undefined;
  return { similarity, strength, countries, languages };
};

describe('assignPeerReviews', () => {
  it('hand example: flow beats greedy when the first host grabs the shared best reviewer', () => {
    // hosts 0, 1; reviewers 2, 3 (L=1, R=1). Host 0 likes 2 (0.9) and 3 (0.8); host 1 likes only 2 (0.7), 3 gives 0.1.
    // greedy: 0←2 (0.9), 1←3 (0.1) = 1.0 ; optimum: 0←3 (0.8), 1←2 (0.7) = 1.5
    const s = [[0, 0, 0, 0], [0, 0, 0, 0], [0.9, 0.7, 0, 0], [0.8, 0.1, 0, 0]];
    const res = assignPeerReviews({ hosts: [0, 1], reviewers: [2, 3], similarity: s, strength: s, countries: ['NO', 'SE', 'DK', 'DE'] },
      { reviewersPerHost: 1, maxReviewsPerCity: 1 });
    expect(res.greedyObjective).toBeCloseTo(1.0, 12);
    expect(res.objective).toBeCloseTo(1.5, 12);
    expect(res.teams.map((t) => [t.host, t.reviewers[0].city])).toEqual([[0, 3], [1, 2]]);
    expect(res.teams[0].reviewers[0]).toEqual({ city: 3, score: 0.8, similarity: 0.8, strength: 0.8 });
    expect(res.unassigned).toEqual([]);
  });

  it('no mutual review: A and B both want each other, one direction gets replaced', () => {
    // cities 0,1,2 all hosts and reviewers, R=1, L=1. Best pairs 0↔1 (0.9 each way), 2 is a poor fit.
    const s = [[0, 0.9, 0.3], [0.9, 0, 0.2], [0.4, 0.5, 0]];
    const input = { hosts: [0, 1, 2], reviewers: [0, 1, 2], similarity: s, strength: s, countries: ['NO', 'SE', 'DK'] };
    const opt = { reviewersPerHost: 1, maxReviewsPerCity: 1 };
    const res = assignPeerReviews(input, opt);
    checkConstraints(input, opt, res);
    expect(res.teamsFormed).toBe(3);
    // a 3-cycle is the only way to serve all three: 0→1→2→0 (0.9+0.5+0.3=1.7) or 1→0→2→1 (0.9+0.4+0.2=1.5)
    expect(res.objective).toBeCloseTo(1.7, 12);
    expect(res.objective).toBeCloseTo(bruteForce(input, opt).score, 9);
  });

  it('foreign reviewer: a full team of compatriots is never formed', () => {
    // host 0 (NO); reviewers 1, 2 from NO are best, 3 from SE is weak; R=2 → team must contain 3
    const s = [[0, 0, 0, 0], [0.9, 0, 0, 0], [0.8, 0, 0, 0], [0.1, 0, 0, 0]];
    const input = { hosts: [0], reviewers: [1, 2, 3], similarity: s, strength: s, countries: ['NO', 'NO', 'NO', 'SE'] };
    const res = assignPeerReviews(input, { reviewersPerHost: 2 });
    expect(res.teams[0].reviewers.map((r) => r.city)).toEqual([1, 3]);
    const free = assignPeerReviews(input, { reviewersPerHost: 2, requireForeignReviewer: false });
    expect(free.teams[0].reviewers.map((r) => r.city)).toEqual([1, 2]);
  });

  it('says precisely why a host cannot be served', () => {
    const s = Array.from({ length: 4 }, () => [0.5, 0.5, 0.5, 0.5]);
    const countries = ['NO', 'NO', 'NO', 'SE'];
    const res = assignPeerReviews({ hosts: [0, 3], reviewers: [0, 1, 2], similarity: s, strength: s, countries }, { reviewersPerHost: 3 });
    expect(res.unassigned).toEqual([
      { host: 0, reason: 'reviewersPerHost=3 must be <= eligible reviewers=2 for host 0 (of 3 candidates: 1 is the host itself)' },
    ]);
    expect(res.teams.map((t) => t.host)).toEqual([3]);
    const res2 = assignPeerReviews({ hosts: [0], reviewers: [1, 2], similarity: s, strength: s, countries }, { reviewersPerHost: 2 });
    expect(res2.unassigned[0].reason).toBe('host 0 needs a reviewer from a country other than NO, but all 2 eligible reviewers are from NO');
    const langs = [['no'], ['sv'], ['no', 'en'], ['en']];
    const res3 = assignPeerReviews({ hosts: [0], reviewers: [1, 2, 3], similarity: s, strength: s, countries, languages: langs }, { reviewersPerHost: 2, sharedLanguage: true });
    expect(res3.unassigned[0].reason).toBe('reviewersPerHost=2 must be <= eligible reviewers=1 for host 0 (of 3 candidates: 2 share no working language with host 0)');
    // capacity: 2 reviewers × L=1 for 2 hosts × R=1… host 3 (SE) capacity
    const res4 = assignPeerReviews({ hosts: [0, 1, 3], reviewers: [2, 3], similarity: s, strength: s, countries: ['NO', 'DK', 'DE', 'SE'] }, { reviewersPerHost: 1, maxReviewsPerCity: 1 });
    expect(res4.teamsFormed).toBe(2);
    expect(res4.unassigned[0].reason).toMatch(/^reviewer capacity exhausted: only 0 of 1 eligible reviewers of host \d have capacity left \(maxReviewsPerCity=1\), a team needs reviewersPerHost=1; the round offers 2 review slots/);
  });

  it('rejects bad options with the rule and values', () => {
    const s = [[0, 1], [1, 0]];
    const base = { hosts: [0], reviewers: [1], similarity: s, strength: s, countries: ['NO', 'SE'] };
    expect(() => assignPeerReviews(base, { reviewersPerHost: 0 })).toThrow('reviewersPerHost=0 must be an integer >= 1');
    expect(() => assignPeerReviews(base, { alpha: 2 })).toThrow('alpha=2 must be within 0..1');
    expect(() => assignPeerReviews({ ...base, hosts: [5] })).toThrow('host city=5 must be an index in 0..1');
    expect(() => assignPeerReviews({ ...base, similarity: [[0, 2], [2, 0]] }, { reviewersPerHost: 1 })).toThrow('similarity(reviewer 1, host 0)=2 must be within 0..1');
    expect(() => assignPeerReviews(base, { sharedLanguage: true })).toThrow('sharedLanguage needs languages for all 2 cities (got 0)');
  });

  it('doc example: mutual-review rule makes serving both hosts impossible; the flow serves the better one', () => {
    const res = assignPeerReviews({ hosts: [0, 1], reviewers: [0, 1, 2, 3], countries: ['NO', 'SE', 'DK', 'DE'],
      similarity: (i, j) => 1 - Math.abs(i - j) / 4, strength: () => 0.5 }, { reviewersPerHost: 2, maxReviewsPerCity: 1 });
    expect(res.teams.map((t) => [t.host, t.reviewers.map((r) => r.city)])).toEqual([[1, [0, 2]]]);
    expect(res.objective).toBeCloseTo(1.25, 12);
    expect(res.greedyObjective).toBeCloseTo(1.125, 12);
    expect(res.greedyTeamsFormed).toBe(1);
    expect(res.unassigned).toEqual([{ host: 0, reason: 'mutual-review rule: 1 of the 2 reviewers with capacity left are reviewed by host 0 in this round, leaving 1 < reviewersPerHost=2' }]);
    expect(res.capacity).toEqual({ slots: 4, needed: 4 });
  });

  it('is deterministic for a seed', () => {
    const inst = instance(8, [13, 57, 91, 22, 68, 40, 5, 77, 31], 3, false);
    const input = { hosts: [0, 1, 2, 3, 4, 5, 6, 7], reviewers: [0, 1, 2, 3, 4, 5, 6, 7], ...inst };
    expect(assignPeerReviews(input, { seed: 9 })).toEqual(assignPeerReviews(input, { seed: 9 }));
  });

  it('equals the brute-force optimum when mutual, foreign and capacity constraints cannot bind', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 30, maxLength: 30 }),
      fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }),
      (vals, hostCount, R, L, revCount) => {
        fc.pre(revCount >= R && revCount * L >= hostCount * R); // enough seats: only the flow's optimisation matters
        const n = hostCount + revCount;
        const inst = instance(n, vals, 1, false);
        inst.countries = inst.countries.map((_, i) => `C${i}`); // all different: foreign never binds
        const input = { hosts: Array.from({ length: hostCount }, (_, i) => i), reviewers: Array.from({ length: revCount }, (_, i) => hostCount + i), ...inst };
        const opt = { reviewersPerHost: R, maxReviewsPerCity: L };
        const res = assignPeerReviews(input, opt);
        checkConstraints(input, opt, res);
        const bf = bruteForce(input, opt);
        expect(res.teamsFormed).toBe(bf.teams);
        expect(res.objective).toBeCloseTo(bf.score, 9);
      }), { numRuns: 150 });
  });

  it('random instances: every constraint holds and the result is never worse than greedy (and never beats brute force)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 40, maxLength: 40 }),
      fc.integer({ min: 3, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
      fc.boolean(), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1000 }),
      (vals, n, R, L, countryPool, langs, foreign, alpha, seed) => {
        const inst = instance(n, vals, countryPool, langs);
        const hosts = Array.from({ length: n }, (_, i) => i).filter((i) => vals[i] % 3 !== 0);
        const reviewers = Array.from({ length: n }, (_, i) => i).filter((i) => vals[i + 10] % 4 !== 0);
        const input = { hosts, reviewers, ...inst };
        const opt = { reviewersPerHost: R, maxReviewsPerCity: L, requireForeignReviewer: foreign, sharedLanguage: langs, alpha, seed };
        const res = assignPeerReviews(input, opt);
        checkConstraints(input, opt, res);
        expect(res.teamsFormed).toBeGreaterThanOrEqual(res.greedyTeamsFormed);
        if (res.teamsFormed === res.greedyTeamsFormed) expect(res.objective).toBeGreaterThanOrEqual(res.greedyObjective - 1e-9);
        if (hosts.length <= 4 && R <= 2) {
          const bf = bruteForce(input, opt);
          expect(res.teamsFormed).toBeLessThanOrEqual(bf.teams);
          if (res.teamsFormed === bf.teams) expect(res.objective).toBeLessThanOrEqual(bf.score + 1e-9);
        }
      }), { numRuns: 300 });
  });
});
