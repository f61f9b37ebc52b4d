/**
 * Research export jobs in the database, so any server process answers for a job another one runs.
 * Times are ISO-8601 text; "live" means not finished and heartbeat at or after `staleBefore`.
 * Status reads never load the ZIP; only `findExportZip` does.
 *
 * @example
 * await insertExportJob(tx, { id, userId: 7, networkIds: [1], reserved: [], createdAt: now, heartbeatAt: now });
 * await updateExportProgress(db, id, { stage: 'writing', percent: 80 }, now);
 * const job = await findExportJob(db, id); // no zip
 */
import { and, eq, getTableColumns, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { exportJobs } from '../schema';
import type { Executor } from './auth';

export type ExportJobRow = Omit<typeof exportJobs.$inferSelect, 'zip'>;
type Stage = ExportJobRow['stage'];

const { zip: _zip, ...statusColumns } = getTableColumns(exportJobs);

export async function insertExportJob(db: Executor, row: typeof exportJobs.$inferInsert) {
  await db.insert(exportJobs).values(row);
}

/** The job without its ZIP. */
export async function findExportJob(db: Executor, id: string): Promise<ExportJobRow | undefined> {
  const [row] = await db.select(statusColumns).from(exportJobs).where(eq(exportJobs.id, id));
  return row;
}

/** The ZIP of a job that is done. */
export async function findExportZip(db: Executor, id: string): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ zip: exportJobs.zip }).from(exportJobs).where(and(eq(exportJobs.id, id), eq(exportJobs.stage, 'done')));
  return row?.zip ?? undefined;
}

const live = (staleBefore: string) => and(isNull(exportJobs.finishedAt), gte(exportJobs.heartbeatAt, staleBefore));

/** Jobs still running somewhere (their ε reservations count against the budget, and against their user's rate limit). */
export async function liveExportJobs(db: Executor, staleBefore: string) {
  return db.select({ id: exportJobs.id, userId: exportJobs.userId, reserved: exportJobs.reserved }).from(exportJobs).where(live(staleBefore));
}

/** Progress of an unfinished job; also its heartbeat. */
export async function updateExportProgress(db: Executor, id: string, progress: { stage: Stage; percent: number }, at: string) {
  await db.update(exportJobs).set({ ...progress, heartbeatAt: at }).where(and(eq(exportJobs.id, id), isNull(exportJobs.finishedAt)));
}

/** The heartbeat of jobs this process still holds (queued or running). */
export async function touchExportJobs(db: Executor, ids: string[], at: string) {
  if (ids.length) await db.update(exportJobs).set({ heartbeatAt: at }).where(and(inArray(exportJobs.id, ids), isNull(exportJobs.finishedAt)));
}

/** Marks an unfinished job done with its status fields and ZIP, in one statement; false when it was already finished (e.g. abandoned). */
export async function completeExportJob(db: Executor, id: string, done: { result: unknown; zip: Uint8Array }, at: string): Promise<boolean> {
  const zip = Buffer.from(done.zip.buffer, done.zip.byteOffset, done.zip.byteLength);
  const changed = await db.update(exportJobs).set({ stage: 'done', percent: 100, result: done.result, zip, reserved: [], finishedAt: at, heartbeatAt: at })
    .where(and(eq(exportJobs.id, id), isNull(exportJobs.finishedAt))).returning({ id: exportJobs.id });
  return changed.length > 0;
}

/** Marks unfinished jobs failed, in one statement (a finished one keeps its outcome). */
export async function failExportJobs(db: Executor, ids: string[], error: string, at: string) {
  if (ids.length) await db.update(exportJobs).set({ stage: 'failed', error, reserved: [], finishedAt: at, heartbeatAt: at }).where(and(inArray(exportJobs.id, ids), isNull(exportJobs.finishedAt)));
}

/** Deletes jobs finished (or gone quiet) before `expiredBefore`, ZIPs included. */
export async function deleteExpiredExportJobs(db: Executor, expiredBefore: string) {
  await db.delete(exportJobs).where(or(lt(exportJobs.finishedAt, expiredBefore), and(isNull(exportJobs.finishedAt), lt(exportJobs.heartbeatAt, expiredBefore))));
}
