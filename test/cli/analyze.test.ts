import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCitypeers, type CliRun } from '../helpers/cli';

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function cli(...args: string[]): Promise<CliRun & { json: any }> {
  const r = await runCitypeers(args, { cwd: dir });
  let json: any;
  try { json = JSON.parse(r.stdout); } catch { json = undefined; }
  return { ...r, json };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'citypeers-cli-'));
  file('x.csv', 'a,b\n1,2\n3,4\n10,10\n11,12\n');
  file('centers.csv', 'a,b\n0,0\n20,20\n');
  file('w.csv', 'x\n0\n1\n5\n');
  file('p.csv', 'x,y\n0,0\n1,1\n2,2\n');
  file('s.csv', 'v\n0\n1\n10\n11\n');
  file('labels.csv', 'label\n0\n0\n1\n1\n');
  file('wt.json', '{"a": 0}');
  file('z.csv', '"unemployment rate",share\n1,10\n,20\n3,30\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('citypeers analyze: happy paths', () => {
  it('kmeans with given initial centres', async () => {
    const r = await cli('analyze', 'kmeans', '--input', 'x.csv', '--init', 'centers.csv', '--max-iter', '50');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ labels: [0, 0, 1, 1], centroids: [[2, 3], [10.5, 11]], inertia: 6.5 });
    expect(r.json.iterations).toBeGreaterThanOrEqual(1);
  });

  it('kmeans with k-means++ and a seed', async () => {
    const r = await cli('analyze', 'kmeans', '--input', 'x.csv', '--k', '2', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.json.inertia).toBe(6.5);
    expect(r.json.labels[0]).toBe(r.json.labels[1]);
    expect(r.json.labels[2]).not.toBe(r.json.labels[0]);
  });

  it('ward: labels and merge heights (scipy convention)', async () => {
    const r = await cli('analyze', 'ward', '--input', 'w.csv', '--k', '2');
    expect(r.code).toBe(0);
    expect(r.json.labels).toEqual([0, 0, 1]);
    // {0,1} at 1; then with {5}: sqrt((2·25 + 2·16 − 1)/3) = sqrt(27)
    expect(r.json.heights[0]).toBeCloseTo(1, 12);
    expect(r.json.heights[1]).toBeCloseTo(Math.sqrt(27), 12);
  });

  it('pca: scores and explained variance', async () => {
    const r = await cli('analyze', 'pca', '--input', 'p.csv', '--components', '1');
    expect(r.code).toBe(0);
    expect(r.json.explainedVariance[0]).toBeCloseTo(2, 10);
    expect(r.json.explainedVarianceRatio[0]).toBeCloseTo(1, 10);
    r.json.scores.forEach((s: number[], i: number) => expect(s[0]).toBeCloseTo((i - 1) * Math.SQRT2, 10));
  });

  it('silhouette: hand-computed mean', async () => {
    const r = await cli('analyze', 'silhouette', '--input', 's.csv', '--labels', 'labels.csv');
    expect(r.code).toBe(0);
    // rows 0/3: 1 − 1/10.5 ; rows 1/2: 1 − 1/9.5
    expect(r.json.mean).toBeCloseTo((2 - 1 / 10.5 - 1 / 9.5) / 2, 12);
  });

  it('neighbors: Gower by default, Euclidean, and column weights', async () => {
    const g = await cli('analyze', 'neighbors', '--input', 'x.csv', '--row', '0', '--k', '2');
    expect(g.code).toBe(0);
    expect(g.json.indices).toEqual([1, 2]);
    // ranges 10 and 10: row 1 = (0.2 + 0.2)/2, row 2 = (0.9 + 0.8)/2
    expect(g.json.distances[0]).toBeCloseTo(0.2, 12);
    expect(g.json.distances[1]).toBeCloseTo(0.85, 12);
    const e = await cli('analyze', 'neighbors', '--input', 'x.csv', '--row', '0', '--k', '1', '--metric', 'euclidean');
    expect(e.json.indices).toEqual([1]);
    const w = await cli('analyze', 'neighbors', '--input', 'x.csv', '--row', '0', '--k', '3', '--weights', 'wt.json');
    expect(w.json.distances.map((d: number) => Math.round(d * 1e9) / 1e9)).toEqual([0.2, 0.8, 1]);
  });

  it('zscore: quoted header, missing cell kept as null', async () => {
    const r = await cli('analyze', 'zscore', '--input', 'z.csv');
    expect(r.code).toBe(0);
    expect(r.json.columns).toEqual(['unemployment rate', 'share']);
    expect(r.json.rows[1][0]).toBeNull();
    expect(r.json.rows[0][0]).toBeCloseTo(-1, 12);
    expect(r.json.rows[2][0]).toBeCloseTo(1, 12);
    expect(r.json.rows[1][1]).toBeCloseTo(0, 12);
  });

  it('--help for the command, analyze and each method', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('analyze');
    const a = await cli('analyze', '--help');
    expect(a.code).toBe(0);
    for (const m of ['kmeans', 'ward', 'pca', 'silhouette', 'neighbors', 'zscore']) expect(a.stdout).toContain(m);
    const helps = await Promise.all(['kmeans', 'ward', 'pca', 'silhouette', 'neighbors', 'zscore'].map((m) => cli('analyze', m, '--help')));
    helps.forEach((h, i) => {
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`citypeers analyze ${['kmeans', 'ward', 'pca', 'silhouette', 'neighbors', 'zscore'][i]} --input FILE`);
    });
  });
});

