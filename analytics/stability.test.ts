import { describe, expect, it } from 'vitest';
import { fromRows } from './matrix';
import { clusterStability, peerStability } from './stability';
import { createRandom } from './random';

const blobs = () => {
  const r = createRandom(9), rows: number[][] = [];
  for (let c = 0; c < 3; c++) for (let i = 0; i < 30; i++) rows.push([c * 20 + r.normal(), c * 10 + r.normal()]);
  return fromRows(rows);
};

describe('stability', () => {
  it('well-separated clusters are stable; deterministic by seed', () => {
    const m = blobs();
    const a = clusterStability(m, { k: 3, runs: 10, seed: 4 });
    expect(a.meanJaccard).toBeGreaterThan(0.95);
    for (const c of a.clusters) expect(c.size).toBe(30);
    const b = clusterStability(m, { k: 3, runs: 10, seed: 4 });
    expect(b.meanJaccard).toBe(a.meanJaccard);
    expect(Array.from(a.coAssignment).every((v) => Number.isNaN(v) || (v >= 0 && v <= 1))).toBe(true);
  });
  it('peer stability in [0,1], for rows and variables resampling', () => {
    const m = blobs();
    for (const resample of ['rows', 'variables'] as const) {
      const p = peerStability(m, 0, { k: 5, runs: 20, seed: 1, resample, metric: 'euclidean' });
      expect(p.length).toBe(5);
      for (const x of p) expect(x.stability >= 0 && x.stability <= 1).toBe(true);
      expect(peerStability(m, 0, { k: 5, runs: 20, seed: 1, resample, metric: 'euclidean' })).toEqual(p);
    }
    expect(() => peerStability(m, 0, { k: 5, runs: 0, seed: 1 })).toThrow('runs=0 must be an integer >= 1');
  });
});
