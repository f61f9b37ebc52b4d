/**
 * The browser-side peer ranking: same order as a brute-force Gower ranking, weights re-rank, and
 * the time to re-rank 1,000 cities (printed, not asserted: timings are reported, never tested).
 */
import { describe, expect, it } from 'vitest';
import { gower } from '../../../../analytics/distance';
import { fromRows, row } from '../../../../analytics/matrix';
import { PeerRanker } from './peerRanker';

function synthetic(n: number) {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const kinds = ['numeric', 'numeric', 'numeric', 'boolean', 'ordinal', 'numeric', 'numeric', 'numeric', 'numeric', 'ordinal', 'ordinal'];
  const values = Array.from({ length: n }, () => kinds.map((k) => (rnd() < 0.05 ? null : k === 'boolean' ? Math.round(rnd()) : k === 'ordinal' ? Math.floor(rnd() * 4) : rnd() * 100)));
  const columns = kinds.map((kind, j) => ({ code: `v${j}`, name: `v${j}`, kind, unit: null, demoShare: 0, weight: j % 2 ? 1 : 0.5 }));
  const rows = values.map((_, i) => ({ cityId: i + 1, name: `City ${i}`, countryCode: 'XX', population: null, submitted: true }));
  const gowerRanges = kinds.map((k) => (k === 'boolean' ? 1 : k === 'ordinal' ? 3 : 100));
  return { data: { rows, columns, values, gowerRanges }, categories: kinds.map((_, j) => `cat${j % 4}`) };
}

describe('PeerRanker', () => {
  it('ranks like a brute-force weighted Gower scan and re-ranks when a category weight changes', () => {
    const { data, categories } = synthetic(200);
    const r = new PeerRanker(data, categories);
    const w = r.weights({ cat1: 3 });
    const m = fromRows(data.values);
    const brute = data.values.map((_, i) => ({ i, d: i === 0 ? NaN : gower(row(m, 0), row(m, i), r.specs, r.ranges, w).distance })).filter((x) => !Number.isNaN(x.d)).sort((a, b) => a.d - b.d || a.i - b.i);
    const { peers } = r.rank(0, { cat1: 3 }, 10);
    expect(peers.map((p) => p.index)).toEqual(brute.slice(0, 10).map((x) => x.i));
    expect(r.rank(0, { cat0: 0, cat2: 0 }, 10).peers.map((p) => p.index)).not.toEqual(peers.map((p) => p.index));
    for (const p of peers) expect(Object.values(p.byCategory).reduce((s, x) => s + x, 0)).toBeCloseTo(p.distance, 10);
  });

  it('re-ranks 1,000 cities (top 10 with explanations) — timing printed', () => {
    const { data, categories } = synthetic(1000);
    const r = new PeerRanker(data, categories);
    for (let i = 0; i < 20; i++) r.rank(i, { cat0: 1 + i / 10 }, 10);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      r.rank(i % 1000, { cat0: (i % 13) / 4, cat2: 2 }, 10);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`peer re-rank, 1,000 cities × 11 variables, top 10 with explanations: median ${times[100].toFixed(3)} ms, p95 ${times[190].toFixed(3)} ms, max ${times[199].toFixed(3)} ms`);
    expect(times.length).toBe(200);
  });
});
