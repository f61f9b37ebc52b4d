/**
 * `citypeers import`: a CSV/XLSX file of scores (or, with --context, context values) imported on
 * behalf of an account, with the API's rules: every row applied in one transaction, or none.
 *
 *   citypeers import --round 7 --file scores.xlsx --as admin@city.example [--dry-run]
 *   citypeers import --context --file context.csv --as oslo@city.example
 *
 * Progress on stderr; the result (JSON) on stdout; exit 2 with every bad row and column listed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ProblemError } from '../errors';
import { importContextValues } from '../services/context-import';
import { importScores } from '../services/score-import';
import { formatErrors, type RowError } from '../services/spreadsheets/report';
import { withAccountAccess } from './acting-user';
import { UsageError, type Io } from './io';
import { progressBar } from './progress';

const HELP = `citypeers import --round <id> --file <scores.csv|.xlsx> --as <email> [--dry-run]
citypeers import --context --file <values.csv|.xlsx> --as <email> [--dry-run]
    Validates the whole file, then applies every row in one transaction or none.
    Templates: GET /api/rounds/<id>/template.xlsx, GET /api/context-variables/template.xlsx`;

export async function importCommand(args: string[], io: Io): Promise<number> {
  if (args.includes('--help')) {
    io.out(HELP);
    return 0;
  }
  const { values } = parseArgs({ args, options: { round: { type: 'string' }, context: { type: 'boolean' }, file: { type: 'string' }, as: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true });
  if (!values.as) throw new UsageError(`--as <email> is required\n${HELP}`);
  if (!values.file) throw new UsageError(`--file <path> is required\n${HELP}`);
  const roundId = Number(values.round);
  if (!values.context && !(Number.isInteger(roundId) && roundId > 0)) throw new UsageError(`--round must be a round id (or use --context)\n${HELP}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(values.file);
  } catch (e) {
    throw new UsageError(`${values.file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const started = performance.now();
  const dryRun = Boolean(values['dry-run']);
  try {
    const result: object = await withAccountAccess<object>(values.as, (access) =>
      values.context ? importContextValues(access, bytes, { dryRun }) : importScores(access, roundId, bytes, { dryRun, onProgress: progressBar(io) }),
    );
    io.out(JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    const errors = (e.extensions.errors ?? []) as (RowError | { pointer: string; detail: string })[];
    const rowErrors = errors.filter((x): x is RowError => 'reason' in x);
    const other = errors.filter((x) => !('reason' in x)).map((x) => `${(x as { pointer: string }).pointer}: ${(x as { detail: string }).detail}`);
    io.err([`citypeers import: ${e.status} ${e.title}: ${e.message}`, formatErrors(rowErrors), ...other].filter(Boolean).join('\n'));
    return 2;
  }
}
