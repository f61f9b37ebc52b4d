/**
 * The printable network report of a published round: overview, each indicator's distribution,
 * the context clusters, and progress since the previous published round of the same framework.
 *
 * @example
 * const html = roundReport({ snapshot, version, labels, previous });
 */
import { esc, fmt, histogram, mean, median, page } from './html';
import { num, type Snapshot } from './snapshot-types';

export interface RoundReportInput {
  snapshot: Snapshot;
  version: number;
  labels: Record<string, string>;
  previous?: { snapshot: Snapshot; version: number };
}

export function roundReport({ snapshot: s, version, labels, previous }: RoundReportInput): string {
  const overall = s.cities.map((c) => num(c.overall));
  const indicatorRows = s.indicators.map((ind) => {
    const values = s.cities.map((c) => num(c.indicators[ind.code])).filter((v) => !Number.isNaN(v));
    return `<figure><figcaption><strong>${esc(ind.code)}</strong> ${esc(labels[ind.code] ?? '')}<br><span class="muted">${values.length} answers · median ${fmt(median(values))} · mean ${fmt(mean(values))}</span></figcaption>${histogram(values, `Distribution of ${ind.code} scores`)}</figure>`;
  });
  const clusters = new Map<number, string[]>();
  for (const c of s.cities) {
    const label = s.clusters.labels[c.cityId];
    if (label !== undefined) clusters.set(label, [...(clusters.get(label) ?? []), c.name]);
  }
  return page(
    `${s.round.name} – network report`,
    `<h1>${esc(s.round.name)}</h1>
<p class="muted">Published snapshot v${version} · data version ${esc(s.dataVersion)} · weights ${esc(s.weightsVersion)}${s.round.demo ? ' · <span class="demo">demo values</span>' : ''}</p>
<h2>Overview</h2>
<table><tbody>
<tr><th>Cities with a published self-assessment</th><td class="num">${s.cities.length}</td></tr>
<tr><th>Overall score, median (0-100)</th><td class="num">${fmt(median(overall))}</td></tr>
<tr><th>Overall score, mean</th><td class="num">${fmt(mean(overall))}</td></tr>
<tr><th>Rule for missing answers</th><td>an area needs ${Math.round(s.minAnsweredShare * 100)} % of its weight answered; missing answers are never counted as 0</td></tr>
</tbody></table>
${histogram(overall, 'Distribution of overall scores')}
<h2>Each indicator across the network</h2><div class="grid">${indicatorRows.join('')}</div>
<h2>Groups of comparable cities (context clusters, ${esc(s.clusters.method)} k=${s.clusters.k}, seed ${s.clusters.seed})</h2>
<table><thead><tr><th>Cluster</th><th class="num">Cities</th><th>Members</th></tr></thead><tbody>${[...clusters.entries()].sort((a, b) => a[0] - b[0]).map(([k, names]) => `<tr><td>${k + 1}</td><td class="num">${names.length}</td><td>${esc(names.sort().join(', '))}</td></tr>`).join('')}</tbody></table>
<h2>Progress since the previous round</h2>${previous ? progress(s, previous.snapshot, labels) : '<p class="muted">No earlier published round of this framework.</p>'}`,
  );
}

function progress(now: Snapshot, before: Snapshot, labels: Record<string, string>): string {
  const earlier = new Map(before.cities.map((c) => [c.cityId, c]));
  const both = now.cities.filter((c) => earlier.has(c.cityId));
  const rows = now.indicators.map((ind) => {
    const deltas = both.map((c) => num(c.indicators[ind.code]) - num(earlier.get(c.cityId)!.indicators[ind.code])).filter((d) => !Number.isNaN(d));
    return `<tr><td>${esc(ind.code)} ${esc(labels[ind.code] ?? '')}</td><td class="num">${deltas.length}</td><td class="num">${fmt(mean(deltas), 1)}</td><td class="num">${deltas.filter((d) => d > 0).length}</td><td class="num">${deltas.filter((d) => d < 0).length}</td></tr>`;
  });
  return `<p>${both.length} cities took part in both ${esc(before.round.name)} and ${esc(now.round.name)}.</p>
<table><thead><tr><th>Indicator</th><th class="num">Cities</th><th class="num">Mean change (points)</th><th class="num">Improved</th><th class="num">Declined</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
