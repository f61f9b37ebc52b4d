import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minCostFlow, type FlowEdge } from './minCostFlow';

/** brute-force assignment: rows × cols benefit, each row ≤ rowCap, each col ≤ colCap, maximise count then benefit */
function bruteAssignment(benefit: number[][], rowCap: number, colCap: number): { count: number; value: number } {
  const pairs: [number, number][] = [];
  benefit.forEach((r, i) => r.forEach((_, j) => pairs.push([i, j])));
  let best = { count: -1, value: -Infinity };
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const rc = new Array(benefit.length).fill(0);
    const cc = new Array(benefit[0].length).fill(0);
    let count = 0, value = 0, ok = true;
    pairs.forEach(([i, j], p) => {
      if (mask & (1 << p)) { rc[i]++; cc[j]++; count++; value += benefit[i][j]; }
    });
    for (const c of rc) if (c > rowCap) ok = false;
    for (const c of cc) if (c > colCap) ok = false;
    if (!ok) continue;
    if (count > best.count || (count === best.count && value > best.value + 1e-9)) best = { count, value };
  }
  return best;
}

function assignmentNetwork(benefit: number[][], rowCap: number, colCap: number) {
  const R = benefit.length, C = benefit[0].length;
  const source = 0, sink = R + C + 1;
  const edges: FlowEdge[] = [];
  for (let i = 0; i < R; i++) edges.push({ from: source, to: 1 + i, capacity: rowCap, cost: 0 });
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) edges.push({ from: 1 + i, to: 1 + R + j, capacity: 1, cost: -benefit[i][j] });
  for (let j = 0; j < C; j++) edges.push({ from: 1 + R + j, to: sink, capacity: colCap, cost: 0 });
  return { nodes: R + C + 2, edges, source, sink };
}

describe('minCostFlow', () => {
  it('solves the doc example by hand', () => {
    const r = minCostFlow({
      nodes: 4, source: 0, sink: 3, edges: [
        { from: 0, to: 1, capacity: 1, cost: 0 }, { from: 0, to: 2, capacity: 1, cost: 0 },
        { from: 1, to: 3, capacity: 1, cost: -5 }, { from: 2, to: 3, capacity: 1, cost: 2 }],
    });
    expect(r).toEqual({ flow: 2, cost: -3, edgeFlow: [1, 1, 1, 1] });
  });

  it("minCost mode skips paths that don't pay", () => {
    const r = minCostFlow({
      nodes: 4, source: 0, sink: 3, edges: [
        { from: 0, to: 1, capacity: 1, cost: 0 }, { from: 0, to: 2, capacity: 1, cost: 0 },
        { from: 1, to: 3, capacity: 1, cost: -5 }, { from: 2, to: 3, capacity: 1, cost: 2 }],
    }, { mode: 'minCost' });
    expect(r).toEqual({ flow: 1, cost: -5, edgeFlow: [1, 0, 1, 0] });
  });

  it('reroutes flow through a reverse arc (classic 2×2 where greedy is wrong)', () => {
    // greedy takes a0-b0 (10) then a1 has nothing; optimum a0-b1 (9) + a1-b0 (8) = 17
    const r = minCostFlow(assignmentNetwork([[10, 9], [8, -100]], 1, 1));
    expect(r.flow).toBe(2);
    expect(r.cost).toBe(-17);
  });

  it('respects maxFlow', () => {
    const r = minCostFlow(assignmentNetwork([[1, 2], [3, 4]], 1, 1), { maxFlow: 1 });
    expect(r.flow).toBe(1);
    expect(r.cost).toBe(-4);
  });

  it('states the rule on bad input', () => {
    expect(() => minCostFlow({ nodes: 2, source: 0, sink: 0, edges: [] })).toThrow('source=0 must differ from sink=0');
    expect(() => minCostFlow({ nodes: 2, source: 0, sink: 1, edges: [{ from: 0, to: 1, capacity: 1.5, cost: 0 }] }))
      .toThrow('edge 0 capacity=1.5 must be a non-negative integer');
    expect(() => minCostFlow({ nodes: 2, source: 0, sink: 5, edges: [] })).toThrow('sink=5 must be a node in 0..1');
  });

  it('matches brute force on random small assignment problems', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 9, maxLength: 9 }),
      (R, C, rowCap, colCap, vals) => {
        const benefit = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => vals[i * 3 + j]));
        const r = minCostFlow(assignmentNetwork(benefit, rowCap, colCap));
        const b = bruteAssignment(benefit, rowCap, colCap);
        expect(r.flow).toBe(b.count);
        expect(-r.cost).toBeCloseTo(b.value, 9);
        // conservation and capacity
        const net = assignmentNetwork(benefit, rowCap, colCap);
        net.edges.forEach((e, i) => { expect(r.edgeFlow[i]).toBeGreaterThanOrEqual(0); expect(r.edgeFlow[i]).toBeLessThanOrEqual(e.capacity); });
      }), { numRuns: 200 });
  });
});
