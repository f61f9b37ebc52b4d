/**
 * Number and value formatting for the UI; missing values are shown as missing, never as 0.
 *
 * @example
 * formatNumber(709037) // '709,037'
 */
const numberFormat = new Intl.NumberFormat('en-GB');
const decimalFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export const MISSING = '—';

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? MISSING : numberFormat.format(n);
}

export function formatValue(v: number | string | boolean | null, unit?: string | null): string {
  if (v === null) return MISSING;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  const text = decimalFormat.format(v);
  return unit ? `${text} ${unit}` : text;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export function countryName(iso2: string): string {
  try {
    return regionNames.of(iso2) ?? iso2;
  } catch {
    return iso2;
  }
}
