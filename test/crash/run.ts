/**
 * `npm run test:crash` (200 runs; CRASH_RUNS=30 in CI, CRASH_SEED to vary the kill moments).
 * Prints one line per crash run and a summary; exits 1 on any lost write or broken invariant.
 */
import { runCrashHarness } from './harness';

const runs = Number(process.env.CRASH_RUNS ?? 200);
const seed = Number(process.env.CRASH_SEED ?? 1);
const started = Date.now();
console.log(`crash harness: ${runs} runs, seed ${seed}, 8 concurrent writers, kill -9 at a random moment in each`);
const r = await runCrashHarness({ runs, seed, print: (line) => console.log(line) });
const unexpected = Object.entries(r.unexpected).map(([s, n]) => `${s}×${n}`).join(' ') || 'none';
console.log(`\nsummary: ${r.runs} crash runs in ${Math.round((Date.now() - started) / 1000)} s; acknowledged writes ${r.acknowledged}; LOST WRITES ${r.lostWrites}; other problems ${r.problems.length - r.lostWrites}; 412 retries ${r.stale412}; requests cut off by kill ${r.cutOff}; unexpected statuses ${unexpected}; graceful SIGTERM exit code ${r.gracefulExitCode}`);
for (const p of r.problems.slice(0, 20)) console.log('  ' + p);
const failed = r.problems.length > 0 || Object.keys(r.unexpected).some((s) => Number(s) >= 500);
process.exit(failed ? 1 : 0);
