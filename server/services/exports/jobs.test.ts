/** The export job store on a real database: abandoning this process's jobs at shutdown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client';
import { findExportJob } from '../../../db/queries/export-jobs';
import { auditLog, users } from '../../../db/schema';
import { freshDb } from '../../../test/helpers/db';
import type { BuiltExport } from './build';
import { jobsOf } from './jobs';

let h: DbHandle;
let userId: number;
beforeAll(async () => {
  h = await freshDb();
  [{ id: userId }] = await h.db.insert(users).values({ email: 'r@example.org' }).returning({ id: users.id });
});
afterAll(() => h.close());

const built = { zip: Uint8Array.of(1, 2, 3), files: {}, summary: {}, rounds: [], epsilonByRound: [], parameters: {} } as unknown as BuiltExport;

describe('export jobs', () => {
  it('abandon() fails the jobs this process holds at once; one that finishes later stays failed and writes nothing', async () => {
    const jobs = jobsOf(h.db);
    let finishBuild!: () => void;
    const building = new Promise<void>((resolve) => (finishBuild = resolve));
    const job = await jobs.add({ userId, networkIds: [1], reserved: [{ roundId: 1, epsilon: 0.5 }] }, {
      admit: async () => {},
      build: async (progress) => { progress('anonymising', 40); await building; return built; },
      finish: async (tx, _built, id) => void (await tx.insert(auditLog).values({ actorLabel: 'test', action: 'export.create', entityId: id })),
    });
    const reason = 'the server restarted before this export finished; request it again';
    await jobs.abandon(reason);
    expect(await jobs.get(job.id)).toMatchObject({ stage: 'failed', error: reason });
    expect(await findExportJob(h.db, job.id)).toMatchObject({ reserved: [] }); // its ε is released
    expect(await jobs.pending()).toEqual([]);

    finishBuild();
    await jobs.idle();
    expect(await jobs.get(job.id)).toMatchObject({ stage: 'failed', error: reason, result: null });
    expect(await jobs.zip(job.id)).toBeUndefined();
    expect(await h.db.select().from(auditLog)).toEqual([]); // the completion rolled back with the ledger/audit entry
  });

  it('a job nobody abandons completes as before', async () => {
    const jobs = jobsOf(h.db);
    const job = await jobs.add({ userId, networkIds: [1], reserved: [] }, { admit: async () => {}, build: async () => built, finish: async () => {} });
    await jobs.idle();
    expect(await jobs.get(job.id)).toMatchObject({ stage: 'done', percent: 100, error: null });
    expect(Array.from((await jobs.zip(job.id))!)).toEqual([1, 2, 3]);
  });
});
