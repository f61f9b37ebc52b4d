/**
 * Differential privacy for aggregate tables: a discrete Laplace sampler and the ε budget.
 *
 * Discrete Laplace (two-sided geometric) with parameter p = exp(−ε/Δ):
 *   P(X = x) = (1 − p)/(1 + p) · p^|x|,  mean 0,  variance 2p/(1 − p)².
 * Adding it to an integer query of L1 sensitivity Δ gives ε-differential privacy.
 * Sampled as the difference of two independent geometric variables G ~ P(G = g) = (1 − p)p^g,
 * each by inversion G = ⌊ln U / ln p⌋ on a 53-bit uniform U ∈ (0, 1] from the injected
 * CSPRNG. The output is an integer, so there is no floating-point "porous" tail to exploit;
 * the inversion's rounding bias is below 2^-50 per value.
 *
 * Sensitivities used by aggregates.ts (one city added or removed):
 * - a count: Δ = 1 per cell the city falls in;
 * - a sum of scores bounded in [0, 100], rounded to integers: Δ = 100 per cell;
 *   a mean is released as noisy sum / noisy count (post-processing, no extra ε);
 * - a distribution (count per band): Δ = 1 per cell (the city moves one band count).
 */
import { uniform53, type RandomBytes } from './entropy';

/** Default ε spent per export and default budget per benchmarking round. */
export const DEFAULT_EPSILON = 1;
export const DEFAULT_BUDGET = 3;

/**
 * One geometric draw on {0, 1, 2, …} with P(g) = (1 − p) p^g.
 * @example geometric(crypto.randomBytes, 0.5) // 0 with probability 1/2
 */
export function geometric(random: RandomBytes, p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`p=${p} must be in [0, 1)`);
  if (p === 0) return 0;
  return Math.floor(Math.log(uniform53(random)) / Math.log(p));
}

/**
 * Discrete Laplace noise for a query of sensitivity `delta` at privacy `epsilon`.
 * @example discreteLaplace(crypto.randomBytes, 1, 1) // 0 w.p. ≈ 0.46, ±1 w.p. ≈ 0.17 each, …
 */
export function discreteLaplace(random: RandomBytes, epsilon: number, delta = 1): number {
  if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new RangeError(`epsilon=${epsilon} must be a positive finite number`);
  if (!(delta > 0 && Number.isFinite(delta))) throw new RangeError(`delta=${delta} must be a positive finite number`);
  const p = Math.exp(-epsilon / delta);
  return geometric(random, p) - geometric(random, p);
}

/** Variance of the discrete Laplace at (ε, Δ): 2p/(1 − p)², p = exp(−ε/Δ). @example discreteLaplaceVariance(1) // ≈ 1.84 */
export function discreteLaplaceVariance(epsilon: number, delta = 1): number {
  const p = Math.exp(-epsilon / delta);
  return (2 * p) / (1 - p) ** 2;
}

export type BudgetCheck = { ok: true; spent: number; remaining: number } | { ok: false; reason: string };

/**
 * The per-round ε ledger as a pure rule: the server stores one row per DP export (its ε) and
 * asks before each new one. Sequential composition: the round's total is the sum.
 * @example checkBudget([1, 1], 1) // { ok: true, spent: 3, remaining: 0 }
 * @example checkBudget([1, 1, 1], 1) // { ok: false, reason: 'ε=1 would bring the round to 4 > budget 3 …' }
 */
export function checkBudget(spent: readonly number[], requested = DEFAULT_EPSILON, budget = DEFAULT_BUDGET): BudgetCheck {
  if (!(requested > 0 && Number.isFinite(requested))) return { ok: false, reason: `ε=${requested} must be a positive finite number` };
  if (!(budget > 0 && Number.isFinite(budget))) return { ok: false, reason: `budget=${budget} must be a positive finite number` };
  const bad = spent.find((e) => !(e >= 0 && Number.isFinite(e)));
  if (bad !== undefined) return { ok: false, reason: `ledger entry ε=${bad} must be a non-negative finite number` };
  const used = spent.reduce((a, b) => a + b, 0);
  const total = used + requested;
  if (total > budget + 1e-9) {
    return { ok: false, reason: `ε=${requested} would bring the round to ${+total.toFixed(6)} > budget ${budget} (already spent ${+used.toFixed(6)} in ${spent.length} exports)` };
  }
  return { ok: true, spent: total, remaining: Math.max(0, budget - total) };
}
