/**
 * Downloads named after the view: a chart as SVG or PNG, a table as CSV (RFC 4180, UTF-8 BOM so
 * spreadsheet programs read accents).
 *
 * @example
 * downloadCsv('compare-heatmap', ['City', 'KF01'], [['Oslo', 75]]);
 */
export function fileName(base: string, ext: string) {
  return `${base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'citypeers'}.${ext}`;
}

function save(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Standalone SVG text with the namespace and size set, ready to save or rasterise. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const vb = svg.viewBox.baseVal;
  clone.setAttribute('width', String(vb?.width || svg.clientWidth));
  clone.setAttribute('height', String(vb?.height || svg.clientHeight));
  clone.removeAttribute('class');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg: SVGSVGElement, base: string) {
  save(new Blob([svgText(svg)], { type: 'image/svg+xml' }), fileName(base, 'svg'));
}

export async function downloadPng(svg: SVGSVGElement, base: string, scale = 2) {
  const vb = svg.viewBox.baseVal;
  const w = vb?.width || svg.clientWidth, h = vb?.height || svg.clientHeight;
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(svg));
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (blob) save(blob, fileName(base, 'png'));
}

export type Cell = string | number | boolean | null | undefined;

export function csvText(header: string[], rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(base: string, header: string[], rows: Cell[][]) {
  save(new Blob(['\ufeff' + csvText(header, rows)], { type: 'text/csv;charset=utf-8' }), fileName(base, 'csv'));
}
