/**
 * `citypeers backup <file>`: a consistent online copy of the embedded database (DATABASE_URL,
 * default file:data/citypeers.db) taken with `VACUUM INTO` while the server keeps serving and
 * writing. The copy is written beside the target and renamed into place only once it is complete
 * and passes `PRAGMA integrity_check`.
 *
 *   citypeers backup backups/citypeers-$(date +%F).db
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createDb } from '../../db/client';
import { inspectBackup, vacuumInto } from '../../db/backup';
import { readEnv } from '../env';
import { UsageError, type Io } from './io';
import { embeddedPath } from './restore';

const HELP = 'citypeers backup <file>   (DATABASE_URL names the live database; <file> must not exist)';

export async function backup(args: string[], io: Io, environment: Record<string, string | undefined> = process.env): Promise<number> {
  if (args[0] === '--help') return io.out(HELP), 0;
  const [file, ...extra] = args;
  if (!file || extra.length > 0) throw new UsageError(HELP);
  if (existsSync(file)) throw new UsageError(`${file} exists; choose a new file name`);
  const env = readEnv(environment);
  embeddedPath(env.databaseUrl); // refuses libSQL servers: back those up on the server
  const started = performance.now();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const handle = await createDb({ url: env.databaseUrl });
  try {
    await vacuumInto(handle.client, partial);
  } finally {
    handle.close();
  }
  const report = await inspectBackup(partial);
  if (report.integrity !== 'ok') {
    rmSync(partial, { force: true });
    io.err(`citypeers backup: the copy failed its integrity check (${report.integrity}); nothing written`);
    return 1;
  }
  renameSync(partial, file);
  io.out(`backup written to ${file}: integrity ok, ${report.migrations.length} migrations, ${report.submissions} submissions, ${report.auditEntries} audit entries, ${Math.round(performance.now() - started)} ms`);
  return 0;
}