describe('citypeers analyze: errors → stderr, exit 2', () => {
  it('non-numeric cell names the row and column', async () => {
    file('bad.csv', 'city,unemployment\n1,2\n2,abc\n');
    const r = await cli('analyze', 'zscore', '--input', 'bad.csv');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv row 3, column "unemployment": "abc" is not a number');
  });

  it('ragged row', async () => {
    file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    const r = await cli('analyze', 'zscore', '--input', 'ragged.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ragged.csv row 3 has 2 cells; the header has 3');
  });

  it('missing header', async () => {
    file('nohead.csv', '1,2\n3,4\n');
    const r = await cli('analyze', 'zscore', '--input', 'nohead.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nohead.csv row 1: missing header');
  });

  it('empty file and header-only file', async () => {
    file('empty.csv', '');
    file('head.csv', 'a,b\n');
    expect((await cli('analyze', 'zscore', '--input', 'empty.csv')).stderr).toContain('empty.csv is empty');
    const r = await cli('analyze', 'zscore', '--input', 'head.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('head.csv has a header but no data rows');
  });

  it('unreadable path', async () => {
    const r = await cli('analyze', 'zscore', '--input', 'nope.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.csv cannot be read: no such file');
  });

  it('k > rows gives the analytics message', async () => {
    const r = await cli('analyze', 'kmeans', '--input', 'x.csv', '--k', '9');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('k=9 must be <= rows=4');
    const w = await cli('analyze', 'ward', '--input', 'x.csv', '--k', '5');
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('k=5 must be <= rows=4');
  });

  it('bad arguments: unknown method, unknown option, missing --input, non-integer, bad metric, bad labels', async () => {
    const cases: [string[], string][] = [
      [['analyze', 'kmedians', '--input', 'x.csv'], 'unknown method "kmedians"'],
      [['analyze', 'zscore', '--input', 'x.csv', '--bogus'], "Unknown option '--bogus'"],
      [['analyze', 'zscore'], '--input is required'],
      [['analyze', 'kmeans', '--input', 'x.csv', '--k', 'two'], '--k=two must be an integer'],
      [['analyze', 'neighbors', '--input', 'x.csv', '--row', '0', '--k', '1', '--metric', 'cosine'], '--metric=cosine must be gower or euclidean'],
      [['analyze', 'neighbors', '--input', 'x.csv', '--row', '7', '--k', '1'], '--row=7 must be a data row in 0..3'],
      [['analyze', 'silhouette', '--input', 'x.csv', '--labels', 'w.csv'], 'has 3 rows; the input has 4'],
      [['analyze', 'kmeans', '--input', 'x.csv', '--k', '3', '--init', 'centers.csv'], '--k=3 must equal the 2 rows of --init centers.csv'],
      [['frobnicate'], 'unknown command "frobnicate"'],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(' ')).toBe(2);
      expect(r.stderr).toContain(cases[i][1]);
    });
  });
});
