/**
 * Fixed generalisation hierarchies for the quasi-identifiers of an export.
 *
 * These bands are constants: they never depend on the data and never change between
 * exports (a change bumps `BANDS_VERSION`), so two exports cannot be intersected to narrow
 * a band. Every hierarchy has levels 0..top; level `top` is the fully general value.
 *
 * | hierarchy      | level 0                                   | level 1             | top      |
 * |----------------|-------------------------------------------|---------------------|----------|
 * | country        | ISO2 code (`DE`)                          | European region     | `Europe` |
 * | population     | `<250k`, `250k-500k`, `500k-1M`, `≥1M`    | `<500k`, `≥500k`    | `any`    |
 * | migrant share  | `<10%`, `10-20%`, `20-30%`, `≥30%`        | `<20%`, `≥20%`      | `any`    |
 * | score 0-100    | `0-25`, `25-50`, `50-75`, `75-100`        | `0-50`, `50-100`    | `any`    |
 *
 * Numeric bands are half-open `[lo, hi)` (a score of 25 is `25-50`), the last band is
 * closed (a score of 100 is `75-100`). A missing value (NaN, null) is `missing` below the top.
 */

export const BANDS_VERSION = 'citypeers-bands-1';

export interface Hierarchy<T> {
  name: string;
  /** the highest level: fully generalised */
  top: number;
  /** information loss per level: 0 at level 0, 1 at `top` (used to rank generalisations) */
  loss: readonly number[];
  /** the label of `value` at `level` */
  label(value: T, level: number): string;
}

export const MISSING = 'missing';

export type Region = 'Northern Europe' | 'Western Europe' | 'Southern Europe' | 'Eastern Europe' | 'Other';

const REGION_LIST: Record<Exclude<Region, 'Other'>, string[]> = {
  // UN geoscheme; the Baltics, the Nordics, GB and IE are Northern Europe.
  'Northern Europe': ['GB', 'UK', 'IE', 'IS', 'NO', 'SE', 'FI', 'DK', 'EE', 'LV', 'LT', 'FO', 'AX', 'IM', 'JE', 'GG'],
  'Western Europe': ['DE', 'FR', 'BE', 'NL', 'LU', 'AT', 'CH', 'LI', 'MC'],
  // Cyprus is Western Asia in the UN scheme; as an EU member it is put with Southern Europe.
  // EL is Eurostat's code for Greece.
  'Southern Europe': ['ES', 'PT', 'IT', 'GR', 'EL', 'MT', 'CY', 'SI', 'HR', 'BA', 'RS', 'ME', 'MK', 'AL', 'XK', 'AD', 'SM', 'VA', 'GI'],
  'Eastern Europe': ['PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'UA', 'MD', 'BY', 'RU'],
};

const REGION_OF = new Map<string, Region>(
  Object.entries(REGION_LIST).flatMap(([r, cs]) => cs.map((c) => [c, r as Region] as const)),
);

/**
 * European region of an ISO2 country code (`Other` for codes outside the table).
 * @example regionOf('SE') // 'Northern Europe'
 */
export function regionOf(country: string): Region {
  return REGION_OF.get(country.trim().toUpperCase()) ?? 'Other';
}

/** country ISO2 → European region → `Europe`. @example countryHierarchy.label('PT', 1) // 'Southern Europe' */
export const countryHierarchy: Hierarchy<string> = {
  name: 'country',
  top: 2,
  loss: [0, 0.6, 1],
  label(value, level) {
    if (level >= 2) return 'Europe';
    if (!value || !value.trim()) return MISSING;
    return level === 0 ? value.trim().toUpperCase() : regionOf(value);
  },
};

const isMissing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || Number.isNaN(v);

/**
 * A numeric hierarchy: fine bands at level 0, coarse bands at level 1, `any` at level 2.
 * `edges` are the inner cut points; `labels` has one more entry than `edges`.
 */
function numericHierarchy(name: string, fine: { edges: number[]; labels: string[] }, coarse: { edges: number[]; labels: string[] }): Hierarchy<number | null | undefined> {
  const band = (v: number, b: { edges: number[]; labels: string[] }) => {
    let i = 0;
    while (i < b.edges.length && v >= b.edges[i]) i++;
    return b.labels[i];
  };
  return {
    name,
    top: 2,
    loss: [0, 0.5, 1],
    label(value, level) {
      if (level >= 2) return 'any';
      if (isMissing(value)) return MISSING;
      return band(value, level === 0 ? fine : coarse);
    },
  };
}

/** Population bands. @example populationHierarchy.label(300_000, 0) // '250k-500k' */
export const populationHierarchy = numericHierarchy(
  'population',
  { edges: [250_000, 500_000, 1_000_000], labels: ['<250k', '250k-500k', '500k-1M', '≥1M'] },
  { edges: [500_000], labels: ['<500k', '≥500k'] },
);

/** Foreign-born share (%) bands. @example migrantShareHierarchy.label(23.5, 1) // '≥20%' */
export const migrantShareHierarchy = numericHierarchy(
  'migrantShare',
  { edges: [10, 20, 30], labels: ['<10%', '10-20%', '20-30%', '≥30%'] },
  { edges: [20], labels: ['<20%', '≥20%'] },
);

/** 0-100 score bands. @example scoreHierarchy.label(75, 0) // '75-100' */
export const scoreHierarchy = numericHierarchy(
  'score',
  { edges: [25, 50, 75], labels: ['0-25', '25-50', '50-75', '75-100'] },
  { edges: [50], labels: ['0-50', '50-100'] },
);

/**
 * Size band used by the aggregate tables (population level 0).
 * @example sizeBand(1_200_000) // '≥1M'
 */
export const sizeBand = (population: number | null | undefined) => populationHierarchy.label(population, 0);
