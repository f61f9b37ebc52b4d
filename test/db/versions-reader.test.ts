/** The fast counter reader of embedded files agrees with a query through the client, at once after every write. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { readVersions } from '../../db/queries/versions';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('versions reader', () => {
  it('reads what the client reads, including writes of other connections', async () => {
    const url = `file:${join(dir, 'v.db')}`;
    const a = await createDb({ url });
    await migrateDb(a.db);
    const b = await createDb({ url });
    const viaClient = async () => Object.fromEntries((await b.db.all<{ key: string; version: number }>(sql`SELECT key, version FROM data_versions`)).map((r) => [r.key, Number(r.version)]));
    expect(await readVersions(a.db)).toEqual(await viaClient());
    for (let i = 0; i < 5; i++) {
      await b.client.execute(`INSERT INTO cities (name, country_code) VALUES ('Town ${i}', 'NO')`);
      const seen = await readVersions(a.db);
      expect(seen).toEqual(await viaClient());
      expect(seen.context).toBe(i + 1);
    }
    a.close();
    b.close();
  });
});
