/**
 * Issue 7: over random networks (5 to 500 cities, skewed sizes, few or many countries) the
 * exporter always meets the rules or refuses with a reason; it never returns a violating
 * dataset. Aggregates: every published cell has >= 6 cities (5 after any removal) and no
 * line holds exactly one suppressed cell.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../analytics/anonymize';
import { checkAggregates, checkRefusal, checkRows } from './checks';
import { network, SCORE_MODEL } from './network';

const figures: Record<string, number | string>[] = [];

describe('exporter on random networks', () => {
  it('meets k >= 5 (6 with the removal guarantee), l >= 2, suppression <= 10%, or refuses', () => {
    const arb = fc.record({
      n: fc.oneof(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 40, max: 500 })),
      seed: fc.integer({ min: 1, max: 1e9 }),
      popSigma: fc.double({ min: 0.3, max: 1.6, noNaN: true }),
      countries: fc.integer({ min: 1, max: 27 }),
      zipf: fc.double({ min: 0, max: 2, noNaN: true }),
      model: fc.boolean(),
    });
    fc.assert(fc.property(arb, ({ model, ...opts }) => {
      const cities = network(opts);
      const out = planExport(cities, { randomBytes, scoreModel: model ? SCORE_MODEL : undefined });
      if (out.kind === 'rows') {
        checkRows(out, cities.length);
        expect(out.rows.length).toBe(out.risk.releasedRows);
        figures.push({ n: cities.length, k: out.risk.k, l: out.risk.l ?? 0, suppressed: out.risk.suppressedShare, maxRisk: out.risk.maxProsecutorRisk, meanRisk: out.risk.meanProsecutorRisk });
      } else {
        checkRefusal(out);
        figures.push({ n: cities.length, refused: out.reason.slice(0, 60) });
      }
      expect(JSON.stringify(out)).not.toMatch(/SECRET|city-\d/);
      checkAggregates(out.aggregates);
    }), { numRuns: 40 });
    const released = figures.filter((f) => !('refused' in f));
    console.info('random networks', JSON.stringify({
      runs: figures.length,
      released: released.length,
      refusedSizes: figures.filter((f) => 'refused' in f).map((f) => f.n),
      minK: Math.min(...released.map((f) => f.k as number)),
      minL: Math.min(...released.map((f) => f.l as number)),
      maxSuppressed: Math.max(...released.map((f) => f.suppressed as number)),
      maxRisk: Math.max(...released.map((f) => f.maxRisk as number)),
      maxMeanRisk: Math.max(...released.map((f) => f.meanRisk as number)),
    }));
  });
});
