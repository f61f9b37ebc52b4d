/**
 * Issue 7, "how it will be checked": the linkage attack on demo-like data (200 cities,
 * 27 countries, skewed sizes, 13 indicators in steps of 25, 4 area scores + overall).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planExport, type RowsExport } from '../../analytics/anonymize';
import { createRandom } from '../../analytics/random';
import { consistent, consistentCounts, owners } from './attack';
import { network, SCORE_MODEL } from './network';

const cities = network({ n: 200, seed: 2024 });

/** Attacker knowledge: published scores of a third of the cities (seeded choice). */
function knownThird(seed: number): Set<number> {
  const rnd = createRandom(seed);
  return new Set(Array.from(rnd.sample(cities.length, Math.round(cities.length / 3))));
}

function guessingAttacker(out: RowsExport, known: Set<number>, trials: number, seed: number, derived = false) {
  const rnd = createRandom(seed);
  const owner = owners(out, cities);
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const target = rnd.int(out.rows.length);
    const pool = cities.map((c, i) => i).filter((i) => consistent(out, out.rows[target], cities[i], known.has(i), derived));
    if (pool[rnd.int(pool.length)] === owner[target]) hits++;
  }
  return hits / trials;
}

describe('linkage attack on demo-like data', () => {
  const out = planExport(cities, { randomBytes, scoreModel: SCORE_MODEL });
  it('releases rows (the demo network is large enough)', () => {
    expect(out.kind).toBe('rows');
  });
  it('every exported row is consistent with >= 5 cities; max risk <= 0.2, mean <= 0.1; guessing <= 20% of 1,000 trials', () => {
    if (out.kind !== 'rows') throw new Error(out.reason);
    const figures: Record<string, number>[] = [];
    for (const seed of [1, 2, 3]) {
      const known = knownThird(seed);
      const counts = consistentCounts(out, cities, known);
      const risks = counts.map((c) => 1 / c);
      const min = Math.min(...counts);
      const max = Math.max(...risks);
      const mean = risks.reduce((a, b) => a + b, 0) / risks.length;
      const guess = guessingAttacker(out, known, 1000, 100 + seed);
      figures.push({ seed, minConsistent: min, maxRisk: +max.toFixed(4), meanRisk: +mean.toFixed(4), guessSuccess: guess });
      expect(min).toBeGreaterThanOrEqual(5);
      expect(max).toBeLessThanOrEqual(0.2);
      expect(mean).toBeLessThanOrEqual(0.1);
      expect(guess).toBeLessThanOrEqual(0.2);
    }
    console.info('linkage attack (demo-like, n=200)', JSON.stringify({ levels: out.levels, risk: out.risk, figures }));
  });
  it('the risk report matches the export and the rules', () => {
    if (out.kind !== 'rows') throw new Error(out.reason);
    expect(out.risk.k).toBeGreaterThanOrEqual(6);
    expect(out.risk.l).toBeGreaterThanOrEqual(2);
    expect(out.risk.suppressedShare).toBeLessThanOrEqual(0.1);
    expect(out.risk.releasedRows).toBe(out.rows.length);
    expect(out.risk.maxProsecutorRisk).toBeLessThanOrEqual(1 / 6); // includes the recomputed-score linkage (scoreModel)
    expect(out.risk.meanProsecutorRisk).toBeLessThanOrEqual(0.1);
  });
  it('stronger attacker (recomputes area scores from indicator bands): measured, reported', () => {
    if (out.kind !== 'rows') throw new Error(out.reason);
    const known = knownThird(1);
    const counts = consistentCounts(out, cities, known, true);
    const risks = counts.map((c) => 1 / c);
    const fig = {
      minConsistent: Math.min(...counts),
      maxRisk: +Math.max(...risks).toFixed(4),
      meanRisk: +(risks.reduce((a, b) => a + b, 0) / risks.length).toFixed(4),
      guessSuccess: guessingAttacker(out, known, 1000, 7, true),
    };
    console.info('derived-score attacker (demo-like, n=200)', JSON.stringify(fig));
    expect(fig.minConsistent).toBeGreaterThanOrEqual(1);
  });
  it('reverse direction (prosecutor: "which row is city X?") for cities whose scores are known: >= 5 rows each, guessing <= 20%', () => {
    if (out.kind !== 'rows') throw new Error(out.reason);
    const owner = owners(out, cities);
    const rowOf = new Map(owner.map((c, r) => [c, r]));
    const figures: Record<string, number | boolean>[] = [];
    for (const derived of [false, true]) {
      const known = knownThird(1);
      const targets = [...known].filter((c) => rowOf.has(c));
      const memo = new Map<number, number[]>();
      const rowsFor = (c: number) => memo.get(c) ?? memo.set(c, out.rows.map((_, r) => r).filter((r) => consistent(out, out.rows[r], cities[c], true, derived))).get(c)!;
      const counts = targets.map((c) => rowsFor(c).length);
      const rnd = createRandom(derived ? 11 : 10);
      let hits = 0;
      for (let t = 0; t < 1000; t++) {
        const c = targets[rnd.int(targets.length)];
        const pool = rowsFor(c);
        if (pool[rnd.int(pool.length)] === rowOf.get(c)) hits++;
      }
      const risks = counts.map((n) => 1 / n);
      figures.push({ derived, minRows: Math.min(...counts), maxRisk: +Math.max(...risks).toFixed(4), meanRisk: +(risks.reduce((a, b) => a + b, 0) / risks.length).toFixed(4), guessSuccess: hits / 1000 });
    }
    console.info('prosecutor direction (demo-like, n=200)', JSON.stringify(figures));
    for (const f of figures) { expect(f.minRows).toBeGreaterThanOrEqual(5); expect(f.guessSuccess).toBeLessThanOrEqual(0.2); }
  });
  it('no internal id, name, free text or timestamp leaves the module', () => {
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/SECRET|city-\d|evidence|notes|\d{4}-\d\d-\d\dT/);
    if (out.kind === 'rows') for (const r of out.rows) expect(r.pseudonym).toMatch(/^[0-9a-f]{32}$/);
  });
});
