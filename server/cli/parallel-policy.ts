/**
 * When `citypeers analyze` runs a method on the worker pool (server/compute). The result is the
 * same either way; only the time differs. Starting the pool's two worker threads costs about
 * WORKER_START_MS once per process, so a method goes parallel only when its serial time is
 * expected to exceed that by a clear margin (thresholds from `npm run bench` figures, d = 40).
 */
import { UsageError } from './io';

export type ParallelMode = 'auto' | 'on' | 'off';

/** Methods that have a parallel path, with the work (rows, cols) above which `auto` uses it. */
const THRESHOLDS: Record<string, (rows: number, cols: number) => boolean> = {
  // One scan of rows × cols cells: ~2 ns/cell serial, ~1 ns/cell on 2 workers. Never worth a pool start for one query below this.
  neighbors: (rows, cols) => rows * cols >= 400_000_000,
  // ~30–50 Lloyd iterations of ~0.1 µs/cell each, about 40% saved on 2 workers.
  kmeans: (rows, cols) => rows * cols >= 8_000_000,
  // O(rows² · cols): 10k × 40 takes ~850 ms serial, ~40% saved on 2 workers.
  silhouette: (rows, cols) => rows * rows * cols >= 2_000_000_000,
  // The n×n fill (about half of Ward at 10k rows) splits over the workers; the merges stay serial.
  ward: (rows, cols) => rows * rows * cols >= 2_000_000_000,
};

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
 * Whether `method` should run on the worker pool for this input.
 * @example useParallel('auto', 'silhouette', 10_000, 40) // true
 */
export function useParallel(mode: ParallelMode, method: string, rows: number, cols: number): boolean {
  const large = THRESHOLDS[method];
  if (!large || mode === 'off') return false;
  return mode === 'on' || large(rows, cols);
}
