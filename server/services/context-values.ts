/**
 * Context values: validation against the variable catalogue and all-or-nothing writes.
 *
 * @example
 * await writeContextValues(db, 12, [{ variable: 'unemployment_rate', year: 2024, value: 6.1, source: 'City statistics office' }]);
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { findCity } from '../../db/queries/cities';
import { listContextVariables } from '../../db/queries/context';
import { contextValues, type ContextVariable } from '../../db/schema';
import type { Access } from '../auth/access';
import { invalid, notFound, type FieldError } from '../errors';
import { audit } from './audit';

export interface ContextValueInput {
  variable: string;
  year: number;
  value: number | string | boolean | null;
  source: string;
  sourceUrl?: string | null;
  note?: string | null;
}

export async function getContextVariables(db: Db) {
  return listContextVariables(db);
}

/** Checks one value against its variable; returns the stored columns or an error message. */
export function checkContextValue(variable: ContextVariable, value: ContextValueInput['value']): { valueNum: number | null; valueText: string | null } | string {
  if (value === null) return { valueNum: null, valueText: null };
  switch (variable.type) {
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? { valueNum: value, valueText: null } : `must be a number for ${variable.code}`;
    case 'boolean':
      return typeof value === 'boolean' ? { valueNum: value ? 1 : 0, valueText: null } : `must be true or false for ${variable.code}`;
    case 'ordinal': {
      const allowed = variable.levels.map((l) => l.value);
      return typeof value === 'number' && allowed.includes(value)
        ? { valueNum: value, valueText: null }
        : `must be one of the levels ${allowed.join(', ')} for ${variable.code}`;
    }
    case 'categorical': {
      const allowed = variable.levels.map((l) => l.label);
      return typeof value === 'string' && (allowed.length === 0 || allowed.includes(value))
        ? { valueNum: null, valueText: value }
        : `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} for ${variable.code}`;
    }
  }
}

export async function writeContextValues(access: Access, cityId: number, inputs: ContextValueInput[]) {
  const db = access.db;
  if (!(await findCity(db, cityId))) throw notFound('city', cityId);
  if (!(await access.canEditCityContext(cityId))) access.deny(`You cannot change the context values of city ${cityId}`);
  const byCode = new Map((await listContextVariables(db)).map((v) => [v.code, v]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const rows = inputs.flatMap((input, i) => {
    const variable = byCode.get(input.variable);
    if (!variable) {
      errors.push({ pointer: `body.values.${i}.variable`, detail: `unknown context variable "${input.variable}"` });
      return [];
    }
    const key = `${input.variable}@${input.year}`;
    if (seen.has(key)) errors.push({ pointer: `body.values.${i}`, detail: `${input.variable} for ${input.year} is given twice` });
    seen.add(key);
    const checked = checkContextValue(variable, input.value);
    if (typeof checked === 'string') {
      errors.push({ pointer: `body.values.${i}.value`, detail: checked });
      return [];
    }
    return [{ input, variable, checked }];
  });
  if (errors.length > 0) throw invalid(errors);

  const now = new Date().toISOString();
  await db.transaction(async (tx) => {
    const changes: { variable: string; year: number; old: unknown; new: unknown }[] = [];
    for (const { input, variable, checked } of rows) {
      const where = and(eq(contextValues.cityId, cityId), eq(contextValues.variableId, variable.id), eq(contextValues.year, input.year));
      const [old] = await tx.select({ valueNum: contextValues.valueNum, valueText: contextValues.valueText, source: contextValues.source, demo: contextValues.demo }).from(contextValues).where(where);
      changes.push({ variable: variable.code, year: input.year, old: old ?? null, new: checked.valueNum === null && checked.valueText === null ? null : { ...checked, source: input.source } });
      if (checked.valueNum === null && checked.valueText === null) {
        await tx.delete(contextValues).where(where);
        continue;
      }
      const set = { ...checked, source: input.source, sourceUrl: input.sourceUrl ?? null, note: input.note ?? null, demo: false, updatedAt: now };
      await tx
        .insert(contextValues)
        .values({ cityId, variableId: variable.id, year: input.year, ...set })
        .onConflictDoUpdate({ target: [contextValues.cityId, contextValues.variableId, contextValues.year], set });
    }
    await audit(tx, access, {
      action: 'context.update',
      entityType: 'city',
      entityId: cityId,
      cityId,
      oldValue: changes.map((ch) => ({ variable: ch.variable, year: ch.year, value: ch.old })),
      newValue: changes.map((ch) => ({ variable: ch.variable, year: ch.year, value: ch.new })),
    });
  });
}
