/**
 * Reads the change counters (see queries/versions.ts) through one prepared statement on a read-only
 * connection of its own: a few microseconds, where a query through @libsql/client costs tens (every
 * API request reads them once). Embedded database files only; the same native driver the client
 * uses underneath. The statement is prepared on first use, after migrations have made the table.
 *
 * @example
 * const reader = openVersionsReader('/var/lib/citypeers/db.sqlite');
 * reader.read(); // { context: 17, roster: 325, answers: 4135, access: 9, rounds: 4 }
 */
import Database from 'libsql';
import type { DataVersions } from './queries/versions';

const SQL = `SELECT ${['context', 'roster', 'answers', 'access', 'rounds'].map((k) => `(SELECT version FROM data_versions WHERE key = '${k}')`).join(', ')}`;

export interface VersionsReader {
  read(): DataVersions;
  close(): void;
}

export function openVersionsReader(path: string): VersionsReader {
  const connection = new Database(path, { readonly: true });
  let statement: Database.Statement<[]> | undefined;
  return {
    read() {
      statement ??= connection.prepare<[]>(SQL).raw(true);
      const [context, roster, answers, access, rounds] = (statement.get() as (number | null)[]).map(Number);
      return { context, roster, answers, access, rounds };
    },
    close: () => connection.close(),
  };
}
