/**
 * Export jobs: each runs in the process that accepted it, one at a time (anonymisation is CPU
 * work; a queue keeps the server responsive), in steps that yield to the event loop. Its row in
 * `export_jobs` is written at once, then with its progress (on a stage change, at most every
 * PROGRESS_MS otherwise) and a heartbeat, and finally with the status fields and the ZIP, so any
 * process (`npm run start:cluster`, several nodes) answers for it. A job whose heartbeat stopped
 * for STALE_MS lost its process: it reads as failed and holds nothing. Finished jobs go after an hour.
 *
 * @example
 * const job = await jobsOf(db).add({ userId: 7, networkIds: [1], reserved: [] }, { admit, build: (report) => buildExport(db, spec, report), finish });
 * await jobsOf(db).idle(); (await jobsOf(otherProcessDb).get(job.id))?.stage // 'done'
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/queries/auth';
import {
  completeExportJob, deleteExpiredExportJobs, failExportJobs, findExportJob, findExportZip, insertExportJob, liveExportJobs, touchExportJobs,
  updateExportProgress, type ExportJobRow,
} from '../../../db/queries/export-jobs';
import type { BuiltExport, Progress } from './build';

export const EXPIRY_MS = 3_600_000;
/** An unfinished job whose heartbeat is older than this has lost its process. */
export const STALE_MS = 120_000;
const HEARTBEAT_MS = 30_000;
const PROGRESS_MS = 500;
const SWEEP_MS = 60_000;
export const LOST_ERROR = 'the server process running this export stopped; request it again';

export type Stage = ExportJobRow['stage'];

/** What the status shows of a finished job (the ZIP itself is read apart: `zip(id)`). */
export interface JobResult extends Pick<BuiltExport, 'summary' | 'rounds' | 'files'> {
  bytes: number;
  durationMs: number;
}

export interface ExportJob {
  id: string;
  userId: number;
  /** networks of the exported rounds: their secretariats may see the job */
  networkIds: number[];
  stage: Stage;
  percent: number;
  error: string | null;
  finishedAt: number | null;
  result: JobResult | null;
}

/** A job queued or running in a live process, with the ε it holds for its rounds. */
export type LiveJob = Awaited<ReturnType<typeof liveExportJobs>>[number];

export interface JobWork {
  /** Runs in the transaction that inserts the job, given the live jobs (every user's) read in it; throws to refuse it. */
  admit(tx: Executor, live: LiveJob[]): Promise<void>;
  /** Builds the export (no lock held). */
  build(progress: Progress): Promise<BuiltExport>;
  /** Runs in the transaction that marks the job done (e.g. ledger and audit entry); throws to fail it. */
  finish(tx: Executor, built: BuiltExport, id: string): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

class JobStore {
  readonly #db: Db;
  #chain: Promise<void> = Promise.resolve();
  /** Jobs of this process not finished yet: their heartbeat is ours to keep. */
  readonly #held = new Set<string>();
  #beat: NodeJS.Timeout | undefined;
  #sweptAt = 0;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Inserts the job (after `work.admit`, in one transaction) and queues it in this process. */
  async add(meta: Pick<ExportJob, 'userId' | 'networkIds'> & Pick<ExportJobRow, 'reserved'>, work: JobWork): Promise<ExportJob> {
    // best effort: rows a failed sweep leaves go at the next one
    if (Date.now() - this.#sweptAt >= SWEEP_MS) await this.sweep().catch(() => {});
    const now = Date.now();
    const row: ExportJobRow = { id: randomUUID(), ...meta, stage: 'queued', percent: 0, error: null, result: null, createdAt: iso(now), heartbeatAt: iso(now), finishedAt: null };
    await this.#db.transaction(async (tx) => {
      await work.admit(tx, await liveExportJobs(tx, iso(now - STALE_MS)));
      await insertExportJob(tx, row);
    });
    this.hold(row.id);
    this.#chain = this.#chain.then(() => this.run(row.id, work));
    return jobOf(row, now)!;
  }

