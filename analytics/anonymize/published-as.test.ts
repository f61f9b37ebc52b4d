import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { planExport, type CityRecord } from './index';

const bytes = (seed: number) => { const r = createRandom(seed); return (n: number) => Uint8Array.from({ length: n }, () => r.int(256)); };

/** 60 cities, 10 single-indicator areas (area score = indicator score) + overall: 3^14 nodes as columns. */
function cities(): CityRecord[] {
  const r = createRandom(7);
  return Array.from({ length: 60 }, (_, i) => {
    const indicators = Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`i${j}`, 25 * r.int(5)]));
    const published = Object.fromEntries(Object.entries(indicators).map(([k, v]) => [`a_${k}`, v]));
    published.overall = Object.values(indicators).reduce((a, b) => a + b, 0) / 10;
    return { id: String(i), country: ['DE', 'FR', 'SE'][i % 3], population: 100_000 * (1 + (i % 7)), migrantShare: 5 + (i % 30), published, indicators };
  });
}
const model = Object.fromEntries([...Array.from({ length: 10 }, (_, j) => [`a_i${j}`, { [`i${j}`]: 1 }]), ['overall', Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`a_i${j}`, 1]))]]);

describe("publishedAs: 'linkage'", () => {
  it('too many published scores for the lattice as columns', () => {
    expect(() => planExport(cities(), { randomBytes: bytes(1), scoreModel: model })).toThrow(/maxNodes/);
  });
  it('needs the score model', () => {
    expect(() => planExport(cities(), { randomBytes: bytes(1), publishedAs: 'linkage' })).toThrow(/needs scoreModel/);
  });
  it('releases no published column and still protects published scores: a row with one indicator band is linkable to ≥ k cities', () => {
    const few = cities().map((c) => ({ ...c, indicators: { i0: c.indicators.i0 } }));
    const out = planExport(few, { randomBytes: bytes(2), scoreModel: model, publishedAs: 'linkage' });
    expect(out.kind).toBe('rows');
    if (out.kind !== 'rows') return;
    expect(out.columns.some((c) => c.startsWith('published.'))).toBe(false);
    expect(out.risk.maxProsecutorRisk).toBeLessThanOrEqual(1 / 6);
  });
  it('every indicator band pins every published area score: rows are refused, aggregates offered', () => {
    const out = planExport(cities(), { randomBytes: bytes(3), scoreModel: model, publishedAs: 'linkage' });
    expect(out.kind).toBe('refused');
  });
});
