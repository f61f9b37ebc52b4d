/**
 * Context values per city: real values from the committed data (demo: false, with source text)
 * and generated values for the variables without a public source (demo: true).
 *
 * @example
 * const { rows, profiles } = buildContextValues({ cities, variableIds, mipex, nextId: counter(1) });
 */
import type { contextValues } from '../db/schema';
import { LOCAL_VOTING_RIGHTS } from './context-variables';
import type { CityRecord, MipexRecord } from './data';
import { hashSeed, seededRandom } from './random';

export type ContextValueRow = typeof contextValues.$inferInsert;
export const DEMO_SOURCE = 'CityPeers demo value (generated)';
export const SEED_TIMESTAMP = '2025-01-15T09:00:00.000Z';
const DEMO_YEAR = 2024;

/** The generated context of a city, reused to make its demo scores plausible. */
export interface CityProfile {
  dataAccess: number;
  politicalSupport: number;
  civilSociety: number;
  budgetPerCapita: number;
  /** Latent policy capacity (about N(0,1)) behind the demo values and scores. */
  capacity: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const URB = 'https://ec.europa.eu/eurostat/databrowser/view/';

export function buildContextValues(input: {
  cities: (CityRecord & { id: number })[];
  variableIds: Record<string, number>;
  mipex: Map<string, MipexRecord>;
  nextId: () => number;
}): { rows: ContextValueRow[]; profiles: Map<number, CityProfile> } {
  const { cities, variableIds: v, mipex, nextId } = input;
  const rows: ContextValueRow[] = [];
  const profiles = new Map<number, CityProfile>();
  const add = (cityId: number, code: string, year: number, valueNum: number, source: string, sourceUrl: string | null, demo: boolean, note: string | null = null) =>
    rows.push({ id: nextId(), cityId, variableId: v[code], year, valueNum, valueText: null, source, sourceUrl, demo, note, updatedAt: SEED_TIMESTAMP });

  for (const c of cities) {
    const m = mipex.get(c.countryCode)!;
    const mipexSource = `MIPEX 2015 (Migration Policy Group / CIDOB), ${m.country}, scores for 2014`;
    add(c.id, 'mipex_overall', 2014, m.overall, mipexSource, 'https://www.mipex.eu/', false);
    add(c.id, 'mipex_political_participation', 2014, m.politicalParticipation, mipexSource, 'https://www.mipex.eu/', false);
    add(c.id, 'mipex_anti_discrimination', 2014, m.antiDiscrimination, mipexSource, 'https://www.mipex.eu/', false);
    const vote = LOCAL_VOTING_RIGHTS[c.countryCode];
    if (vote !== undefined)
      add(c.id, 'local_voting_rights_foreigners', 2024, vote ? 1 : 0, 'CityPeers coding of national electoral law, 2024', null, false, 'Country-level rule; see seeds/SOURCES.md');
    if (c.populationSource !== 'geonames')
      add(c.id, 'population', c.populationYear, c.population, `Eurostat Urban Audit urb_cpop1 (DE1001V), ${c.populationYear}`, `${URB}urb_cpop1/default/table`, false, c.populationSource === 'eurostat-greater-city' ? 'Greater city: the Urban Audit unit is larger than the municipality' : null);
    else
      add(c.id, 'population', c.populationYear, c.population, 'GeoNames cities15000 (CC BY 4.0), snapshot c. 2019', 'https://www.geonames.org/', false, 'Not in the Urban Audit extract; GeoNames figure (urban area)');
    if (c.foreignBornShare != null && c.foreignBornYear != null)
      add(c.id, 'foreign_born_share', c.foreignBornYear, c.foreignBornShare, `Eurostat Urban Audit urb_cpopcb (DE2009V) / urb_cpop1 (DE1001V), ${c.foreignBornYear}`, `${URB}urb_cpopcb/default/table`, false);
    if (c.unemploymentRate != null && c.unemploymentYear != null)
      add(c.id, 'unemployment_rate', c.unemploymentYear, c.unemploymentRate, `Eurostat Urban Audit urb_clma (EC1020I), ${c.unemploymentYear}`, `${URB}urb_clma/default/table`, false);

    // Demo values: a latent capacity tied to the national policy climate, plus city noise.
    const rng = seededRandom(hashSeed(`context:${c.eurostatCode ?? c.name}`));
    const capacity = 0.6 * ((m.overall - 55) / 12) + 0.8 * rng.normal();
    const fb = c.foreignBornShare ?? 15;
    const p: CityProfile = {
      capacity,
      dataAccess: clamp(Math.round(1.6 + 0.7 * capacity + 0.5 * rng.normal()), 0, 3),
      politicalSupport: clamp(Math.round(1.7 + 0.6 * capacity + 0.6 * rng.normal()), 0, 3),
      civilSociety: clamp(Math.round(1.4 + 0.5 * capacity + 0.03 * (fb - 15) + 0.6 * rng.normal()), 0, 3),
      budgetPerCapita: Math.round(Math.exp(Math.log(12) + 0.45 * capacity + 0.35 * rng.normal()) * 100) / 100,
    };
    profiles.set(c.id, p);
    add(c.id, 'data_access', DEMO_YEAR, p.dataAccess, DEMO_SOURCE, null, true);
    add(c.id, 'integration_budget_per_capita', DEMO_YEAR, p.budgetPerCapita, DEMO_SOURCE, null, true);
    add(c.id, 'political_support', DEMO_YEAR, p.politicalSupport, DEMO_SOURCE, null, true);
    add(c.id, 'civil_society_strength', DEMO_YEAR, p.civilSociety, DEMO_SOURCE, null, true);
  }
  return { rows, profiles };
}
