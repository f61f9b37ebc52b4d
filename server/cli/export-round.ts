/**
 * `citypeers export-round`: a round's scores as the account may see them, to CSV or XLSX
 * (chosen by the --out extension), in the format `citypeers import` reads back.
 *
 *   citypeers export-round --round 7 --out round-7.xlsx --as admin@city.example
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ProblemError } from '../errors';
import { roundSpreadsheet } from '../services/round-spreadsheets';
import { withAccountAccess } from './acting-user';
import { UsageError, type Io } from './io';

const HELP = `citypeers export-round --round <id> --out <file.csv|file.xlsx> --as <email> [--template]
    --template writes the import template (the cities the account edits) instead of the scores`;

export async function exportRound(args: string[], io: Io): Promise<number> {
  if (args.includes('--help')) {
    io.out(HELP);
    return 0;
  }
  const { values } = parseArgs({ args, options: { round: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' }, template: { type: 'boolean' } }, strict: true });
  if (!values.as) throw new UsageError(`--as <email> is required\n${HELP}`);
  const roundId = Number(values.round);
  if (!(Number.isInteger(roundId) && roundId > 0)) throw new UsageError(`--round must be a round id\n${HELP}`);
  const format = values.out?.toLowerCase().match(/\.(csv|xlsx)$/)?.[1] as 'csv' | 'xlsx' | undefined;
  if (!values.out || !format) throw new UsageError(`--out must name a .csv or .xlsx file\n${HELP}`);
  try {
    const file = await withAccountAccess(values.as, (access) => roundSpreadsheet(access, roundId, values.template ? 'template' : 'export', format));
    writeFileSync(values.out, file.body);
    io.out(`wrote ${values.out} (${file.body.length} bytes)`);
    return 0;
  } catch (e) {
    if (e instanceof ProblemError) throw new UsageError(`${e.status} ${e.title}: ${e.message}`);
    throw e;
  }
}
