/** `citypeers analyze … --parallel on|off`: the worker-pool path prints exactly what the serial one prints. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCitypeers } from '../helpers/cli';
import { createRandom } from '../../analytics/random';

let dir: string;

const cli = (...args: string[]) => runCitypeers(args, { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'citypeers-cli-parallel-'));
  const r = createRandom(11);
  const rows = Array.from({ length: 301 }, (_, i) => Array.from({ length: 6 }, (_, j) => (r.next() < 0.05 ? '' : String(((i % 3) * 2 + j * 0.1 + r.normal()).toFixed(4)))));
  writeFileSync(join(dir, 'x.csv'), `a,b,c,d,e,f\n${rows.map((row) => row.join(',')).join('\n')}\n`);
  writeFileSync(join(dir, 'labels.csv'), `label\n${rows.map((_, i) => i % 3).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('citypeers analyze --parallel', () => {
  const runs: [string, string[]][] = [
    ['neighbors', ['--row', '7', '--k', '12']],
    ['neighbors', ['--row', '300', '--k', '5', '--metric', 'euclidean']],
    ['kmeans', ['--k', '4', '--seed', '3']],
    ['silhouette', ['--labels', 'labels.csv']],
    ['ward', ['--k', '3']],
  ];
  it.each(runs)('%s %j: same output on the workers as serially', async (method, args) => {
    const [serial, parallel] = await Promise.all([
      cli('analyze', method, '--input', 'x.csv', ...args, '--parallel', 'off'),
      cli('analyze', method, '--input', 'x.csv', ...args, '--parallel', 'on'),
    ]);
    console.log(`${method}: serial process ${serial.ms.toFixed(0)} ms, with workers ${parallel.ms.toFixed(0)} ms`);
    expect(serial.stderr).toBe('');
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
  });
  it('rejects a bad mode, and methods without a parallel path have no --parallel option', async () => {
    const bad = await cli('analyze', 'ward', '--input', 'x.csv', '--k', '2', '--parallel', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--parallel=maybe must be auto, on or off');
    const none = await cli('analyze', 'zscore', '--input', 'x.csv', '--parallel', 'on');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Unknown option '--parallel'");
  });
});
