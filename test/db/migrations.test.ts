import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';

const dir = mkdtempSync(join(tmpdir(), 'citypeers-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('create every table from an empty file, twice without harm, with the embedded pragmas on every connection', async () => {
    const handle = await createDb({ url: `file:${join(dir, 'a.db')}` });
    await migrateDb(handle.db);
    await migrateDb(handle.db);
    const tables = await handle.client.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const names = tables.rows.map((r) => r.name);
    for (const t of ['networks', 'cities', 'memberships', 'frameworks', 'framework_areas', 'indicators', 'weight_sets', 'context_variables', 'context_values', 'rounds', 'submissions', 'scores', 'evidence', 'peer_reviews', 'study_visits', 'action_plans', 'action_items', 'users', 'sessions', 'api_tokens', 'invitations', 'outbox', 'audit_log', 'export_jobs']) {
      expect(names).toContain(t);
    }
    expect((await handle.client.execute('PRAGMA journal_mode')).rows[0].journal_mode).toBe('wal');
    // a transaction runs on its own pooled connection: the pragmas must hold there too
    const tx = await handle.client.transaction('write');
    expect((await tx.execute('PRAGMA foreign_keys')).rows[0].foreign_keys).toBe(1);
    expect((await tx.execute('PRAGMA synchronous')).rows[0].synchronous).toBe(2);
    expect(Number((await tx.execute('PRAGMA busy_timeout')).rows[0].timeout)).toBeGreaterThan(0);
    await tx.rollback();
    handle.close();
  });
  it('enforce foreign keys and keep the audit log append-only', async () => {
    const handle = await createDb({ url: `file:${join(dir, 'b.db')}` });
    await migrateDb(handle.db);
    await expect(handle.client.execute("INSERT INTO memberships (network_id, city_id) VALUES (99, 99)")).rejects.toThrow(/FOREIGN KEY/);
    await handle.client.execute("INSERT INTO audit_log (actor_label, action) VALUES ('system', 'test')");
    await expect(handle.client.execute("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(handle.client.execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    handle.close();
  });
  it('keep change counters for the analytics cache with triggers', async () => {
    const handle = await createDb({ url: `file:${join(dir, 'c.db')}` });
    await migrateDb(handle.db);
    const versions = async () => Object.fromEntries((await handle.client.execute('SELECT key, version FROM data_versions')).rows.map((r) => [r.key, Number(r.version)]));
    expect(await versions()).toEqual({ context: 0, roster: 0, answers: 0, access: 0, rounds: 0 });
    await handle.client.execute("INSERT INTO cities (name, country_code) VALUES ('Testby', 'NO')");
    await handle.client.execute("UPDATE cities SET population = 1000 WHERE name = 'Testby'");
    expect(await versions()).toEqual({ context: 2, roster: 0, answers: 0, access: 0, rounds: 0 });
    handle.close();
  });
});
