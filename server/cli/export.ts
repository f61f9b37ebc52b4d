/**
 * `citypeers export`: an anonymised research export written to a ZIP, run in-process against
 * DATABASE_URL with the same rules as the API, on behalf of a researcher or admin account:
 *
 *   citypeers export --as researcher@uni.example --round 1 [--round 2] --out export.zip
 *                    [--format csv,json,parquet] [--variables KF01,KF02,geography] [--epsilon 1]
 *
 * The audit entry names the actor 'command line' (with the account's user id). Progress goes to
 * stderr, the risk report (JSON) to stdout.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { activeGrants, findUserByEmail } from '../../db/queries/auth';
import { Access } from '../auth/access';
import { readEnv } from '../env';
import { ProblemError } from '../errors';
import { exportNow } from '../services/exports';
import { FORMATS, type Format } from '../services/exports/formats';
import { UsageError, type Io } from './io';

const HELP = `citypeers export --as <email of a researcher or admin> --round <id> [--round <id> …] --out <file.zip>
                 [--format csv,json,parquet] [--variables <v1,v2,…>] [--epsilon <ε>]
    Anonymised export (k ≥ 5, ℓ ≥ 2, ≤ 10% suppression, else aggregates only), same access rules as the API.
    --epsilon adds differential privacy to the aggregates and spends ε from each round's budget (3).`;

export async function exportCommand(args: string[], io: Io): Promise<number> {
  if (args.includes('--help')) {
    io.out(HELP);
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: { as: { type: 'string' }, round: { type: 'string', multiple: true }, out: { type: 'string' }, format: { type: 'string' }, variables: { type: 'string' }, epsilon: { type: 'string' } },
    strict: true,
  });
  if (!values.as) throw new UsageError(`--as <email> is required\n${HELP}`);
  if (!values.out) throw new UsageError(`--out <file.zip> is required\n${HELP}`);
  const roundIds = (values.round ?? []).map((r) => (/^\d+$/.test(r) ? Number(r) : NaN));
  if (!roundIds.length || roundIds.some((r) => !(r > 0))) throw new UsageError('--round must be a round id (a positive integer), at least once');
  const formats = (values.format ?? FORMATS.join(',')).split(',').map((f) => f.trim()) as Format[];
  const bad = formats.find((f) => !FORMATS.includes(f));
  if (bad) throw new UsageError(`--format: unknown format "${bad}" (csv, json, parquet)`);
  const epsilon = values.epsilon === undefined ? null : Number(values.epsilon);
  if (epsilon !== null && !(epsilon > 0 && epsilon <= 3)) throw new UsageError('--epsilon must be a number in (0, 3]');
  const env = readEnv(process.env);
  const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl });
  try {
    await migrateDb(handle.db);
    const user = await findUserByEmail(handle.db, values.as);
    if (!user || user.disabledAt) throw new UsageError(`no active account ${values.as}`);
    const grants = (await activeGrants(handle.db, user.id)).map(({ role, networkId, cityId }) => ({ role, networkId, cityId }));
    const access = new Access(handle.db, { kind: 'user', userId: user.id, email: user.email, name: user.name, grants, via: 'session' }, { clientAddress: 'command line', requestId: '' });
    const started = performance.now();
    const built = await exportNow(access, { roundIds, formats, variables: values.variables?.split(',').map((v) => v.trim()), dp: epsilon === null ? null : { epsilon } }, (stage, pct) => io.err(`${stage} ${pct}%`), 'command line').catch((e) => {
      if (e instanceof ProblemError) throw new UsageError(`${e.status} ${e.title}: ${e.message}`);
      throw e;
    });
    writeFileSync(values.out, built.zip);
    io.out(JSON.stringify({ out: values.out, bytes: built.zip.length, ms: Math.round(performance.now() - started), risk: built.summary, rounds: built.rounds.map((r) => ({ roundId: r.roundId, name: r.name, outcome: r.outcome, reason: r.reason })) }, null, 2));
    return 0;
  } finally {
    handle.close();
  }
}
