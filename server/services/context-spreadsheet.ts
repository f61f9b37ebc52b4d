/**
 * The context-value import template: one row per city the caller may change × context variable,
 * pre-filled with the newest stored year (so it imports back unchanged), and a sheet explaining
 * each variable. Callers who change no city get the header and the explanations only.
 *
 * @example
 * const file = await contextTemplate(access, 'xlsx'); // { filename: 'context-values-template.xlsx', … }
 */
import { listContextVariables } from '../../db/queries/context';
import { contextValuesOfCities } from '../../db/queries/imports';
import type { Access } from '../auth/access';
import { contextEditableCities } from './context-import';
import { allowedContext } from './spreadsheets/cells';
import { toSheetText } from './spreadsheets/csv';
import { renderDownload, type SheetFormat } from './spreadsheets/render';

const COLUMNS = ['city_code', 'city_id', 'city_name', 'variable', 'variable_name', 'year', 'value', 'allowed_values', 'source', 'source_url', 'note', 'demo'];

export async function contextTemplate(access: Access, format: SheetFormat) {
  const cities = access.signedIn ? await contextEditableCities(access) : [];
  const variables = await listContextVariables(access.db);
  const newest = new Map<string, Awaited<ReturnType<typeof contextValuesOfCities>>[number]>();
  for (const v of await contextValuesOfCities(access.db, cities.map((c) => c.id))) {
    const key = `${v.cityId}:${v.variableId}`;
    if ((newest.get(key)?.year ?? -1) < v.year) newest.set(key, v);
  }
  const rows = cities.flatMap((c) =>
    variables.map((v) => {
      const s = newest.get(`${c.id}:${v.id}`);
      const value = !s ? null : v.type === 'categorical' ? s.valueText : v.type === 'boolean' && s.valueNum !== null ? String(s.valueNum === 1) : s.valueNum;
      return [c.eurostatCode, c.id, c.name, v.code, v.name, s?.year ?? null, value, allowedContext(v), toSheetText(s?.source ?? null), s?.sourceUrl ?? null, toSheetText(s?.note ?? null), s ? String(s.demo) : null];
    }),
  );
  return renderDownload(format, 'context-values-template', [
    { name: 'values', rows: [COLUMNS, ...rows], widths: [10, 8, 22, 26, 36, 6, 10, 40, 30, 30, 30, 6] },
    {
      name: 'variables',
      rows: [['variable', 'name', 'category', 'type', 'unit', 'scope', 'allowed_values', 'description'], ...variables.map((v) => [v.code, v.name, v.category, v.type, v.unit, v.scope, allowedContext(v), v.description])],
      widths: [26, 36, 22, 12, 8, 8, 40, 80],
    },
  ]);
}
