/**
 * The in-process queue of export jobs: one store per database handle, finished ZIPs kept in
 * memory for an hour, nothing identifying persisted. Jobs run one at a time (anonymisation is
 * CPU work; a queue keeps the server responsive), each in steps that yield to the event loop.
 *
 * @example
 * const job = jobsOf(db).add({ userId: 7, networkIds: [1], reserved: [] }, (report) => buildExport(db, spec, report));
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client';
import type { BuiltExport, Progress } from './build';

export const EXPIRY_MS = 3_600_000;

export type Stage = 'queued' | Parameters<Progress>[0] | 'done' | 'failed';

export interface ExportJob {
  id: string;
  userId: number;
  /** networks of the exported rounds: their secretariats may see the job */
  networkIds: number[];
  /** ε held for the rounds while the job runs (counted by the budget check) */
  reserved: { roundId: number; epsilon: number }[];
  stage: Stage;
  percent: number;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
  result: (BuiltExport & { durationMs: number }) | null;
}

class JobStore {
  readonly #jobs = new Map<string, ExportJob>();
  #chain: Promise<void> = Promise.resolve();

  /** Queues `work`; `finish` runs after it (e.g. the audit entry) and may fail the job. */
  add(meta: Pick<ExportJob, 'userId' | 'networkIds' | 'reserved'>, work: (progress: Progress) => Promise<BuiltExport>, finish: (built: BuiltExport, id: string) => Promise<void>): ExportJob {
    this.sweep();
    const job: ExportJob = { id: randomUUID(), ...meta, stage: 'queued', percent: 0, error: null, createdAt: Date.now(), finishedAt: null, result: null };
    this.#jobs.set(job.id, job);
    this.#chain = this.#chain.then(async () => {
      const started = performance.now();
      try {
        const built = await work((stage, percent) => Object.assign(job, { stage, percent }));
        await finish(built, job.id);
        Object.assign(job, { stage: 'done', percent: 100, result: { ...built, durationMs: Math.round(performance.now() - started) } });
      } catch (e) {
        Object.assign(job, { stage: 'failed', error: e instanceof Error ? e.message : String(e) });
      } finally {
        job.finishedAt = Date.now();
        job.reserved = [];
      }
    });
    return job;
  }

  get(id: string): ExportJob | undefined {
    this.sweep();
    return this.#jobs.get(id);
  }

  /** Jobs not finished yet, e.g. for the rate limit and the ε reservations. */
  pending(): ExportJob[] {
    return [...this.#jobs.values()].filter((j) => j.finishedAt === null);
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.#chain;
  }

  private sweep() {
    const now = Date.now();
    for (const [id, j] of this.#jobs) if (j.finishedAt !== null && now - j.finishedAt > EXPIRY_MS) this.#jobs.delete(id);
  }
}

const stores = new WeakMap<Db, JobStore>();

export function jobsOf(db: Db): JobStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new JobStore()));
  return store;
}
