/**
 * The catalogue of context variables: factors outside a city's control that make two cities
 * comparable (toolkit "context factors"), grouped in the seven CONTEXT_CATEGORIES.
 * `demoValues: true` marks variables with no public data source: the seed generates their values.
 *
 * @example
 * import { CONTEXT_VARIABLES } from './context-variables';
 * CONTEXT_VARIABLES.filter((v) => !v.demoValues).map((v) => v.code);
 */
import type { contextVariables, LevelLabel } from '../db/schema';

export type ContextVariableDef = Omit<typeof contextVariables.$inferInsert, 'id' | 'position'> & {
  /** True when every seeded value of this variable is generated demo data. */
  demoValues: boolean;
};

const FOUR_LEVELS = (labels: [string, string, string, string]): LevelLabel[] => labels.map((label, value) => ({ value, label }));

export const CONTEXT_VARIABLES: ContextVariableDef[] = [
  // national_legislation
  {
    code: 'mipex_overall',
    category: 'national_legislation',
    name: 'MIPEX overall score',
    description: 'Migrant Integration Policy Index 2015 headline score (policies as of 2014, with health), 0-100, for the country.',
    type: 'numeric',
    unit: 'score 0-100',
    higherIs: 'favourable',
    scope: 'country',
    transform: 'none',
    defaultWeight: 1,
    demoValues: false,
  },
  {
    code: 'mipex_political_participation',
    category: 'national_legislation',
    name: 'MIPEX political participation',
    description: 'MIPEX 2015 political participation strand (voting rights, consultative bodies, support for migrant organisations), 0-100.',
    type: 'numeric',
    unit: 'score 0-100',
    higherIs: 'favourable',
    scope: 'country',
    transform: 'none',
    defaultWeight: 0.5,
    demoValues: false,
  },
  {
    code: 'mipex_anti_discrimination',
    category: 'national_legislation',
    name: 'MIPEX anti-discrimination',
    description: 'MIPEX 2015 anti-discrimination strand (definitions, fields of application, enforcement, equality policies), 0-100.',
    type: 'numeric',
    unit: 'score 0-100',
    higherIs: 'favourable',
    scope: 'country',
    transform: 'none',
    defaultWeight: 0.5,
    demoValues: false,
  },
  {
    code: 'local_voting_rights_foreigners',
    category: 'national_legislation',
    name: 'Local voting rights for non-EU residents',
    description:
      'Whether resident third-country nationals may, as a general rule (not only by reciprocity or for some nationalities), vote in local elections. ' +
      'Coded by CityPeers from national electoral law; countries with partial or changing rules are left without a value.',
    type: 'boolean',
    higherIs: 'favourable',
    scope: 'country',
    transform: 'none',
    defaultWeight: 0.5,
    demoValues: false,
  },
  // data_access
  {
    code: 'data_access',
    category: 'data_access',
    name: 'Access to integration data',
    description: 'How much quantitative and qualitative data on migrants the city can obtain for planning and monitoring.',
    type: 'ordinal',
    higherIs: 'favourable',
    levels: FOUR_LEVELS([
      'Very limited: hardly any local data',
      'Limited: national data, little at city level',
      'Good: regular city-level statistics',
      'Very good: detailed, regular city and district data',
    ]),
    scope: 'city',
    transform: 'none',
    defaultWeight: 0.5,
    demoValues: true,
  },
  // migrant_population
  {
    code: 'population',
    category: 'migrant_population',
    name: 'Population',
    description: 'Residents on 1 January (Urban Audit city or greater city).',
    type: 'numeric',
    unit: 'persons',
    higherIs: 'neutral',
    scope: 'city',
    transform: 'log',
    defaultWeight: 1,
    demoValues: false,
  },
  {
    code: 'foreign_born_share',
    category: 'migrant_population',
    name: 'Foreign-born residents',
    description: 'Residents born abroad as a share of the population, same year (Urban Audit DE2009V / DE1001V).',
    type: 'numeric',
    unit: '%',
    higherIs: 'neutral',
    scope: 'city',
    transform: 'none',
    defaultWeight: 1,
    demoValues: false,
  },
  // labour_market
  {
    code: 'unemployment_rate',
    category: 'labour_market',
    name: 'Unemployment rate',
    description: 'Unemployed persons as a share of the labour force (Urban Audit EC1020I).',
    type: 'numeric',
    unit: '%',
    higherIs: 'unfavourable',
    scope: 'city',
    transform: 'none',
    defaultWeight: 1,
    demoValues: false,
  },
  // municipal_resources
  {
    code: 'integration_budget_per_capita',
    category: 'municipal_resources',
    name: 'Integration budget per resident',
    description: 'Municipal spending on integration and diversity measures per resident and year.',
    type: 'numeric',
    unit: 'EUR per resident',
    higherIs: 'favourable',
    scope: 'city',
    transform: 'log',
    defaultWeight: 1,
    demoValues: true,
  },
  // political_situation
  {
    code: 'political_support',
    category: 'political_situation',
    name: 'Political support for integration',
    description: "How strongly the city's political leadership backs integration and diversity policy.",
    type: 'ordinal',
    higherIs: 'favourable',
    levels: FOUR_LEVELS(['Opposed', 'Indifferent or divided', 'Supportive', 'Strong cross-party support']),
    scope: 'city',
    transform: 'none',
    defaultWeight: 1,
    demoValues: true,
  },
  // civil_society
  {
    code: 'civil_society_strength',
    category: 'civil_society',
    name: 'Strength of civil society',
    description: 'How developed migrant-led and other civil-society organisations are, and how far they are involved in municipal decisions.',
    type: 'ordinal',
    higherIs: 'favourable',
    levels: FOUR_LEVELS(['Weak', 'Emerging', 'Established', 'Strong and consulted']),
    scope: 'city',
    transform: 'none',
    defaultWeight: 1,
    demoValues: true,
  },
];

/**
 * Local voting rights for resident third-country nationals (2024), coded by CityPeers.
 * Only countries where the general rule is clear are listed; others get no value.
 * Left out on purpose: GB (Commonwealth citizens; all residents only in Scotland and Wales),
 * ES and PT (reciprocity), CH (some cantons), EE (restricted in 2025).
 */
export const LOCAL_VOTING_RIGHTS: Record<string, boolean> = {
  // yes: a general rule for residents after a qualifying period
  NO: true, SE: true, DK: true, FI: true, IE: true, NL: true, BE: true, LU: true, LT: true, SK: true, SI: true, HU: true,
  // no: local voting limited to nationals and EU citizens
  DE: false, FR: false, IT: false, AT: false, PL: false, CZ: false, RO: false, BG: false, HR: false, LV: false, CY: false, GR: false,
};
