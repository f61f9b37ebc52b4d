/**
 * Property tests draw their cases from one fixed seed, so CI is repeatable: a failure found once is
 * found again on every machine. `FAST_CHECK_SEED=<n>` tries other cases, `FAST_CHECK_SEED=random`
 * a new seed each run (fast-check prints it with any counterexample). No test passes its own seed,
 * so the variable reaches every property.
 */
import fc from 'fast-check';

const wanted = process.env.FAST_CHECK_SEED ?? '20261122';
if (wanted !== 'random') {
  if (!/^-?\d+$/.test(wanted)) throw new Error(`FAST_CHECK_SEED=${wanted} must be an integer or "random"`);
  fc.configureGlobal({ seed: Number(wanted) });
}
