/**
 * `citypeers restore <file>`: replaces the embedded database (DATABASE_URL) with a backup, after
 * checking it: `PRAGMA integrity_check` must be ok, and its schema must be one this build knows
 * (every applied migration is one of ours; an older backup is fine, the server migrates it forward
 * on start; a backup from a newer build is refused). The current database is kept beside it as
 * `<db>.before-restore-<time>` (with its -wal/-shm). Stop the servers using the database first.
 *
 *   citypeers restore backups/citypeers-2024-06-01.db
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspectBackup, knownMigrations } from '../../db/backup';
import { readEnv } from '../env';
import { UsageError, type Io } from './io';

const HELP = 'citypeers restore <file>   (replaces the database DATABASE_URL names; stop the servers first)';

export async function restore(args: string[], io: Io, environment: Record<string, string | undefined> = process.env): Promise<number> {
  if (args[0] === '--help') return io.out(HELP), 0;
  const [file, ...extra] = args;
  if (!file || extra.length > 0) throw new UsageError(HELP);
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const target = embeddedPath(readEnv(environment).databaseUrl);
  const report = await inspectBackup(file);
  if (report.integrity !== 'ok') return refuse(io, `${file} fails PRAGMA integrity_check: ${report.integrity}`);
  if (report.migrations.length === 0) return refuse(io, `${file} is not a CityPeers database (no migrations table)`);
  const known = knownMigrations();
  const unknown = report.migrations.filter((h) => !known.includes(h));
  if (unknown.length > 0) return refuse(io, `${file} has ${unknown.length} migration(s) this build does not know (made by a newer CityPeers?); upgrade first`);
  const staged = `${target}.restoring`;
  copyFileSync(file, staged);
  fsyncPath(staged);
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, kept + suffix);
  renameSync(staged, target);
  fsyncPath(dirname(target));
  io.out(`restored ${file} into ${target}: integrity ok, schema ${report.migrations.length}/${known.length} migrations (the server applies the rest on start), ${report.submissions} submissions${existsSync(kept) ? `; the previous database is kept as ${kept}` : ''}`);
  return 0;
}

function refuse(io: Io, why: string) {
  io.err(`citypeers restore: refused: ${why}; the current database is untouched`);
  return 2;
}

/** The file path of an embedded `file:` database URL; backups of a libSQL server happen on the server. */
export function embeddedPath(url: string): string {
  if (!url.startsWith('file:') || url.includes(':memory:')) throw new UsageError(`DATABASE_URL ${url.replace(/\/\/[^@/]*@/, '//***@')} is not an embedded file database; back up a libSQL server with its own tools (sqld/Turso point-in-time recovery)`);
  return url.replace(/^file:(\/\/)?/, '').split('?')[0];
}

function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
