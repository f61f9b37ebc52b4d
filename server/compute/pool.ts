/**
 * A small fixed-size pool of compute worker threads, started on first use and reused. Idle workers
 * are unref'd (they never keep the process alive); a worker is ref'd only while it runs a task.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TaskArgs, TaskName, TaskResult } from './tasks';
import type { TaskReply } from './worker';

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Worker threads of the shared pool: the reference figures are for 2 threads. */
export const POOL_SIZE = 2;

export interface ComputePool {
  readonly size: number;
  /**
   * Run one task on the next free worker. Aborting `signal` drops the task if it is still queued
   * (it then rejects); a task already running finishes.
   * @example await pool.run('peerQueryClaimed', args)
   */
  run<K extends TaskName>(task: K, args: TaskArgs<K>, signal?: AbortSignal): Promise<TaskResult<K>>;
  /** Resolves once every worker has loaded its code or died (e.g. to keep start-up out of a timing). */
  ready(): Promise<void>;
  /** Terminate every worker; pending and later tasks are rejected. */
  close(): Promise<void>;
}

interface Job { id: number; task: TaskName; args: unknown; resolve(v: unknown): void; reject(e: Error): void }
interface Slot {
  worker: Worker;
  /** Where the worker's replies arrive: by event, or read at once by pump(). */
  replies: MessagePort;
  /** Apply one reply: 'loaded', or the result or error of the slot's job. */
  settle(reply: TaskReply | 'loaded'): void;
  job?: Job;
  dead?: boolean;
  loaded: Promise<void>;
}

/**
 * A pool of `size` workers (spawned now; the shared pool below is created lazily). A worker that
 * dies fails only the task it was running; the next task starts a replacement. `entry` is the
 * worker script (tests use one that can die on request).
 * @example const pool = createPool(2); const { part } = await pool.run('peerQueryClaimed', args); await pool.close()
 */
export function createPool(size = POOL_SIZE, entry: URL = ENTRY): ComputePool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size=${size} must be an integer >= 1`);
  const queue: Job[] = [];
  let nextId = 0, closed = false, readying = 0; // readying: ready() calls waiting (idle slots stay held meanwhile)

  // Replies come on a port of their own, which pump() can also read synchronously: a caller that
  // never lets the event loop turn (a loop of queries that each finish without awaiting a worker)
  // must still see its workers become free, or later tasks would queue behind stale ones.
  const spawn = (): Slot => {
    const { port1: replies, port2 } = new MessageChannel();
    const worker = new Worker(entry, { name: 'citypeers-compute', workerData: { replies: port2 }, transferList: [port2] });
    let markLoaded!: () => void;
    // Settles on the worker's first reply ('loaded'), or when it dies first (its tasks then report the failure).
    const loaded = new Promise<void>((resolve) => { markLoaded = resolve; worker.once('exit', () => resolve()); });
    const slot: Slot = {
      worker, replies, loaded,
      settle(reply) {
        if (reply === 'loaded') return markLoaded();
        const job = slot.job;
        if (!job || job.id !== reply.id) return;
        slot.job = undefined;
        if ('error' in reply) job.reject(Object.assign(reply.error.name === 'RangeError' ? new RangeError(reply.error.message) : new Error(reply.error.message), { name: reply.error.name }));
        else job.resolve(reply.result);
      },
    };
    replies.on('message', (reply: TaskReply | 'loaded') => { slot.settle(reply); pump(); });
    release(slot);
    const fail = (err: Error) => {
      if (slot.dead) return; // 'error' is followed by 'exit'
      slot.dead = true;
      const job = slot.job;
      slot.job = undefined;
      slot.replies.close();
      job?.reject(closed ? new Error('compute pool closed') : err);
      if (!closed) pump(); // a queued task starts a replacement worker (one start per task: no restart loop)
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => { if (slot.job || !closed) fail(new Error(`compute worker exited with code ${code}`)); });
    return slot;
  };
  const slots: Slot[] = Array.from({ length: size }, spawn);

  function pump(): void {
    for (const slot of slots) { // replies that arrived but whose events have not run yet
      for (let m = slot.job && receiveMessageOnPort(slot.replies); m; m = slot.job && receiveMessageOnPort(slot.replies)) slot.settle(m.message as TaskReply);
    }
    for (let t = 0; t < slots.length; t++) {
      if (slots[t].job) continue;
      const job = queue.shift();
      if (!job) { if (!slots[t].dead && readying === 0) release(slots[t]); continue; }
      if (slots[t].dead) slots[t] = spawn();
      const slot = slots[t];
      slot.job = job;
      hold(slot);
      slot.worker.postMessage({ id: job.id, task: job.task, args: job.args });
    }
  }

  return {
    size,
    run<K extends TaskName>(task: K, args: TaskArgs<K>, signal?: AbortSignal): Promise<TaskResult<K>> {
      if (closed) return Promise.reject(new Error('compute pool closed'));
      return new Promise((resolve, reject) => {
        const job: Job = { id: nextId++, task, args, resolve: resolve as (v: unknown) => void, reject };
        queue.push(job);
        signal?.addEventListener('abort', () => {
          const at = queue.indexOf(job);
          if (at >= 0) { queue.splice(at, 1); reject(new Error('task cancelled before it started')); }
        }, { once: true });
        pump();
      });
    },
    async ready() {
      const waiting = slots.filter((s) => !s.dead);
      waiting.forEach(hold); // unref'd workers would not keep the process alive while we wait
      readying++;
      try {
        await Promise.all(waiting.map((s) => s.loaded));
      } finally {
        readying--;
        if (readying === 0) waiting.forEach((s) => { if (!s.job && !s.dead) release(s); });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('compute pool closed'));
      await Promise.all(slots.filter((s) => !s.dead).map((s) => s.worker.terminate()));
      for (const s of slots) s.replies.close();
    },
  };
}

/** Keep the process alive while a slot works (its worker and its reply port). */
function hold(slot: Slot): void {
  slot.worker.ref();
  slot.replies.ref();
}

/** Let the process exit while a slot is idle. */
function release(slot: Slot): void {
  slot.worker.unref();
  slot.replies.unref();
}

let shared: ComputePool | undefined;

/**
 * The process-wide pool of {@link POOL_SIZE} workers, created on first call (so a process that
 * never computes in parallel never starts a thread).
 * @example const { part } = await computePool().run('peerQueryClaimed', args)
 */
export function computePool(): ComputePool {
  shared ??= createPool(POOL_SIZE);
  return shared;
}

/** Terminate the shared pool (a later {@link computePool} call starts a new one). */
export async function closeComputePool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
