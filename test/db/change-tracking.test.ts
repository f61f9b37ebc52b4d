/**
 * The change counters the caches rely on (migration 0005): score and submission changes stamp the
 * submission with the new `answers` version; access-relevant changes move `access`, bookkeeping
 * writes (last use of a token, last seen of a session) do not; round changes move `rounds`.
 */
import { describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { readVersions } from '../../db/queries/versions';
import { seedIfEmpty } from '../../seeds';

describe('change tracking', async () => {
  const { db, client } = await createDb({ url: ':memory:' });
  await migrateDb(db);
  await seedIfEmpty(db);
  const one = async (q: string) => (await client.execute(q)).rows[0];

  it('stamps an edited submission with the answers version of its change', async () => {
    const before = await readVersions(db);
    const score = await one('SELECT id, submission_id FROM scores LIMIT 1');
    await client.execute(`UPDATE scores SET note = 'x' WHERE id = ${score.id}`);
    const after = await readVersions(db);
    expect(after.answers).toBe(before.answers + 1);
    expect(Number((await one(`SELECT answers_seq FROM submissions WHERE id = ${score.submission_id}`)).answers_seq)).toBe(after.answers);
    const changed = (await client.execute(`SELECT id FROM submissions WHERE answers_seq > ${before.answers}`)).rows.map((r) => Number(r.id));
    expect(changed).toEqual([Number(score.submission_id)]);
  });

  it('a status change stamps the submission too; other counters stay', async () => {
    const before = await readVersions(db);
    const sub = await one("SELECT id FROM submissions WHERE status = 'published' LIMIT 1");
    await client.execute(`UPDATE submissions SET return_comment = 'see notes' WHERE id = ${sub.id}`);
    const after = await readVersions(db);
    expect(after).toEqual({ ...before, answers: before.answers + 1 });
    expect(Number((await one(`SELECT answers_seq FROM submissions WHERE id = ${sub.id}`)).answers_seq)).toBe(after.answers);
  });

  it('moves access on grants, disabling, revocations; not on last-use bookkeeping', async () => {
    const user = await one('SELECT id FROM users LIMIT 1');
    const a0 = (await readVersions(db)).access;
    await client.execute(`UPDATE users SET last_login_at = '2026-01-01T00:00:00Z' WHERE id = ${user.id}`);
    expect((await readVersions(db)).access).toBe(a0);
    await client.execute(`UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = ${user.id}`);
    expect((await readVersions(db)).access).toBe(a0 + 1);
    await client.execute(`UPDATE role_grants SET revoked_at = '2026-01-01T00:00:00Z' WHERE user_id = ${user.id}`);
    expect((await readVersions(db)).access).toBeGreaterThan(a0 + 1);
  });

  it('moves context when a network is renamed (city pages show network names)', async () => {
    const before = await readVersions(db);
    await client.execute("UPDATE networks SET name = name || ' (renamed)' WHERE id = 1");
    expect(await readVersions(db)).toEqual({ ...before, context: before.context + 1 });
  });

  it('moves rounds when a round changes', async () => {
    const before = await readVersions(db);
    await client.execute("UPDATE rounds SET name = name || ' (renamed)' WHERE id = 1");
    expect(await readVersions(db)).toEqual({ ...before, rounds: before.rounds + 1 });
  });
});
