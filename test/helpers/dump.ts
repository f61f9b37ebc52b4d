/**
 * Every row of every table, to prove a refused request changed nothing. Session and token rows
 * are left out by default: using them updates their last-seen bookkeeping, which is not a change.
 */
import type { Client } from '@libsql/client';

export async function dumpDb(client: Client, skip: string[] = ['sessions', 'api_tokens']): Promise<string> {
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name");
  const parts: string[] = [];
  for (const { name } of tables.rows.filter((r) => !skip.includes(String(r.name)))) {
    const rows = await client.execute(`SELECT * FROM "${String(name)}" ORDER BY 1`);
    parts.push(`${String(name)}:${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}
