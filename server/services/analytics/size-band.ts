/**
 * Population size bands used to filter comparisons.
 *
 * @example
 * sizeBand(709_037); // 'L' (500k – 1M)
 */
export const SIZE_BANDS = ['S', 'M', 'L', 'XL'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, string> = { S: 'under 250,000', M: '250,000 – 499,999', L: '500,000 – 999,999', XL: '1,000,000 or more' };

export function sizeBand(population: number | null): SizeBand | null {
  if (population === null) return null;
  if (population < 250_000) return 'S';
  if (population < 500_000) return 'M';
  if (population < 1_000_000) return 'L';
  return 'XL';
}
