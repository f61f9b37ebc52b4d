import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gaps, nanMedian } from './gaps';

describe('nanMedian', () => {
  it('ignores NaN', () => {
    expect(nanMedian([3, NaN, 1, 2])).toBe(2);
    expect(nanMedian([4, 1, NaN, 2, 3])).toBe(2.5);
    expect(nanMedian([NaN])).toBeNaN();
    expect(nanMedian([])).toBeNaN();
  });
});

describe('gaps', () => {
  //            k1   k2   k3
  const scores = [
    [50, 80, NaN], // 0: the city
    [55, 20, 10],
    [60, NaN, 30],
    [90, 40, 20],
    [10, 100, 90], // not a peer
  ];
  it('hand-computed example', () => {
    const r = gaps({ city: 0, itemIds: ['k1', 'k2', 'k3'], scores, peers: [0, 1, 2, 3] });
    expect(r[0]).toEqual({ item: 'k1', score: 50, peerMedian: 60, networkMedian: 57.5, gapToPeerMedian: 10, best: { city: 3, score: 90 }, ahead: 3, quickWin: true });
    expect(r[1]).toMatchObject({ score: 80, peerMedian: 30, networkMedian: 40, gapToPeerMedian: -50, best: { city: 3, score: 40 }, ahead: 0, quickWin: false });
    expect(r[2].score).toBeNaN();
    expect(r[2]).toMatchObject({ peerMedian: 20, networkMedian: 25, best: { city: 2, score: 30 }, ahead: 0, quickWin: false });
    expect(r[2].gapToPeerMedian).toBeNaN();
  });
  it('thresholds are parameters', () => {
    const r = gaps({ city: 0, itemIds: ['k1', 'k2', 'k3'], scores, peers: [1, 2, 3] }, { quickWinGap: 5, quickWinAhead: 1 });
    expect(r[0].quickWin).toBe(false);
    const r2 = gaps({ city: 0, itemIds: ['k1', 'k2', 'k3'], scores, peers: [1, 2, 3] }, { quickWinAhead: 4 });
    expect(r2[0].quickWin).toBe(false);
  });
  it('comparable and network can differ from peers', () => {
    const r = gaps({ city: 0, itemIds: ['k1', 'k2', 'k3'], scores, peers: [1, 2], comparable: [4], network: [1, 4] });
    expect(r[1]).toMatchObject({ peerMedian: 20, networkMedian: 60, best: { city: 4, score: 100 }, ahead: 1 });
  });
  it('states the rule for bad rows', () => {
    expect(() => gaps({ city: 9, itemIds: ['k1', 'k2', 'k3'], scores, peers: [] })).toThrow('analysed city=9 must be a row in 0..4');
    expect(() => gaps({ city: 0, itemIds: ['k1'], scores, peers: [] })).toThrow('scores row 0 has 3 values; must equal itemIds=1');
  });
  it('properties: best ≥ every comparable score, ahead counts higher scores, medians within range', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 8 }),
      (raw) => {
        const m = raw.map((r) => r.map((v) => (v === null ? NaN : v)));
        const peers = m.map((_, i) => i).filter((i) => i % 2 === 1);
        const r = gaps({ city: 0, itemIds: ['a', 'b'], scores: m, peers });
        r.forEach((g, j) => {
          const vals = peers.map((c) => m[c][j]).filter((v) => !Number.isNaN(v));
          if (vals.length === 0) { expect(g.best).toBeNull(); expect(g.peerMedian).toBeNaN(); return; }
          expect(g.best!.score).toBe(Math.max(...vals));
          expect(g.peerMedian).toBeGreaterThanOrEqual(Math.min(...vals));
          expect(g.peerMedian).toBeLessThanOrEqual(Math.max(...vals));
          expect(g.ahead).toBe(Number.isNaN(g.score) ? 0 : vals.filter((v) => v > g.score).length);
        });
      }), { seed: 4 });
  });
});