  /** The job as any process sees it; undefined when unknown or expired. */
  async get(id: string): Promise<ExportJob | undefined> {
    const row = await findExportJob(this.#db, id);
    return row && jobOf(row, Date.now());
  }

  /** The ZIP of a finished job. */
  zip(id: string): Promise<Uint8Array | undefined> {
    return findExportZip(this.#db, id);
  }

  /** Jobs running or queued in a live process, e.g. for the ε they hold. */
  pending(): Promise<LiveJob[]> {
    return liveExportJobs(this.#db, iso(Date.now() - STALE_MS));
  }

  /** Deletes expired jobs, ZIPs included (`add` does it at most once a minute per process; reads skip expired rows anyway). */
  async sweep(): Promise<void> {
    const now = Date.now();
    this.#sweptAt = now;
    await deleteExpiredExportJobs(this.#db, iso(now - EXPIRY_MS));
  }

  /**
   * Graceful shutdown: the jobs this process still holds fail at once with `reason`, so users
   * learn now rather than after STALE_MS; one that finishes later keeps that outcome.
   * @example await jobsOf(db).abandon('the server restarted before this export finished; request it again')
   */
  async abandon(reason: string): Promise<void> {
    const ids = [...this.#held];
    ids.forEach((id) => this.release(id));
    await failExportJobs(this.#db, ids, reason, iso(Date.now()));
  }

  /** Resolves when every job queued in this process has finished (tests; shutdown uses `abandon`). */
  idle(): Promise<void> {
    return this.#chain;
  }

  private async run(id: string, work: JobWork) {
    const started = performance.now();
    let last = { stage: 'queued' as Stage, at: 0 };
    // progress is best effort: a failed write leaves the previous one, and the heartbeat goes on
    let writing = Promise.resolve();
    const report: Progress = (stage, percent) => {
      const now = Date.now();
      if (stage === last.stage && now - last.at < PROGRESS_MS) return;
      last = { stage, at: now };
      writing = writing.then(() => updateExportProgress(this.#db, id, { stage, percent }, iso(now))).catch(() => {});
    };
    try {
      const built = await work.build(report);
      const result: JobResult = { summary: built.summary, rounds: built.rounds, files: built.files, bytes: built.zip.length, durationMs: Math.round(performance.now() - started) };
      await writing;
      await this.#db.transaction(async (tx) => {
        await work.finish(tx, built, id);
        // an abandoned job stays failed, and its ledger and audit entries roll back
        if (!(await completeExportJob(tx, id, { result, zip: built.zip }, iso(Date.now())))) throw new Error(`export ${id} was already finished`);
      });
    } catch (e) {
      await writing;
      // if even this fails, the heartbeat stops and the job reads as lost after STALE_MS
      await failExportJobs(this.#db, [id], messageOf(e), iso(Date.now())).catch(() => {});
    } finally {
      this.release(id);
    }
  }

  private hold(id: string) {
    this.#held.add(id);
    this.#beat ??= setInterval(() => void touchExportJobs(this.#db, [...this.#held], iso(Date.now())).catch(() => {}), HEARTBEAT_MS).unref();
  }

  private release(id: string) {
    this.#held.delete(id);
    if (this.#held.size === 0) {
      clearInterval(this.#beat);
      this.#beat = undefined;
    }
  }
}

/** A row as the API shows it at `now`: lost jobs read as failed (finished at their last heartbeat). */
function jobOf(row: ExportJobRow, now: number): ExportJob | undefined {
  const heartbeat = Date.parse(row.heartbeatAt);
  const lost = row.finishedAt === null && heartbeat < now - STALE_MS;
  const finishedAt = row.finishedAt !== null ? Date.parse(row.finishedAt) : lost ? heartbeat : null;
  if (finishedAt !== null && now - finishedAt > EXPIRY_MS) return undefined;
  return {
    id: row.id, userId: row.userId, networkIds: row.networkIds,
    stage: lost ? 'failed' : row.stage, percent: row.percent, error: lost ? LOST_ERROR : row.error,
    finishedAt, result: row.result as JobResult | null,
  };
}

const stores = new WeakMap<Db, JobStore>();

export function jobsOf(db: Db): JobStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new JobStore(db)));
  return store;
}
