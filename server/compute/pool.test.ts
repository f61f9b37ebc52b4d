/** The worker pool: tasks run on real worker threads, errors come back typed, shutdown is clean. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPool } from './pool';
import { sharedInt32, sharedMatrix } from './shared';

const m = sharedMatrix({ rows: 4, cols: 1, data: Float64Array.of(0, 1, 5, 6) });
// Each task gets its own copy of `claims` (a private array is copied to the worker), so each scans every row.
const task = { m, query: 0, opts: { k: 2, metric: 'euclidean' as const }, claims: new Int32Array(1) };

describe('compute pool', () => {
  it('runs tasks on workers, queues more tasks than workers, and returns results', async () => {
    const pool = createPool(2);
    const started = performance.now();
    await pool.ready();
    console.log(`2 workers loaded in ${(performance.now() - started).toFixed(0)} ms`);
    const parts = await Promise.all(Array.from({ length: 5 }, () => pool.run('peerQueryClaimed', task)));
    for (const { part, rows } of parts) {
      expect(rows).toBe(4);
      expect(Array.from(part.index.subarray(0, part.size)).sort()).toEqual([1, 2]);
    }
    await pool.close();
  });
  it('reports a task error with its type and message, and the worker keeps serving', async () => {
    const pool = createPool(1);
    await expect(pool.run('peerQueryClaimed', { ...task, query: 9 })).rejects.toThrow('row=9 must be an integer in [0, rows=4)');
    await expect(pool.run('peerQueryClaimed', { ...task, opts: { ...task.opts, k: 0 } })).rejects.toThrow('k=0 must be an integer >= 1');
    expect((await pool.run('peerQueryClaimed', task)).part.count).toBe(3);
    // arguments that are not even an object fail the task with its own error
    await expect(pool.run('peerQueryClaimed', null as never)).rejects.toMatchObject({ name: 'TypeError' });
    await pool.close();
  });
  it('a worker that dies mid-task fails that task only; queued and later tasks run on a replacement', async () => {
    const pool = createPool(1, new URL('./dying-worker.test-entry.mjs', import.meta.url));
    await pool.ready();
    const dying = pool.run('peerQueryClaimed', { ...task, query: -1 });
    const queued = pool.run('peerQueryClaimed', task);
    await expect(dying).rejects.toThrow('compute worker exited with code 3');
    expect((await queued).part.count).toBe(3);
    expect((await pool.run('peerQueryClaimed', task)).part.count).toBe(3);
    await pool.close();
  });
  it('a caller that never lets the event loop turn still finds its worker free for the next task', async () => {
    const pool = createPool(1);
    await pool.ready();
    void pool.run('peerQueryClaimed', task);
    const spinUntil = (done: () => boolean, ms: number) => { const t = performance.now(); while (!done() && performance.now() - t < ms); };
    spinUntil(() => false, 300); // the first task finishes meanwhile, but its reply event cannot run
    const claims = sharedInt32(1);
    const second = pool.run('peerQueryClaimed', { ...task, claims });
    spinUntil(() => Atomics.load(claims, 0) > 0, 10_000);
    expect(Atomics.load(claims, 0), 'the second task started on the worker').toBeGreaterThan(0);
    expect((await second).rows).toBe(4);
    await pool.close();
  });
  it('an aborted task that is still queued is dropped; a running one finishes', async () => {
    const pool = createPool(1);
    const stop = new AbortController();
    const running = pool.run('peerQueryClaimed', task, stop.signal);
    const queued = pool.run('peerQueryClaimed', task, stop.signal);
    stop.abort();
    await expect(queued).rejects.toThrow('task cancelled before it started');
    expect((await running).rows).toBe(4);
    expect((await pool.run('peerQueryClaimed', task)).rows).toBe(4);
    await pool.close();
  });
  it('close() rejects queued and later tasks', async () => {
    const pool = createPool(1);
    const running = pool.run('peerQueryClaimed', task);
    const queued = pool.run('peerQueryClaimed', task);
    const closing = pool.close();
    await expect(queued).rejects.toThrow('compute pool closed');
    await running.catch(() => undefined); // may finish or be cut off by terminate()
    await closing;
    await expect(pool.run('peerQueryClaimed', task)).rejects.toThrow('compute pool closed');
  });
  it('a process that used the shared pool and never closed it still exits by itself', () => {
    const here = (f: string) => JSON.stringify(pathToFileURL(join(__dirname, f)).href);
    const script = [
      `const { computePool } = await import(${here('pool.ts')});`,
      `const { parallelPeerQuery } = await import(${here('parallel-peer-query.ts')});`,
      'await computePool().ready();',
      "const m = { rows: 3, cols: 1, data: Float64Array.of(0, 1, 3) };",
      "const r = await parallelPeerQuery(m, 0, { k: 1, metric: 'euclidean' }, computePool());",
      'console.log(JSON.stringify(r.neighbors));',
    ].join('\n');
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'citypeers-pool-')), file = join(dir, 'uses-pool.mts');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: join(__dirname, '../..'), encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true });
    console.log(`child process with the shared pool exited in ${(performance.now() - started).toFixed(0)} ms`);
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual([{ index: 1, distance: 1, used: 1 }]);
  });
});
