import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planStudyVisits, type StudyVisitInput } from './studyVisits';

const line = (n: number) => Array.from({ length: n }, (_, i) => ({ lat: 0, lon: i }));
const KM1 = 111.19508; // one degree on the equator

describe('planStudyVisits', () => {
  it('hand example: similarity and distance can beat raw strength', () => {
    const plan = planStudyVisits({
      indicatorIds: ['k1'], scores: [[20], [90], [60]],
      similarity: [[1, 0.5, 1], [0.5, 1, 0.5], [1, 0.5, 1]], locations: line(3),
    }, { visitsPerCity: 1 });
    const v = plan.cities[0].visits;
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ host: 2, indicator: 'k1', need: 80, strength: 60, similarity: 1 });
    expect(v[0].distanceKm).toBeCloseTo(2 * KM1, 3);
    expect(v[0].score).toBeCloseTo(0.48 - 0.1 * (2 * KM1) / 1000, 9);
    // city 2 (60) learns from city 1 (90): 0.4 × 0.9 × 0.5 − 0.0111; city 1 is best: no one ahead
    expect(plan.cities[2].visits.map((x) => x.host)).toEqual([1]);
    expect(plan.cities[1].visits).toEqual([]);
  });

  it('picks the theme among priorities with the best value', () => {
    const plan = planStudyVisits({
      indicatorIds: ['a', 'b', 'c'], scores: [[10, 40, 95], [30, 100, 0]],
      similarity: () => 1, locations: line(2), priorities: [['a', 'b'], []],
    }, { costPer1000km: 0 });
    // a: 0.9 × 0.3 = 0.27 ; b: 0.6 × 1.0 = 0.6 → theme b
    expect(plan.cities[0].visits[0]).toMatchObject({ host: 1, indicator: 'b', need: 60, strength: 100, score: 0.6 });
  });

  it('host capacity and two different hosts per city; the flow beats first-come greedy', () => {
    // host 3 is everyone's favourite but takes only 1 visitor; city 0 has a good alternative (host 4), city 1 has none
    const scores = [[0], [0], [0], [100], [90]];
    const similarity = [
      [0, 0, 0, 1.0, 0.9],
      [0, 0, 0, 0.95, 0.1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    const plan = planStudyVisits({ indicatorIds: ['k'], scores, similarity, locations: line(5), visitors: [0, 1], hosts: [3, 4] },
      { hostCapacity: 1, costPer1000km: 0, visitsPerCity: 1 });
    expect(plan.cities.map((c) => c.visits.map((v) => v.host))).toEqual([[4], [3]]);
    expect(plan.totalScore).toBeCloseTo(0.81 + 0.95, 12);
    expect(plan.hostLoad).toEqual({ 3: 1, 4: 1 });
  });

  it('drops visits whose travel cost exceeds their value', () => {
    const plan = planStudyVisits({ indicatorIds: ['k'], scores: [[50], [100]], similarity: () => 1,
      locations: [{ lat: 0, lon: 0 }, { lat: 0, lon: 90 }] }, { costPer1000km: 0.1 });
    // value 0.5, cost 0.1 × 10007.5 / 1000 ≈ 1.0 → no visit
    expect(plan.cities[0].visits).toEqual([]);
  });

  it('states the rule on bad input', () => {
    const base: StudyVisitInput = { indicatorIds: ['k'], scores: [[1], [2]], similarity: () => 1, locations: line(2) };
    expect(() => planStudyVisits({ ...base, locations: line(1) })).toThrow('locations has 1 entries; must equal cities=2');
    expect(() => planStudyVisits(base, { hostCapacity: -1 })).toThrow('hostCapacity=-1 must be an integer >= 0');
    expect(() => planStudyVisits({ ...base, priorities: [['zz'], []] })).toThrow('priority indicator "zz" of city 0 is not one of indicatorIds');
    expect(() => planStudyVisits({ ...base, similarity: () => 3 })).toThrow('similarity(visitor 0, host 1)=3 must be within 0..1');
  });

  it('random instances: constraints hold and the total equals the brute-force optimum', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 24, maxLength: 24 }),
      fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 }),
      (vals, n, cap, per) => {
        const scores = Array.from({ length: n }, (_, i) => [vals[i], vals[i + 6]]);
        const similarity = (c: number, h: number) => vals[(c * 5 + h * 3 + 12) % 24] / 100;
        const locations = Array.from({ length: n }, (_, i) => ({ lat: 40 + (vals[i + 18] % 20), lon: vals[i + 20] % 30 }));
        const plan = planStudyVisits({ indicatorIds: ['a', 'b'], scores, similarity, locations }, { hostCapacity: cap, visitsPerCity: per, costPer1000km: 0.2 });
        const load = new Map<number, number>();
        let total = 0;
        for (const c of plan.cities) {
          expect(c.visits.length).toBeLessThanOrEqual(per);
          expect(new Set(c.visits.map((v) => v.host)).size).toBe(c.visits.length);
          for (const v of c.visits) {
            expect(v.host).not.toBe(c.city);
            expect(v.score).toBeGreaterThan(0);
            load.set(v.host, (load.get(v.host) ?? 0) + 1);
            total += v.score;
          }
        }
        for (const l of load.values()) expect(l).toBeLessThanOrEqual(cap);
        expect(plan.totalScore).toBeCloseTo(total, 9);
        // brute force over all subsets of candidate pairs, using every pair's best positive score
        const full = planStudyVisits({ indicatorIds: ['a', 'b'], scores, similarity, locations }, { hostCapacity: 99, visitsPerCity: 99, costPer1000km: 0.2 });
        const pairs = full.cities.flatMap((c) => c.visits.map((v) => ({ c: c.city, h: v.host, s: v.score })));
        let best = 0;
        for (let mask = 0; mask < 1 << pairs.length; mask++) {
          const out = new Map<number, number>(), inn = new Map<number, number>();
          let s = 0, ok = true;
          pairs.forEach((p, k) => {
            if (!(mask & (1 << k))) return;
            out.set(p.c, (out.get(p.c) ?? 0) + 1); inn.set(p.h, (inn.get(p.h) ?? 0) + 1); s += p.s;
            if (out.get(p.c)! > per || inn.get(p.h)! > cap) ok = false;
          });
          if (ok && s > best) best = s;
        }
        expect(plan.totalScore).toBeCloseTo(best, 9);
      }), { numRuns: 150 });
  });
});
