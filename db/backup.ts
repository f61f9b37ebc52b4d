/**
 * Online backups of an embedded database and the checks a backup must pass before a restore.
 * `VACUUM INTO` copies one consistent snapshot (a single read transaction) while writers go on:
 * never a file copy of a live WAL database, which can tear between the main file and the WAL.
 *
 * @example
 * await vacuumInto(handle.client, '/backups/citypeers-2024-06-01.db');
 * await inspectBackup('/backups/citypeers-2024-06-01.db'); // { integrity: 'ok', migrations: ['ab12…', …] }
 */
import { createClient, type Client } from '@libsql/client';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER } from './migrate';

/** Writes a consistent copy of the open database to `path` (which must not exist). */
export async function vacuumInto(client: Client, path: string): Promise<void> {
  await client.execute({ sql: 'VACUUM INTO ?', args: [path] });
}

export interface BackupReport {
  integrity: string;
  /** Hashes of the migrations applied in the backup, oldest first (empty: not a CityPeers database). */
  migrations: string[];
  submissions: number;
  auditEntries: number;
}

/** Opens a backup file read-only-in-spirit (no pragmas that change it) and reports on it. */
export async function inspectBackup(path: string): Promise<BackupReport> {
  const client = createClient({ url: `file:${path}` });
  try {
    const integrity = await client.execute('PRAGMA integrity_check').then(
      (r) => r.rows.map((row) => String(row[0])).join('; '),
      (e: Error) => `integrity_check failed: ${e.message}`,
    );
    if (integrity !== 'ok') return { integrity, migrations: [], submissions: 0, auditEntries: 0 };
    const hasTable = (await client.execute(`SELECT count(*) FROM sqlite_master WHERE name = '__drizzle_migrations'`)).rows[0][0] === 1;
    if (!hasTable) return { integrity, migrations: [], submissions: 0, auditEntries: 0 };
    const migrations = (await client.execute('SELECT hash FROM __drizzle_migrations ORDER BY created_at, id')).rows.map((r) => String(r[0]));
    const count = async (table: string) => Number((await client.execute(`SELECT count(*) FROM ${table}`)).rows[0][0]);
    return { integrity, migrations, submissions: await count('submissions'), auditEntries: await count('audit_log') };
  } finally {
    client.close();
  }
}

/** Hashes of the migrations this build ships, oldest first. */
export function knownMigrations(): string[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.hash);
}
