import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkBudget, discreteLaplace, discreteLaplaceVariance } from './dp';
import { aggregateTables } from './aggregates';

describe('discrete Laplace sampler', () => {
  it('20k draws at ε=1: mean ≈ 0, variance ≈ 2p/(1-p)², P(0) ≈ (1-p)/(1+p), integers only', () => {
    const N = 20_000, p = Math.exp(-1);
    const xs = Array.from({ length: N }, () => discreteLaplace(randomBytes, 1, 1));
    expect(xs.every(Number.isInteger)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1);
    const target = (2 * p) / (1 - p) ** 2;
    expect(discreteLaplaceVariance(1)).toBeCloseTo(target, 12);
    expect(Math.abs(mean)).toBeLessThan(0.06); // sd of the mean ≈ 0.0096
    expect(Math.abs(v / target - 1)).toBeLessThan(0.08); // sd ≈ 1.6%
    expect(Math.abs(xs.filter((x) => x === 0).length / N - (1 - p) / (1 + p))).toBeLessThan(0.02);
    expect(Math.abs(xs.filter((x) => x > 0).length - xs.filter((x) => x < 0).length) / N).toBeLessThan(0.03);
  });
  it('scales with Δ/ε', () => {
    const N = 20_000;
    const xs = Array.from({ length: N }, () => discreteLaplace(randomBytes, 0.5, 2));
    const v = xs.reduce((a, b) => a + b * b, 0) / N;
    expect(Math.abs(v / discreteLaplaceVariance(0.5, 2) - 1)).toBeLessThan(0.1);
  });
  it('rejects bad parameters with the rule and the value', () => {
    expect(() => discreteLaplace(randomBytes, 0)).toThrow('epsilon=0 must be a positive finite number');
  });
});

describe('ε ledger', () => {
  it('allows exports up to the budget (default 3) and refuses beyond', () => {
    expect(checkBudget([], 1)).toEqual({ ok: true, spent: 1, remaining: 2 });
    expect(checkBudget([1, 1], 1)).toEqual({ ok: true, spent: 3, remaining: 0 });
    const no = checkBudget([1, 1, 1], 1);
    expect(no.ok).toBe(false);
    if (!no.ok) expect(no.reason).toContain('> budget 3');
    expect(checkBudget([0.5], 3, 3).ok).toBe(false);
    expect(checkBudget([], -1).ok).toBe(false);
    expect(checkBudget([NaN], 1).ok).toBe(false);
  });
});

describe('DP aggregates', () => {
  const input = Array.from({ length: 120 }, (_, i) => ({
    region: ['Northern Europe', 'Western Europe', 'Southern Europe'][i % 3],
    sizeBand: ['<250k', '250k-500k'][i % 2],
    cluster: ['a', 'b'][i % 2],
    values: { overall: (i * 37) % 101 },
  }));
  it('noisy counts, no medians, margins = sums of noisy inner cells; ε split over the query groups', () => {
    const a = aggregateTables(input, { measures: ['overall'], dp: { epsilon: 1, random: randomBytes } });
    expect(a.dp!.groups.map((g) => g.name)).toEqual(['count', 'sum:overall', 'distribution:overall']);
    expect(a.dp!.groups.reduce((s, g) => s + g.epsilon, 0)).toBeCloseTo(1, 12);
    expect(a.dp!.groups[0].delta).toBe(2); // a city sits in one cell of each of the two tables
    const grid = a.tables[0];
    const inner = grid.cells.filter((c) => c.row !== 'Total' && c.col !== 'Total' && !c.suppressed);
    for (const c of grid.cells) if (c.measures) expect(c.measures.overall.median).toBeNull();
    expect(inner.length).toBeGreaterThan(0);
  });
});
