/**
 * A round as a spreadsheet: the import template (one row per city the caller may edit ×
 * indicator, pre-filled with what is stored) and the export of the scores the caller may see
 * (every city when the round is fully visible, else only the caller's own cities). Both use the
 * long format that `importScores` reads, so an export imports back unchanged.
 *
 * @example
 * const file = await roundSpreadsheet(access, 7, 'export', 'xlsx'); // { filename: 'round-7-scores.xlsx', … }
 */
import { findRound } from '../../db/queries/rounds';
import { frameworkIndicatorList, networkCities, roundScoreRows, roundSubmissionStates } from '../../db/queries/imports';
import type { Indicator } from '../../db/schema';
import type { Access } from '../auth/access';
import { canViewCity, citiesWithRole } from '../auth/principal';
import { notFound } from '../errors';
import { audit } from './audit';
import { allowedScores } from './spreadsheets/cells';
import { toSheetText } from './spreadsheets/csv';
import { renderDownload, type SheetFormat } from './spreadsheets/render';
import type { Sheet } from './spreadsheets/xlsx';

const COLUMNS = ['city_code', 'city_id', 'city_name', 'indicator_code', 'indicator_statement', 'value', 'allowed_values', 'evidence_text', 'note'];
const WIDTHS = [10, 8, 22, 14, 50, 8, 40, 50, 30];

function indicatorSheet(indicators: Indicator[]): Sheet {
  return {
    name: 'indicators',
    rows: [['indicator_code', 'statement', 'scale', 'allowed_values', 'guiding_questions'], ...indicators.map((i) => [i.code, i.statement, i.scale, allowedScores(i), i.guidingQuestions.join(' | ')])],
    widths: [14, 60, 12, 50, 60],
  };
}

/** `kind` template: cities the caller edits; export: cities whose answers the caller may see. */
export async function roundSpreadsheet(access: Access, roundId: number, kind: 'template' | 'export', format: SheetFormat) {
  const row = await findRound(access.db, roundId);
  const view = row ? await access.roundView(row.round) : 'none';
  if (!row || view === 'none') throw notFound('round', roundId);
  const { round } = row;
  const admin = access.isAdmin(round.networkId);
  const editable = new Set(citiesWithRole(access.principal, ['city_editor']));
  const subs = new Map((await roundSubmissionStates(access.db, round.id)).map((s) => [s.cityId, s]));
  const cities = (await networkCities(access.db, round.networkId)).filter((c) =>
    kind === 'template' ? c.status === 'member' && (admin || editable.has(c.id)) : subs.has(c.id) && (view === 'full' || canViewCity(access.principal, c.id)),
  );
  const indicators = await frameworkIndicatorList(access.db, round.frameworkId);
  const stored = new Map((await roundScoreRows(access.db, round.id)).map((s) => [`${s.cityId}:${s.indicatorId}`, s]));
  const extra = kind === 'export' ? ['submission_status', 'demo'] : [];
  const rows = cities.flatMap((c) =>
    indicators.map((i) => {
      const s = stored.get(`${c.id}:${i.id}`);
      const sub = subs.get(c.id);
      const tail = kind === 'export' ? [sub?.status ?? '', sub?.demo ? 'true' : 'false'] : [];
      return [c.eurostatCode, c.id, c.name, i.code, i.statement, s?.value ?? null, allowedScores(i), toSheetText(s?.evidenceText ?? null), toSheetText(s?.note ?? null), ...tail];
    }),
  );
  const demoCities = cities.filter((c) => subs.get(c.id)?.demo).length;
  const notes: Sheet = {
    name: 'notes',
    rows: [
      ['note'],
      [`${round.name} (round ${round.id}, ${round.status}); one row per city and indicator; an empty value means not answered.`],
      [`Rows marked demo = true (${demoCities} of ${cities.length} cities) hold generated demo values, not real self-assessments.`],
      ['Import: POST /api/rounds/' + round.id + '/imports (or npx citypeers import); columns city_name, indicator_statement, allowed_values, submission_status and demo are ignored.'],
    ],
    widths: [120],
  };
  const sheets = [{ name: 'scores', rows: [[...COLUMNS, ...extra], ...rows], widths: [...WIDTHS, 12, 6] }, indicatorSheet(indicators), ...(kind === 'export' ? [notes] : [])];
  if (kind === 'export') {
    await audit(access.db, access, { action: 'round.export', entityType: 'round', entityId: round.id, networkId: round.networkId, newValue: { format, cities: cities.length, rows: rows.length } });
  }
  return renderDownload(format, `round-${round.id}-${kind === 'export' ? 'scores' : 'template'}`, sheets);
}
