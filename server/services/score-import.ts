/**
 * Spreadsheet import of a round's scores: the whole file is validated first (city editable by the
 * caller and a member, submission draft/returned, indicator in the framework, value on the scale,
 * no duplicates); then every row is applied in one transaction, or none. Missing submissions of
 * member cities are created as drafts in the same transaction. Each touched submission's version
 * grows by one, with one audit entry (old → new). Rows equal to what is stored change nothing.
 *
 * @example
 * await importScores(access, 7, bytes, { dryRun: true }); // { rows: 2200, applied: 2200, … } or a 422 naming each bad row
 */
import { findRound } from '../../db/queries/rounds';
import { bumpSubmissionVersions, frameworkIndicatorList, insertDraftSubmissions, networkCities, roundScoreRows, roundSubmissionStates, upsertScoreRows, type ScoreRow } from '../../db/queries/imports';
import type { Indicator } from '../../db/schema';
import type { Access } from '../auth/access';
import { citiesWithRole } from '../auth/principal';
import { conflict, notFound } from '../errors';
import { AuditBatch } from './spreadsheets/audit-batch';
import { CityLookup } from './spreadsheets/city-lookup';
import { scoreCell } from './spreadsheets/cells';
import { Columns } from './spreadsheets/columns';
import { fromSheetText } from './spreadsheets/csv';
import { importRefused, type RowError } from './spreadsheets/report';
import { readUpload } from './spreadsheets/upload';

export const SCORE_COLUMNS = { required: ['indicator_code', 'value'], oneOf: [['city_code', 'city_id']], optional: ['evidence_text', 'note'], ignored: ['city_name', 'country_code', 'indicator_statement', 'allowed_values', 'submission_status', 'demo'] };
const EDITABLE = ['draft', 'returned'];

export interface ImportOptions {
  dryRun?: boolean;
  /** Called as rows are validated and written (for progress bars). */
  onProgress?: (phase: 'validated' | 'applied', done: number, total: number) => void;
}

export interface ImportResult {
  rows: number;
  /** Rows that change what is stored (in a dry run: would change). */
  applied: number;
  unchanged: number;
  submissionsCreated: number;
  submissionsUpdated: number;
  dryRun: boolean;
}

type Answer = { value: number | null; evidenceText: string | null; note: string | null };
const same = (a: Answer, b: Answer) => a.value === b.value && a.evidenceText === b.evidenceText && a.note === b.note;

/** The round, if the caller may import into it (404 hidden, 401/403 no right, 409 not open). */
async function importableRound(access: Access, roundId: number) {
  const row = await findRound(access.db, roundId);
  if (!row || (await access.roundView(row.round)) === 'none') throw notFound('round', roundId);
  const { round } = row;
  const admin = access.isAdmin(round.networkId);
  if (!admin && citiesWithRole(access.principal, ['city_editor']).length === 0) access.deny('Only a city editor or the network secretariat can import scores');
  if (round.status !== 'open') throw conflict(`Round ${round.id} is ${round.status}; answers can only change while it is open`, { roundStatus: round.status });
  return { round, admin };
}

