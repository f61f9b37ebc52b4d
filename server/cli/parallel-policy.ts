/**
 * When `citypeers analyze` runs a method on the worker pool (server/compute). The result is the
 * same either way; only the time differs. Starting the pool's two worker threads costs ~300 ms
 * (CLI on a 3-row file, `--parallel on` vs `off`); for big files it starts while the CSV is
 * parsed. `auto` goes parallel where whole CLI runs measured faster (40 columns, 3 % missing, 2 cores).
 */
import { UsageError } from './io';

export type ParallelMode = 'auto' | 'on' | 'off';

/** Methods that have a parallel path, with the work (rows, cols) above which `auto` uses it. */
const THRESHOLDS: Record<string, (rows: number, cols: number) => boolean> = {
  // One scan: ~6 ms serial at 100k × 40, ~3 ms saved; a pool start never pays for one query at CSV sizes.
  neighbors: (rows, cols) => rows * cols >= 400_000_000,
  // ~4 ms saved per Lloyd iteration at 100k × 40: whole CLI run 3.5 → 2.8 s; 20k × 40 loses ~0.3 s.
  kmeans: (rows, cols) => rows * cols >= 2_000_000,
  // O(rows² · cols): 10k × 40 whole CLI run 1.5 → 1.1 s; 5k × 40 loses ~0.2 s.
  silhouette: (rows, cols) => rows * rows * cols >= 3_000_000_000,
  // Only the n×n fill splits (~1.2 s of ~2 s at 10k × 40); the merges stay serial: 10k × 40 breaks even.
  ward: (rows, cols) => rows * rows * cols >= 8_000_000_000,
};

/** Files from this size on start the pool before parsing (the parse hides most of its start-up). */
const PRESTART_BYTES = 2 * 1024 * 1024;

/** Whether `method` has a parallel path (and so a `--parallel` option). @example hasParallelPath('ward') // true */
export function hasParallelPath(method: string): boolean {
  return method in THRESHOLDS;
}

export const PARALLEL_OPTION = '  --parallel MODE    auto (default: workers for large inputs), on or off; the output is the same';

/** Parse `--parallel`. @example parallelMode(undefined) // 'auto' */
export function parallelMode(raw: string | boolean | undefined): ParallelMode {
  if (raw === undefined) return 'auto';
  if (raw === 'auto' || raw === 'on' || raw === 'off') return raw;
  throw new UsageError(`--parallel=${String(raw)} must be auto, on or off`);
}

/**
 * Whether to start the worker pool before parsing an input of `bytes` (it may be used after).
 * @example mayUseParallel('auto', 'kmeans', 35e6) // true
 */
export function mayUseParallel(mode: ParallelMode, method: string, bytes: number): boolean {
  if (!hasParallelPath(method) || mode === 'off') return false;
  return mode === 'on' || (method !== 'neighbors' && bytes >= PRESTART_BYTES);
}

/**
 * Whether `method` should run on the worker pool for this input.
 * @example useParallel('auto', 'silhouette', 10_000, 40) // true
 */
export function useParallel(mode: ParallelMode, method: string, rows: number, cols: number): boolean {
  const large = THRESHOLDS[method];
  if (!large || mode === 'off') return false;
  return mode === 'on' || large(rows, cols);
}
