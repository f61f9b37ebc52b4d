/**
 * Shapes of a framework written as data (areas → indicators, plus versioned weight sets).
 * Row types come from the schema; only the nesting is described here.
 *
 * @example
 * const fw: FrameworkDef = { slug: 'x', version: '1', name: 'X', areas: [], weightSets: [] };
 */
import type { frameworkAreas, frameworks, indicators, LevelLabel, weightSets } from '../../db/schema';

export type IndicatorDef = Omit<typeof indicators.$inferInsert, 'id' | 'frameworkId' | 'areaId' | 'position'>;

export type AreaDef = Omit<typeof frameworkAreas.$inferInsert, 'id' | 'frameworkId' | 'position'> & {
  indicators: IndicatorDef[];
};

export type WeightSetDef = Omit<typeof weightSets.$inferInsert, 'id' | 'frameworkId' | 'createdAt'>;

export type FrameworkDef = Omit<typeof frameworks.$inferInsert, 'id' | 'ownerNetworkId' | 'createdAt'> & {
  areas: AreaDef[];
  weightSets: WeightSetDef[];
};

/** The five-level ordinal scale shared by the key factors and most charter commitments. */
export const FIVE_LEVELS: LevelLabel[] = [
  { value: 0, label: 'Not in place: nothing has been started' },
  { value: 1, label: 'Emerging: first steps or isolated initiatives' },
  { value: 2, label: 'Partly in place: agreed, but covers only some services or areas' },
  { value: 3, label: 'Largely in place: applied across most of the administration' },
  { value: 4, label: 'Fully in place: embedded, resourced and regularly evaluated' },
];

export const YES_NO_LEVELS: LevelLabel[] = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
];

/** Equal weights (1) for every indicator and area of a framework, keyed by code. */
export function equalWeights(areas: AreaDef[]): { indicatorWeights: Record<string, number>; areaWeights: Record<string, number> } {
  const indicatorWeights: Record<string, number> = {};
  const areaWeights: Record<string, number> = {};
  for (const a of areas) {
    areaWeights[a.code] = 1;
    for (const i of a.indicators) indicatorWeights[i.code] = 1;
  }
  return { indicatorWeights, areaWeights };
}