export async function importScores(access: Access, roundId: number, file: Uint8Array | (() => Promise<Uint8Array>), options: ImportOptions = {}): Promise<ImportResult> {
  const { round, admin } = await importableRound(access, roundId);
  const table = await readUpload(typeof file === 'function' ? await file() : file);
  const cols = new Columns(table.header, SCORE_COLUMNS);
  const headerErrors = cols.problems();
  if (headerErrors.length > 0) throw importRefused(table.rows.length, headerErrors);
  const progress = options.onProgress ?? (() => {});
  const ownCities = new Set(citiesWithRole(access.principal, ['city_editor']));

  return access.db.transaction(async (tx) => {
    const indicators = await frameworkIndicatorList(tx, round.frameworkId);
    const byCode = new Map<string, Indicator>(indicators.map((i) => [i.code.toUpperCase(), i]));
    const cities = new CityLookup(await networkCities(tx, round.networkId));
    const cityColumn = CityLookup.column(cols);
    const subs = new Map((await roundSubmissionStates(tx, round.id)).map((s) => [s.cityId, s]));
    const stored = new Map((await roundScoreRows(tx, round.id)).map((s): [string, Answer] => [`${s.cityId}:${s.indicatorId}`, { value: s.value, evidenceText: s.evidenceText, note: s.note }]));
    const errors: RowError[] = [];
    const firstRow = new Map<string, number>();
    const changes: { cityId: number; indicator: Indicator; before: Answer | null; after: Answer }[] = [];

    table.rows.forEach(({ row, cells }, n) => {
      if (n % 1000 === 0) progress('validated', n, table.rows.length);
      const fail = (column: string | null, reason: string) => void errors.push({ row, column, value: column ? cols.get(cells, column) : null, reason });
      const city = cities.find(cols, cells, fail);
      if (city) {
        if (!admin && !ownCities.has(city.id)) fail(cityColumn, `you may import rows only for your own city; ${city.name} is not yours`);
        else if (city.status !== 'member') fail(cityColumn, `${city.name} is not a member of this round's network (${city.status})`);
      }
      const code = cols.get(cells, 'indicator_code');
      const indicator = byCode.get(code.toUpperCase());
      if (!indicator) fail('indicator_code', code === '' ? 'the indicator code is missing' : `no indicator ${code} in this round's framework`);
      const parsed = indicator ? scoreCell(indicator, cols.get(cells, 'value')) : null;
      if (parsed && 'error' in parsed) fail('value', parsed.error);
      const evidenceText = fromSheetText(cols.get(cells, 'evidence_text'));
      const note = fromSheetText(cols.get(cells, 'note'));
      if (evidenceText.length > 10_000) fail('evidence_text', 'is longer than 10,000 characters');
      if (note.length > 2_000) fail('note', 'is longer than 2,000 characters');
      if (!city || !indicator || !parsed || 'error' in parsed) return;
      const key = `${city.id}:${indicator.id}`;
      if (firstRow.has(key)) return fail('indicator_code', `${indicator.code} for ${city.name} is already given in row ${firstRow.get(key)}`);
      firstRow.set(key, row);
      const before = stored.get(key) ?? null;
      const after: Answer = {
        value: parsed.value,
        evidenceText: cols.has('evidence_text') ? evidenceText || null : (before?.evidenceText ?? null),
        note: cols.has('note') ? note || null : (before?.note ?? null),
      };
      if (same(before ?? { value: null, evidenceText: null, note: null }, after)) return;
      const status = subs.get(city.id)?.status ?? 'draft';
      if (!EDITABLE.includes(status)) return fail(cityColumn, `the submission of ${city.name} is ${status}; only draft or returned submissions can change (rows equal to what is stored are fine)`);
      changes.push({ cityId: city.id, indicator, before, after });
    });
    progress('validated', table.rows.length, table.rows.length);
    if (errors.length > 0) throw importRefused(table.rows.length, errors);

    const touched = [...new Set(changes.map((c) => c.cityId))];
    const missing = touched.filter((cityId) => !subs.has(cityId));
    const result: ImportResult = { rows: table.rows.length, applied: changes.length, unchanged: table.rows.length - changes.length, submissionsCreated: missing.length, submissionsUpdated: touched.length - missing.length, dryRun: Boolean(options.dryRun) };
    if (options.dryRun || changes.length === 0) return result;

    const created = await insertDraftSubmissions(tx, round.id, missing);
    const submissionOf = (cityId: number) => subs.get(cityId)?.id ?? created.get(cityId)!;
    const rows: ScoreRow[] = changes.map((c) => ({ submissionId: submissionOf(c.cityId), indicatorId: c.indicator.id, ...c.after }));
    await upsertScoreRows(tx, rows, (done) => progress('applied', done, rows.length));
    await bumpSubmissionVersions(tx, touched.filter((cityId) => subs.has(cityId)).map(submissionOf));
    const byCity = new Map<number, typeof changes>();
    for (const c of changes) byCity.get(c.cityId)?.push(c) ?? byCity.set(c.cityId, [c]);
    const log = new AuditBatch(access);
    for (const cityId of touched) {
      const mine = byCity.get(cityId)!;
      const version = subs.get(cityId)?.version ?? null;
      const entity = { entityType: 'submission', entityId: submissionOf(cityId), networkId: round.networkId, cityId };
      if (version === null) log.add({ action: 'submission.create', ...entity, newValue: { roundId: round.id, cityId, via: 'import' } });
      log.add({
        action: 'scores.import',
        ...entity,
        oldValue: { version, scores: mine.map((c) => ({ indicator: c.indicator.code, ...(c.before ?? { value: null }) })) },
        newValue: { version: version === null ? 1 : version + 1, scores: mine.map((c) => ({ indicator: c.indicator.code, ...c.after })) },
      });
    }
    await log.write(tx);
    return result;
  });
}
