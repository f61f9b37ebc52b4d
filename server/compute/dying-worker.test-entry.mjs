// A compute worker for tests: the same as worker-entry.mjs, except that a peerQueryClaimed task with
// `query` = -1 kills the thread mid-task (process.exit(3)) instead of running.
import { register } from 'tsx/esm/api';

register();
const { TASKS } = await import('./tasks.ts');
const run = TASKS.peerQueryClaimed;
TASKS.peerQueryClaimed = (args) => (args.query === -1 ? process.exit(3) : run(args));
await import('./worker.ts');
