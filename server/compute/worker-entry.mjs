// Entry of a compute worker thread. Registers tsx first, so the TypeScript worker loads the same way
// whether the parent runs under `tsx`, plain `node` (server/cli/citypeers.js) or vitest.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
