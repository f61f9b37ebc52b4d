/**
 * Body of a compute worker thread: runs one task at a time from the pool ({@link TASKS}) and
 * answers `{ id, result }` or `{ id, error }` on the reply port the pool gave it (`workerData.replies`,
 * which the pool can also read synchronously); says 'loaded' there once at start. Matrices arrive in
 * SharedArrayBuffers (no copy).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

export interface TaskRequest { id: number; task: TaskName; args: unknown }
export type TaskReply = { id: number; result: unknown } | { id: number; error: { name: string; message: string } };

/**
 * Shared buffers a task received stay alive until this isolate collects its garbage, and an idle
 * worker never does: hundreds of MB (Ward's n×n matrix) held here slow every large allocation in
 * the main thread. So after a task that received a large shared buffer, collect at once.
 */
const LARGE_SHARED_BYTES = 64 * 1024 * 1024;
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Whether a task's top-level arguments include a large shared array. */
function holdsLargeSharedBuffer(args: unknown): boolean {
  return typeof args === 'object' && args !== null && Object.values(args).some((v) => ArrayBuffer.isView(v) && v.buffer instanceof SharedArrayBuffer && v.byteLength >= LARGE_SHARED_BYTES);
}

const port = parentPort;
if (!port) throw new Error('server/compute/worker.ts must run in a worker thread');
const { replies } = workerData as { replies: MessagePort }; // from the pool: replies go there, not to parentPort
port.on('message', ({ id, task, args }: TaskRequest) => {
  let reply: TaskReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = (TASKS[task] as (a: unknown) => unknown)(args);
    // A private typed array (e.g. partial sums) moves back without a copy.
    if (ArrayBuffer.isView(result) && result.buffer instanceof ArrayBuffer) transfer = [result.buffer];
    reply = { id, result };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id, error: { name: err.name, message: err.message } };
  }
  replies.postMessage(reply, transfer);
  if (holdsLargeSharedBuffer(args)) setImmediate(collectGarbage); // after this handler, once nothing here refers to args
});
replies.postMessage('loaded');
