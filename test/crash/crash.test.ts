/** A short form of the crash harness inside `npm test` (the long one: `npm run test:crash`). */
import { expect, it } from 'vitest';
import { runCrashHarness } from './harness';

it('keeps every acknowledged write through kill -9 (3 runs)', async () => {
  const r = await runCrashHarness({ runs: 3, seed: 7, print: (line) => console.log(line) });
  console.log(`acknowledged ${r.acknowledged}, lost ${r.lostWrites}, 412 ${r.stale412}`);
  expect(r.problems).toEqual([]);
  expect(r.lostWrites).toBe(0);
  expect(Object.keys(r.unexpected).filter((s) => Number(s) >= 500)).toEqual([]);
  expect(r.gracefulExitCode).toBe(0);
}, 180_000);
