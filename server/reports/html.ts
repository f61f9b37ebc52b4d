/**
 * Small building blocks of the printable reports: escaping, the page shell with print CSS, and
 * inline SVG bars (no scripts, so the reports work under the Content Security Policy and on paper).
 *
 * @example
 * page('Round 2024', `<h1>${esc(name)}</h1>`);
 */
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const fmt = (x: number | null | undefined, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits));

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{background:#f1f3f5}.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5b6470}.demo{border:1px solid #8a5a00;background:#fff4d6;color:#6b4500;padding:0 .3rem;font-size:.75rem;border-radius:3px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem 1.5rem}
figure{margin:0}figcaption{font-size:.85rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,figure{break-inside:avoid}a{color:inherit;text-decoration:none}.noprint{display:none}}
@page{size:A4;margin:15mm}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}

/** A histogram of 0-100 scores in `bins` equal bins, as inline SVG with a title for screen readers. */
export function histogram(values: number[], title: string, bins = 5, highlight?: number): string {
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v / 100) * bins))]++;
  const max = Math.max(1, ...counts);
  const w = 220, h = 60, bw = w / bins;
  const bars = counts.map((c, i) => `<rect x="${i * bw + 1}" y="${h - (c / max) * (h - 12)}" width="${bw - 2}" height="${(c / max) * (h - 12)}" fill="#5b7fb0"/><text x="${i * bw + bw / 2}" y="${h - (c / max) * (h - 12) - 2}" font-size="9" text-anchor="middle">${c}</text>`).join('');
  const mark = highlight === undefined || Number.isNaN(highlight) ? '' : `<line x1="${(highlight / 100) * w}" x2="${(highlight / 100) * w}" y1="0" y2="${h}" stroke="#c0392b" stroke-width="2"/>`;
  return `<svg role="img" viewBox="0 0 ${w} ${h + 12}" width="${w}" height="${h + 12}"><title>${esc(title)}</title>${bars}${mark}<text x="0" y="${h + 11}" font-size="9">0</text><text x="${w}" y="${h + 11}" font-size="9" text-anchor="end">100</text></svg>`;
}

export function median(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export const mean = (values: number[]) => {
  const v = values.filter((x) => !Number.isNaN(x));
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
};
