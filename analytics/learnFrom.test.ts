import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { learnFrom } from './learnFrom';

describe('learnFrom', () => {
  it('doc example by hand', () => {
    const r = learnFrom({ city: 0, itemIds: ['k1', 'k2'], scores: [[20, 90], [80, 95], [40, 10]], similarity: [1, 0.5, 0.9] }, { weakCount: 1 });
    expect(r).toEqual([{ item: 'k1', score: 20, teachers: [
      { city: 1, similarity: 0.5, lead: 60, score: 80, rank: 30 },
      { city: 2, similarity: 0.9, lead: 20, score: 40, rank: 18 }] }]);
  });

  it('weakest first, skips missing own scores, lead threshold, evidence pass-through', () => {
    const scores = [
      [30, NaN, 10, 70],
      [44, 90, 25, 100],
      [46, 90, 24, 100],
    ];
    const r = learnFrom({
      city: 0, itemIds: ['a', 'b', 'c', 'd'], scores, similarity: [1, 0.8, 0.2],
      evidence: (c, item) => (c === 1 ? { ids: [`doc-${item}`], text: 'annual report' } : undefined),
    }, { weakCount: 2 });
    expect(r.map((x) => x.item)).toEqual(['c', 'a']);
    // item c: city 1 leads 15 (exactly minLead) → kept; city 2 leads 14 → dropped
    expect(r[0].teachers).toEqual([{ city: 1, similarity: 0.8, lead: 15, score: 25, rank: 12, evidence: { ids: ['doc-c'], text: 'annual report' } }]);
    // item a: city 1 lead 14 → out; city 2 lead 16 → in
    expect(r[1].teachers.map((t) => t.city)).toEqual([2]);
    expect(r[1].teachers[0].evidence).toBeUndefined();
  });

  it('minSimilarity and maxTeachers', () => {
    const scores = [[0], [50], [60], [70]];
    const r = learnFrom({ city: 0, itemIds: ['a'], scores, similarity: [1, 0.9, 0.3, NaN] }, { minSimilarity: 0.5 });
    expect(r[0].teachers.map((t) => t.city)).toEqual([1]);
    const r2 = learnFrom({ city: 0, itemIds: ['a'], scores, similarity: [1, 0.9, 0.3, 0.1] }, { maxTeachers: 2 });
    expect(r2[0].teachers.map((t) => t.city)).toEqual([1, 2]);
  });

  it('states the rule', () => {
    expect(() => learnFrom({ city: 0, itemIds: ['a'], scores: [[1], [2]], similarity: [1] })).toThrow('similarity has 1 values; must equal cities=2');
    expect(() => learnFrom({ city: 0, itemIds: ['a'], scores: [[1], [2]], similarity: [1, 1.5] })).toThrow('similarity of city 1=1.5 must be within 0..1');
  });

  it('property: every teacher leads by ≥ minLead, is not the city, ranks are sorted', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 10 }),
      fc.integer({ min: 0, max: 40 }),
      (scores, minLead) => {
        const similarity = scores.map((_, i) => ((i * 37) % 11) / 10);
        const r = learnFrom({ city: 0, itemIds: ['a', 'b', 'c'], scores, similarity }, { minLead, maxTeachers: 100 });
        for (let k = 1; k < r.length; k++) expect(r[k].score).toBeGreaterThanOrEqual(r[k - 1].score);
        for (const w of r) {
          for (const t of w.teachers) {
            expect(t.city).not.toBe(0);
            expect(t.lead).toBeGreaterThanOrEqual(minLead);
            expect(t.rank).toBeCloseTo(t.similarity * t.lead, 12);
          }
          for (let k = 1; k < w.teachers.length; k++) expect(w.teachers[k].rank).toBeLessThanOrEqual(w.teachers[k - 1].rank);
        }
      }), { seed: 5 });
  });
});
