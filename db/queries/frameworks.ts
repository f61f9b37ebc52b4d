/**
 * Framework reads: a framework with its areas, indicators and weight sets.
 *
 * @example
 * const fw = await findFramework(db, 1); // { ...framework, areas: [{ ..., indicators: [...] }], weightSets }
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { frameworkAreas, frameworks, indicators } from '../schema';

export async function listFrameworks(db: Db) {
  const indicatorCount = sql<number>`(SELECT count(*) FROM indicators i WHERE i.framework_id = "frameworks"."id")`;
  const areaCount = sql<number>`(SELECT count(*) FROM framework_areas a WHERE a.framework_id = "frameworks"."id")`;
  return db.select({ framework: frameworks, indicatorCount, areaCount }).from(frameworks).orderBy(asc(frameworks.id));
}

export async function findFramework(db: Db, id: number) {
  return db.query.frameworks.findFirst({
    where: eq(frameworks.id, id),
    with: {
      areas: { orderBy: asc(frameworkAreas.position), with: { indicators: { orderBy: asc(indicators.position) } } },
      weightSets: true,
    },
  });
}

export async function frameworkIndicators(db: Db, frameworkId: number) {
  return db.select().from(indicators).where(eq(indicators.frameworkId, frameworkId)).orderBy(asc(indicators.position));
}
