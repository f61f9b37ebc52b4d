#!/usr/bin/env node
// Runs the TypeScript command line through tsx's ESM loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2));
