import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreAnswer, scoreCity, type IndicatorDef, type ScoreWeights } from './scores';

const ord = (id: string, area: string, levels = 4): IndicatorDef => ({ id, area, scale: { kind: 'ordinal', levels } });

describe('scoreAnswer', () => {
  it('maps each scale to 0-100', () => {
    expect(scoreAnswer(ord('q', 'A'), 3)).toBe(75);
    expect(scoreAnswer(ord('q', 'A'), 0)).toBe(0);
    expect(scoreAnswer({ id: 'y', area: 'A', scale: { kind: 'yes_no' } }, true)).toBe(100);
    expect(scoreAnswer({ id: 'y', area: 'A', scale: { kind: 'yes_no' } }, 0)).toBe(0);
    expect(scoreAnswer({ id: 'p', area: 'A', scale: { kind: 'percentage' } }, 130)).toBe(100);
    expect(scoreAnswer({ id: 'p', area: 'A', scale: { kind: 'percentage' } }, -5)).toBe(0);
    expect(scoreAnswer({ id: 'n', area: 'A', scale: { kind: 'number', min: 10, max: 30 } }, 15)).toBe(25);
    expect(scoreAnswer({ id: 'n', area: 'A', scale: { kind: 'number', min: 10, max: 30 } }, 99)).toBe(100);
  });
  it('reverses lower_better', () => {
    expect(scoreAnswer({ id: 'u', area: 'A', scale: { kind: 'number', min: 0, max: 20 }, direction: 'lower_better' }, 5)).toBe(75);
    expect(scoreAnswer({ id: 'o', area: 'A', scale: { kind: 'ordinal', levels: 2 }, direction: 'lower_better' }, 2)).toBe(0);
  });
  it('keeps missing as NaN, never 0', () => {
    for (const v of [null, undefined, '', NaN] as const) expect(scoreAnswer(ord('q', 'A'), v)).toBeNaN();
  });
  it('states the rule for invalid answers', () => {
    expect(() => scoreAnswer(ord('q', 'A'), 5)).toThrow('indicator "q": ordinal answer=5 must be an integer in 0..4');
    expect(() => scoreAnswer({ id: 'y', area: 'A', scale: { kind: 'yes_no' } }, 2)).toThrow('yes_no answer=2 must be true/false or 1/0');
    expect(() => scoreAnswer({ id: 'n', area: 'A', scale: { kind: 'number', min: 3, max: 3 } }, 1)).toThrow('number scale min=3 must be < max=3');
  });
  it('always lands in 0..100 for numbers', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean(), (v, low) => {
      const s = scoreAnswer({ id: 'n', area: 'A', scale: { kind: 'number', min: -50, max: 50 }, direction: low ? 'lower_better' : 'higher_better' }, v);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(100);
    }), { seed: 1 });
  });
});

describe('scoreCity', () => {
  const defs: IndicatorDef[] = [ord('a1', 'A'), ord('a2', 'A'), ord('a3', 'A'), ord('b1', 'B'), ord('b2', 'B')];
  const w: ScoreWeights = { version: 'v1', indicator: { a1: 2, a2: 1, a3: 1, b1: 1, b2: 1 }, area: { A: 3, B: 1 } };

  it('hand-computed weighted means', () => {
    const r = scoreCity(defs, { a1: 4, a2: 2, a3: 0, b1: 1, b2: 3 }, w);
    // A = (2*100 + 50 + 0) / 4 = 62.5 ; B = (25 + 75)/2 = 50 ; overall = (3*62.5 + 50)/4 = 59.375
    expect(r.areas.A).toEqual({ score: 62.5, answered: 3, answeredShare: 1 });
    expect(r.areas.B.score).toBe(50);
    expect(r.overall).toEqual({ score: 59.375, answered: 5, answeredShare: 1 });
    expect(r.weightsVersion).toBe('v1');
  });

  it('area exactly at 50% answered weight is scored, below is NaN', () => {
    // A: only a1 (weight 2 of 4 = 50%) → 100; B: nothing → NaN
    const r = scoreCity(defs, { a1: 4 }, w);
    expect(r.areas.A).toEqual({ score: 100, answered: 1, answeredShare: 0.5 });
    expect(r.areas.B.score).toBeNaN();
    expect(r.areas.B.answered).toBe(0);
    // overall: area weight present 3/4 ≥ 0.5 → 100
    expect(r.overall).toEqual({ score: 100, answered: 1, answeredShare: 0.75 });
    // A: only a2 (1/4) → NaN; B answered fully → overall present 1/4 < 0.5 → NaN
    const r2 = scoreCity(defs, { a2: 4, b1: 4, b2: 4 }, w);
    expect(r2.areas.A.score).toBeNaN();
    expect(r2.areas.B.score).toBe(100);
    expect(r2.overall.score).toBeNaN();
    expect(r2.overall.answered).toBe(0);
  });

  it('minAnsweredShare is a parameter', () => {
    const r = scoreCity(defs, { a2: 4, b1: 0, b2: 0 }, w, { minAnsweredShare: 0.25 });
    expect(r.areas.A.score).toBe(100);
    expect(r.overall.score).toBe(75);
    expect(() => scoreCity(defs, {}, w, { minAnsweredShare: 2 })).toThrow('minAnsweredShare=2 must be within 0..1');
  });

  it('requires explicit weights and known indicators', () => {
    expect(() => scoreCity(defs, {}, { ...w, indicator: { a1: 1 } })).toThrow('weights version "v1" has no weight for indicator "a2"');
    expect(() => scoreCity(defs, {}, { ...w, area: { A: 1 } })).toThrow('weights version "v1" has no weight for area "B"');
    expect(() => scoreCity(defs, { zz: 1 }, w)).toThrow('answer for unknown indicator "zz"');
  });

  it('missing never acts as zero: adding a missing answer never lowers a defined score', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 5, maxLength: 5 }), (vals) => {
      const answers = Object.fromEntries(defs.map((d, i) => [d.id, vals[i]]));
      const r = scoreCity(defs, answers, w, { minAnsweredShare: 0 });
      for (const area of ['A', 'B']) {
        const present = defs.filter((d, i) => d.area === area && vals[i] !== null);
        if (present.length === 0) { expect(r.areas[area].score).toBeNaN(); continue; }
        // score is within the range of the answered indicator scores
        const s = present.map((d) => r.indicators[d.id]);
        expect(r.areas[area].score).toBeGreaterThanOrEqual(Math.min(...s) - 1e-9);
        expect(r.areas[area].score).toBeLessThanOrEqual(Math.max(...s) + 1e-9);
        expect(r.areas[area].answered).toBe(present.length);
      }
    }), { seed: 2 });
  });
});
