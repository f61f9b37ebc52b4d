/**
 * Spreadsheet import of context values (`city_code`/`city_id`, `variable`, `year`, `value`,
 * `source`, `source_url`, `note`): validated whole, then applied in one transaction or not at all,
 * with one audit entry per city. An empty value removes that year's value; a row with neither
 * year nor value (an untouched template row) is skipped.
 *
 * @example
 * await importContextValues(access, bytes); // { rows: 40, applied: 12, … } or a 422 naming each bad row
 */
import { citiesOrNetworkCities, contextValuesOfCities, deleteContextValues, upsertContextValueRows, type ContextValueRow } from '../../db/queries/imports';
import { listContextVariables } from '../../db/queries/context';
import type { Access } from '../auth/access';
import { adminNetworks, citiesWithRole } from '../auth/principal';
import { AuditBatch } from './spreadsheets/audit-batch';
import { contextCell } from './spreadsheets/cells';
import { CityLookup } from './spreadsheets/city-lookup';
import { Columns } from './spreadsheets/columns';
import { fromSheetText } from './spreadsheets/csv';
import { importRefused, type RowError } from './spreadsheets/report';
import { readUpload } from './spreadsheets/upload';
import type { ImportOptions, ImportResult } from './score-import';

const COLUMNS = { required: ['variable', 'year', 'value'], oneOf: [['city_code', 'city_id']], optional: ['source', 'source_url', 'note'], ignored: ['city_name', 'variable_name', 'unit', 'allowed_values', 'demo'] };

/** The cities whose context values the caller may change (their own; every city of their networks). */
export async function contextEditableCities(access: Access) {
  return citiesOrNetworkCities(access.db, citiesWithRole(access.principal, ['city_editor']), adminNetworks(access.principal));
}

type Stored = { valueNum: number | null; valueText: string | null; source: string; sourceUrl: string | null; note: string | null };
const same = (a: Stored, b: Stored) => a.valueNum === b.valueNum && a.valueText === b.valueText && a.source === b.source && a.sourceUrl === b.sourceUrl && a.note === b.note;

export async function importContextValues(access: Access, file: Uint8Array | (() => Promise<Uint8Array>), options: Omit<ImportOptions, 'onProgress'> = {}): Promise<Omit<ImportResult, 'submissionsCreated' | 'submissionsUpdated'> & { cities: number }> {
  access.requireUser();
  const editable = await contextEditableCities(access);
  if (editable.length === 0) access.deny('Only a city editor or a network secretariat can import context values');
  const table = await readUpload(typeof file === 'function' ? await file() : file);
  const cols = new Columns(table.header, COLUMNS);
  if (cols.problems().length > 0) throw importRefused(table.rows.length, cols.problems());
  return access.db.transaction(async (tx) => {
    const variables = new Map((await listContextVariables(tx as never)).map((v) => [v.code, v]));
    const lookup = new CityLookup(editable);
    const stored = new Map((await contextValuesOfCities(tx, editable.map((c) => c.id))).map((v) => [`${v.cityId}:${v.variableId}:${v.year}`, v]));
    const errors: RowError[] = [];
    const firstRow = new Map<string, number>();
    const changes: { cityId: number; variable: string; key: { cityId: number; variableId: number; year: number }; before: Stored | null; after: Stored | null }[] = [];
    for (const { row, cells } of table.rows) {
      const fail = (column: string, reason: string) => void errors.push({ row, column, value: cols.get(cells, column), reason });
      const yearText = cols.get(cells, 'year');
      const raw = cols.get(cells, 'value');
      if (yearText === '' && raw === '') continue;
      const city = lookup.find(cols, cells, (column, reason) => fail(column, `${reason} among the cities whose context values you may change`));
      const variable = variables.get(cols.get(cells, 'variable'));
      if (!variable) fail('variable', cols.get(cells, 'variable') ? 'unknown context variable' : 'the variable is missing');
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100) fail('year', 'must be a year from 1990 to 2100');
      const parsed = variable ? contextCell(variable, raw) : null;
      if (parsed && 'error' in parsed) fail('value', parsed.error);
      const source = fromSheetText(cols.get(cells, 'source'));
      const sourceUrl = cols.get(cells, 'source_url');
      const note = fromSheetText(cols.get(cells, 'note'));
      if (raw !== '' && source === '') fail('source', 'say where the value comes from');
      if (source.length > 500) fail('source', 'is longer than 500 characters');
      if (sourceUrl && (!/^https?:\/\/\S+$/.test(sourceUrl) || sourceUrl.length > 2000)) fail('source_url', 'must be an http(s) link');
      if (note.length > 2000) fail('note', 'is longer than 2,000 characters');
      if (!city || !variable || !parsed || 'error' in parsed || errors.at(-1)?.row === row) continue;
      const id = `${city.id}:${variable.id}:${year}`;
      if (firstRow.has(id)) {
        fail('variable', `${variable.code} for ${city.name} in ${year} is already given in row ${firstRow.get(id)}`);
        continue;
      }
      firstRow.set(id, row);
      const before = stored.get(id) ?? null;
      const after = parsed.value.valueNum === null && parsed.value.valueText === null ? null : { ...parsed.value, source, sourceUrl: sourceUrl || null, note: note || null };
      if (before === after || (before && after && same(before, after))) continue;
      changes.push({ cityId: city.id, variable: variable.code, key: { cityId: city.id, variableId: variable.id, year }, before, after });
    }
    if (errors.length > 0) throw importRefused(table.rows.length, errors);
    const touched = [...new Set(changes.map((c) => c.cityId))];
    const result = { rows: table.rows.length, applied: changes.length, unchanged: table.rows.length - changes.length, cities: touched.length, dryRun: Boolean(options.dryRun) };
    if (options.dryRun || changes.length === 0) return result;
    const now = new Date().toISOString();
    await upsertContextValueRows(tx, changes.flatMap((c): ContextValueRow[] => (c.after ? [{ ...c.key, ...c.after, demo: false, updatedAt: now }] : [])));
    await deleteContextValues(tx, changes.filter((c) => !c.after).map((c) => c.key));
    const log = new AuditBatch(access);
    for (const cityId of touched) {
      const mine = changes.filter((c) => c.cityId === cityId);
      const describe = (v: Stored | null) => v && { valueNum: v.valueNum, valueText: v.valueText, source: v.source };
      log.add({
        action: 'context.import',
        entityType: 'city',
        entityId: cityId,
        cityId,
        oldValue: mine.map((c) => ({ variable: c.variable, year: c.key.year, value: describe(c.before) })),
        newValue: mine.map((c) => ({ variable: c.variable, year: c.key.year, value: describe(c.after) })),
      });
    }
    await log.write(tx);
    return result;
  });
}
