/**
 * Frameworks as API objects.
 *
 * @example
 * const fw = await getFramework(db, 1); fw.areas[0].indicators[0].guidingQuestions;
 */
import type { Db } from '../../db/client';
import { findFramework, listFrameworks } from '../../db/queries/frameworks';
import { notFound } from '../errors';

export async function getFrameworks(db: Db) {
  return (await listFrameworks(db)).map(({ framework: { createdAt: _c, ...f }, areaCount, indicatorCount }) => ({ ...f, areaCount, indicatorCount }));
}

export async function getFramework(db: Db, id: number) {
  const fw = await findFramework(db, id);
  if (!fw) throw notFound('framework', id);
  const { createdAt: _c, areas, weightSets, ...rest } = fw;
  return {
    ...rest,
    areas: areas.map(({ frameworkId: _f, indicators, ...a }) => ({ ...a, indicators: indicators.map(({ frameworkId: _ff, ...i }) => i) })),
    weightSets: weightSets.map(({ frameworkId: _f, createdAt: _cc, ...w }) => w),
  };
}
