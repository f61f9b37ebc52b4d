/**
 * Context factors: the variable catalogue and each city's values per year.
 *
 * @example
 * const values = await cityContextValues(db, 12); // every variable × year with source and demo flag
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { contextValues, contextVariables } from '../schema';

export async function listContextVariables(db: Db) {
  return db.select().from(contextVariables).orderBy(asc(contextVariables.position), asc(contextVariables.id));
}

export async function cityContextValues(db: Db, cityId: number) {
  return db
    .select({ value: contextValues, variable: contextVariables })
    .from(contextValues)
    .innerJoin(contextVariables, eq(contextVariables.id, contextValues.variableId))
    .where(eq(contextValues.cityId, cityId))
    .orderBy(asc(contextVariables.position), asc(contextVariables.id), desc(contextValues.year));
}
