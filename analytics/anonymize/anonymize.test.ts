import { describe, expect, it } from 'vitest';
import { countryHierarchy, migrantShareHierarchy, populationHierarchy, regionOf, scoreHierarchy } from './bands';
import { randomInt, uniform53 } from './entropy';
import { findGeneralisation } from './kanonymity';
import { pseudonyms } from './pseudonyms';
import { riskReport } from './risk';
import { secureShuffle } from './shuffle';
import { complementarySuppression, tableLines } from './suppression';
import { derivedIntervals } from './derived';
import { createRandom } from '../random';

const bytes = (seed: number) => { const r = createRandom(seed); return (n: number) => Uint8Array.from({ length: n }, () => r.int(256)); };

describe('bands (fixed, documented)', () => {
  it('country → region → Europe', () => {
    expect(['GB', 'IE', 'SE', 'EE'].map(regionOf)).toEqual(Array(4).fill('Northern Europe'));
    expect(regionOf('DE')).toBe('Western Europe');
    expect(regionOf('EL')).toBe('Southern Europe');
    expect(regionOf('PL')).toBe('Eastern Europe');
    expect(regionOf('TR')).toBe('Other');
    expect([0, 1, 2].map((l) => countryHierarchy.label('pt', l))).toEqual(['PT', 'Southern Europe', 'Europe']);
  });
  it('numeric bands are half-open, last closed; missing below the top', () => {
    expect([0, 1, 2].map((l) => populationHierarchy.label(500_000, l))).toEqual(['500k-1M', '≥500k', 'any']);
    expect(migrantShareHierarchy.label(9.99, 0)).toBe('<10%');
    expect([0, 25, 50, 74.9, 75, 100].map((v) => scoreHierarchy.label(v, 0))).toEqual(['0-25', '25-50', '50-75', '50-75', '75-100', '75-100']);
    expect(scoreHierarchy.label(NaN, 1)).toBe('missing');
    expect(scoreHierarchy.label(NaN, 2)).toBe('any');
  });
});

describe('randomness', () => {
  it('randomInt rejects the biased tail: with bytes forcing 0xffffffff first, the next word is used', () => {
    const words = [[0xff, 0xff, 0xff, 0xff], [0, 0, 0, 7]];
    let i = 0;
    expect(randomInt(() => Uint8Array.from(words[i++]), 6)).toBe(1);
  });
  it('randomInt is uniform (chi-square over 6 values)', () => {
    const r = bytes(3), counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) counts[randomInt(r, 6)]++;
    expect(counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0)).toBeLessThan(20.5); // p ≈ 0.001 at 5 df
  });
  it('uniform53 is in (0, 1]', () => {
    expect(uniform53(() => new Uint8Array(7))).toBe(2 ** -53);
    expect(uniform53(() => new Uint8Array(7).fill(255))).toBe(1);
  });
  it('pseudonyms: 128-bit hex, distinct; a repeating source is refused', () => {
    const p = pseudonyms(bytes(1), 100);
    expect(new Set(p).size).toBe(100);
    for (const x of p) expect(x).toMatch(/^[0-9a-f]{32}$/);
    expect(() => pseudonyms(() => new Uint8Array(16), 2)).toThrow('not a CSPRNG');
  });
  it('secureShuffle: all 6 orders of 3 items about equally often', () => {
    const r = bytes(9), seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) { const k = secureShuffle(r, [1, 2, 3]).join(''); seen.set(k, (seen.get(k) ?? 0) + 1); }
    expect(seen.size).toBe(6);
    for (const c of seen.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});

describe('k-anonymity search', () => {
  const pop = (v: string[]) => ({ name: 'pop', loss: [0, 0.5, 1], labels: [v, v.map((x) => (x < 'c' ? 'ab' : 'cd')), v.map(() => 'any')] });
  it('keeps the finest level when classes are large and diverse, generalises otherwise', () => {
    const v = [...'aaaaaabbbbbbcccccc'];
    const s = v.map((_, i) => String(i % 2));
    const g = findGeneralisation([pop(v)], [s], { k: 5 });
    expect(g.refused).toBe(false);
    if (!g.refused) expect(g.levels).toEqual([0]);
    const w = [...'aaaaabbbbbbccccccd'];
    const h = findGeneralisation([pop(w)], [s], { k: 5, maxSuppression: 0 });
    if (!h.refused) expect(h.levels).toEqual([1]);
  });
  it('suppresses a small class when that costs less than generalising', () => {
    const v = [...'aaaaaaaaaaaaaaaaaaab'].map((x) => x);
    const g = findGeneralisation([pop(v)], [v.map((_, i) => String(i % 3))], { k: 5 });
    expect(g.refused).toBe(false);
    if (!g.refused) { expect(g.levels).toEqual([0]); expect(g.suppressed).toEqual([19]); }
  });
  it('refuses with the rule and values', () => {
    const g = findGeneralisation([pop([...'aaaaa'])], [[...'01010']], { k: 5 });
    expect(g).toMatchObject({ refused: true });
    if (g.refused) expect(g.reason).toContain('rows=5 < 6');
    const flat = findGeneralisation([pop([...'aaaaaaaa'])], [[...'00000000']], { k: 5 });
    expect(flat.refused).toBe(true);
  });
  it('risk report', () => {
    const r = riskReport([[0, 1, 2, 3, 4, 5]], [['a', 'b', 'a', 'a', 'b', 'a']], 7);
    expect(r).toMatchObject({ k: 6, l: 2, suppressedRows: 1, classes: 1 });
    expect(r.maxProsecutorRisk).toBeCloseTo(1 / 6, 12);
  });
});

describe('complementary suppression and derived scores', () => {
  it('a lone suppressed cell gets the smallest non-empty partner in its line', () => {
    expect(complementarySuppression([3, 7, 9, 19], [true, false, false, false], [[0, 1, 2, 3]])).toEqual({ suppressed: [true, true, false, false], complementary: [1] });
    expect(tableLines(2, 1)).toEqual([[0, 1], [2, 3], [4, 5], [0, 2, 4], [1, 3, 5]]);
  });
  it('iterates to a fixpoint on a two-way table with margins', () => {
    // 2 × 2 + margins: [[2, 10, 12], [8, 9, 17], [10, 19, 29]]
    const counts = [2, 10, 12, 8, 9, 17, 10, 19, 29];
    const { suppressed } = complementarySuppression(counts, counts.map((c) => c < 5), tableLines(2, 2));
    for (const line of tableLines(2, 2)) expect([0, 2, 3]).toContain(line.filter((c) => suppressed[c]).length);
  });
  it('recomputes published-score intervals from indicator bands', () => {
    expect(derivedIntervals({ i1: '50-75', i2: '75-100' }, { area: { i1: 1, i2: 1 } })).toEqual({ area: [62.5, 87.5] });
    expect(derivedIntervals({ i1: '0-25', i2: 'missing' }, { a: { i1: 1, i2: 1 }, all: { a: 1 } })).toEqual({ a: [0, 25], all: [0, 25] });
  });
});
