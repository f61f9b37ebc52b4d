/**
 * Body of a compute worker thread: runs one task at a time from the pool ({@link TASKS}) and
 * answers `{ id, result }` or `{ id, error }`; says 'loaded' once at start. Matrices arrive in
 * SharedArrayBuffers (no copy).
 */
import { parentPort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

export interface TaskRequest { id: number; task: TaskName; args: unknown }
export type TaskReply = { id: number; result: unknown } | { id: number; error: { name: string; message: string } };

const port = parentPort;
if (!port) throw new Error('server/compute/worker.ts must run in a worker thread');
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
  port.postMessage(reply, transfer);
});
port.postMessage('loaded');
