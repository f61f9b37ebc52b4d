/**
 * The crash-safety harness: one database, `runs` times over: start the real server, run concurrent
 * writers, SIGKILL the server at a random (seeded) moment, then verify the database through a
 * fresh connection (every write acknowledged in ANY run so far is still there; see verify.ts).
 * Ends with a normal start, a readiness check and a graceful SIGTERM stop.
 *
 * @example
 * const result = await runCrashHarness({ runs: 30, seed: 1, print: console.log });
 * result.lostWrites === 0 && result.problems.length === 0;
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../analytics/random';
import { prepareDatabase } from './prepare';
import { spawnServer } from './server-process';
import { verifyDatabase } from './verify';
import { startWriters, type Ack } from './writers';

export interface CrashResult {
  runs: number;
  acknowledged: number;
  lostWrites: number;
  stale412: number;
  cutOff: number;
  unexpected: Record<number, number>;
  problems: string[];
  gracefulExitCode: number | null;
}

export async function runCrashHarness({ runs, seed = 1, writers = 8, print = (_: string) => {} }: { runs: number; seed?: number; writers?: number; print?: (line: string) => void }): Promise<CrashResult> {
  const dir = mkdtempSync(join(tmpdir(), 'citypeers-crash-'));
  const rnd = createRandom(seed);
  const prepared = await prepareDatabase(join(dir, 'crash.db'));
  const env = { DATABASE_URL: prepared.url };
  const acks: Ack[] = [];
  const seen = new Map<number, number>();
  const result: CrashResult = { runs, acknowledged: 0, lostWrites: 0, stale412: 0, cutOff: 0, unexpected: {}, problems: [], gracefulExitCode: null };
  try {
    for (let run = 1; run <= runs; run++) {
      const server = await spawnServer(env);
      const w = startWriters({ urls: [server.url], token: prepared.adminToken, submissions: prepared.submissions, writers, seed: seed * 100_000 + run, tag: `r${run}` });
      const killAfterMs = 200 + rnd.int(1800);
      await new Promise((r) => setTimeout(r, killAfterMs));
      server.kill('SIGKILL');
      await server.exited;
      w.stop();
      const stats = await w.done;
      acks.push(...stats.acks);
      for (const [id, v] of stats.seenVersions) seen.set(id, Math.max(v, seen.get(id) ?? 0));
      for (const [status, n] of Object.entries(stats.unexpected)) result.unexpected[Number(status)] = (result.unexpected[Number(status)] ?? 0) + n;
      result.stale412 += stats.stale412;
      result.cutOff += stats.cutOff;
      const problems = await verifyDatabase(prepared.url, acks, seen, prepared);
      result.problems.push(...problems.map((p) => `run ${run}: ${p}`));
      print(`run ${String(run).padStart(3)}  kill -9 after ${String(killAfterMs).padStart(4)} ms  acked ${String(stats.acks.length).padStart(4)}  412 ${String(stats.stale412).padStart(3)}  cut off ${stats.cutOff}  ${problems.length === 0 ? 'verified: ok' : `PROBLEMS ${problems.length}: ${problems.slice(0, 3).join('; ')}`}`);
    }
    result.acknowledged = acks.length;
    result.lostWrites = result.problems.filter((p) => p.includes('LOST')).length;
    const last = await spawnServer(env);
    const ready = await fetch(`${last.url}/api/ready`);
    if (ready.status !== 200) result.problems.push(`after the last crash /api/ready answered ${ready.status}`);
    last.kill('SIGTERM');
    result.gracefulExitCode = await last.exited;
    if (result.gracefulExitCode !== 0) result.problems.push(`SIGTERM exit code ${result.gracefulExitCode}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
