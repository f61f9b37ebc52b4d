/**
 * A city's one-page profile for a published round, in the style of the network report: its scores
 * against the network median, its context peers and cluster, and its progress since the previous round.
 *
 * @example
 * const html = cityReport({ snapshot, version, labels, cityId: 12 });
 */
import { esc, fmt, histogram, median, page } from './html';
import type { RoundReportInput } from './round-report';
import { num, type SnapshotCity } from './snapshot-types';

export function cityReport({ snapshot: s, version, labels, previous, cityId }: RoundReportInput & { cityId: number }): string | null {
  const city = s.cities.find((c) => c.cityId === cityId);
  if (!city) return null;
  const before = previous?.snapshot.cities.find((c) => c.cityId === cityId);
  const names = new Map(s.cities.map((c) => [c.cityId, c.name]));
  const rows = s.indicators.map((ind) => {
    const all = s.cities.map((c) => num(c.indicators[ind.code]));
    const mine = num(city.indicators[ind.code]);
    const change = before ? mine - num(before.indicators[ind.code]) : NaN;
    return `<tr><td><strong>${esc(ind.code)}</strong> ${esc(labels[ind.code] ?? '')}</td><td class="num">${fmt(mine)}</td><td class="num">${fmt(median(all))}</td><td class="num">${fmt(change)}</td><td>${histogram(all.filter((v) => !Number.isNaN(v)), `${ind.code}: network distribution with ${city.name} marked`, 5, mine)}</td></tr>`;
  });
  return page(
    `${city.name} – ${s.round.name}`,
    `<h1>${esc(city.name)} <span class="muted">(${esc(city.countryCode)})</span></h1>
<p class="muted">${esc(s.round.name)} · published snapshot v${version}${s.round.demo ? ' · <span class="demo">demo values</span>' : ''}</p>
<p>Overall score <strong>${fmt(num(city.overall))}</strong> of 100 (network median ${fmt(median(s.cities.map((c) => num(c.overall))))}), ${city.answered} of ${s.indicators.length} indicators answered.</p>
<h2>Scores against the network</h2>
<table><thead><tr><th>Indicator</th><th class="num">${esc(city.name)}</th><th class="num">Network median</th><th class="num">Change</th><th>Distribution (city marked red)</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<h2>Comparable cities (context peers)</h2><p>${peers(city, names)}</p>
<p class="muted">Peers are chosen by context factors only (national policy, migrant population, labour market, resources, politics, civil society), never by scores.</p>`,
  );
}

function peers(city: SnapshotCity, names: Map<number, string>) {
  return city.peers.map((p) => esc(names.get(p.cityId) ?? `city ${p.cityId}`)).join(', ') || '—';
}
