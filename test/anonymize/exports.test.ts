/**
 * Issue 7: two exports of the same data share no pseudonym and unrelated row orders; each
 * city removed in turn leaves every class and aggregate cell it belongs to with >= 5 members.
 */
import { describe, expect, it } from 'vitest';
import { planExport, regionOf, sizeBand, TOTAL, type RowsExport } from '../../analytics/anonymize';
import { createRandom } from '../../analytics/random';
import { owners } from './attack';
import { checkAggregates, checkRows, robustDistinct, rowClasses } from './checks';
import { network, SCORE_MODEL, seededBytes } from './network';

const cities = network({ n: 200, seed: 2024 });
const exportWith = (seed: number) => {
  const out = planExport(cities, { randomBytes: seededBytes(seed), scoreModel: SCORE_MODEL });
  if (out.kind !== 'rows') throw new Error(out.reason);
  return out;
};

function spearman(a: number[], b: number[]): number {
  const n = a.length;
  const d2 = a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('two exports of the same data', () => {
  const a = exportWith(1), b = exportWith(2);
  it('share no pseudonym', () => {
    const seen = new Set(a.rows.map((r) => r.pseudonym));
    expect(b.rows.some((r) => seen.has(r.pseudonym))).toBe(false);
  });
  it('have unrelated row orders (same rows, Spearman |ρ| of positions < 0.3, not the same order)', () => {
    const posA = new Map(owners(a, cities, createRandom(5)).map((c, i) => [c, i]));
    const posB = new Map(owners(b, cities, createRandom(6)).map((c, i) => [c, i]));
    const common = [...posA.keys()].filter((c) => posB.has(c));
    expect(common.length).toBe(a.rows.length);
    const rho = spearman(common.map((c) => posA.get(c)!), common.map((c) => posB.get(c)!));
    console.info('row order Spearman ρ between two exports', rho.toFixed(3));
    expect(Math.abs(rho)).toBeLessThan(0.3);
    expect(common.some((c) => posA.get(c) !== posB.get(c))).toBe(true);
  });
  it('use the same fixed bands and the same generalisation (deterministic search)', () => {
    expect(a.levels).toEqual(b.levels);
    expect(a.bandsVersion).toBe(b.bandsVersion);
    expect(a.risk).toEqual(b.risk);
  });
});

describe('each city removed in turn', () => {
  const out: RowsExport = exportWith(3);
  it('leaves its class with >= 5 rows and >= 2 distinct bands per indicator', () => {
    checkRows(out, cities.length);
    const classes = rowClasses(out);
    const owner = owners(out, cities);
    const indicatorCols = out.columns.filter((c) => c.startsWith('indicator.'));
    for (const cls of classes) {
      for (const removed of cls) {
        const rest = cls.filter((r) => r !== removed);
        expect(rest.length, `class without city ${owner[removed]}`).toBeGreaterThanOrEqual(5);
        for (const col of indicatorCols) expect(new Set(rest.map((r) => out.rows[r][col])).size).toBeGreaterThanOrEqual(2);
      }
      for (const col of indicatorCols) expect(robustDistinct(cls.map((r) => out.rows[r][col]))).toBeGreaterThanOrEqual(2);
    }
  });
  it('leaves every published aggregate cell it belongs to with >= 5 cities', () => {
    if ('refused' in out.aggregates) throw new Error(out.aggregates.refused);
    checkAggregates(out.aggregates);
    const released = owners(out, cities).map((i) => cities[i]);
    const [grid, clusterTable] = out.aggregates.tables;
    expect(grid.cells.at(-1)!.count).toBe(released.length); // aggregates are over released cities only
    for (const c of released) {
      const cells = [
        ...grid.cells.filter((x) => (x.row === regionOf(c.country) || x.row === TOTAL) && (x.col === sizeBand(c.population) || x.col === TOTAL)),
        ...clusterTable.cells.filter((x) => x.row === c.cluster || x.row === TOTAL),
      ];
      expect(cells.length).toBe(6);
      for (const x of cells) if (!x.suppressed) expect(x.count! - 1).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('refusal and differential privacy through the pipeline', () => {
  it('a network of 12 cities in 6 countries is refused at row level; aggregates are offered instead', () => {
    const small = network({ n: 12, seed: 4, countries: 6 });
    const out = planExport(small, { randomBytes: seededBytes(4), scoreModel: SCORE_MODEL });
    expect(out.kind).toBe('refused');
    if (out.kind === 'refused') expect(out.reason).toMatch(/aggregate tables are offered instead/);
    expect('tables' in out.aggregates).toBe(true);
    checkAggregates(out.aggregates);
  });
  it('DP aggregates spend ε against the ledger and are refused beyond the budget', () => {
    const ok = planExport(cities, { randomBytes: seededBytes(7), scoreModel: SCORE_MODEL, aggregates: { dp: { spent: [1] } } });
    expect(ok.epsilonSpent).toBe(1);
    expect('tables' in ok.aggregates && ok.aggregates.dp?.epsilon).toBe(1);
    const no = planExport(cities, { randomBytes: seededBytes(8), scoreModel: SCORE_MODEL, aggregates: { dp: { spent: [1, 1, 1] } } });
    expect(no.epsilonSpent).toBe(0);
    expect(no.aggregates).toMatchObject({ refused: expect.stringContaining('> budget 3') });
  });
});
