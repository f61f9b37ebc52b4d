/** The worker pool: tasks run on real worker threads, errors come back typed, shutdown is clean. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPool } from './pool';
import { sharedMatrix } from './shared';

const m = sharedMatrix({ rows: 4, cols: 1, data: Float64Array.of(0, 1, 5, 6) });
const task = { m, query: 0, opts: { k: 2, metric: 'euclidean' as const }, from: 0, to: 4 };

describe('compute pool', () => {
  it('runs tasks on workers, queues more tasks than workers, and returns results', async () => {
    const pool = createPool(2);
    const started = performance.now();
    await pool.ready();
    console.log(`2 workers loaded in ${(performance.now() - started).toFixed(0)} ms`);
    const parts = await Promise.all(Array.from({ length: 5 }, () => pool.run('peerQueryRange', task)));
    for (const part of parts) expect(Array.from(part.index.subarray(0, part.size)).sort()).toEqual([1, 2]);
    await pool.close();
  });
  it('reports a task error with its type and message, and the worker keeps serving', async () => {
    const pool = createPool(1);
    await expect(pool.run('peerQueryRange', { ...task, from: 3, to: 9 })).rejects.toThrow(RangeError);
    await expect(pool.run('peerQueryRange', { ...task, opts: { ...task.opts, k: 0 } })).rejects.toThrow('k=0 must be an integer >= 1');
    expect((await pool.run('peerQueryRange', task)).count).toBe(3);
    // arguments that are not even an object fail the task with its own error
    await expect(pool.run('peerQueryRange', null as never)).rejects.toMatchObject({ name: 'TypeError' });
    await pool.close();
  });
  it('a worker that dies mid-task fails that task only; queued and later tasks run on a replacement', async () => {
    const pool = createPool(1, new URL('./dying-worker.test-entry.mjs', import.meta.url));
    await pool.ready();
    const dying = pool.run('peerQueryRange', { ...task, from: -1 });
    const queued = pool.run('peerQueryRange', task);
    await expect(dying).rejects.toThrow('compute worker exited with code 3');
    expect((await queued).count).toBe(3);
    expect((await pool.run('peerQueryRange', task)).count).toBe(3);
    await pool.close();
  });
  it('close() rejects queued and later tasks', async () => {
    const pool = createPool(1);
    const running = pool.run('peerQueryRange', task);
    const queued = pool.run('peerQueryRange', task);
    const closing = pool.close();
    await expect(queued).rejects.toThrow('compute pool closed');
    await running.catch(() => undefined); // may finish or be cut off by terminate()
    await closing;
    await expect(pool.run('peerQueryRange', task)).rejects.toThrow('compute pool closed');
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
