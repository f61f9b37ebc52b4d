import { describe, expect, it } from 'vitest';
import { hasParallelPath, mayUseParallel, parallelMode, useParallel } from '../../server/cli/parallel-policy';

describe('analyze --parallel policy', () => {
  it('parses the mode', () => {
    expect(parallelMode(undefined)).toBe('auto');
    expect(parallelMode('off')).toBe('off');
    expect(() => parallelMode('yes')).toThrow('--parallel=yes must be auto, on or off');
  });
  it('auto uses the workers only for large inputs; on/off force it; other methods never', () => {
    expect(useParallel('auto', 'silhouette', 10_000, 40)).toBe(true);
    expect(useParallel('auto', 'silhouette', 5_000, 40)).toBe(false);
    expect(useParallel('auto', 'kmeans', 100_000, 40)).toBe(true);
    expect(useParallel('auto', 'kmeans', 20_000, 40)).toBe(false);
    expect(useParallel('auto', 'ward', 16_000, 40)).toBe(true);
    expect(useParallel('auto', 'neighbors', 100_000, 40)).toBe(false);
    expect(useParallel('on', 'neighbors', 3, 1)).toBe(true);
    expect(useParallel('off', 'ward', 30_000, 40)).toBe(false);
    expect(useParallel('on', 'pca', 100_000, 40)).toBe(false);
    expect(hasParallelPath('zscore')).toBe(false);
  });
  it('starts the pool before parsing only when it may be used', () => {
    expect(mayUseParallel('auto', 'kmeans', 35_000_000)).toBe(true);
    expect(mayUseParallel('auto', 'kmeans', 100_000)).toBe(false);
    expect(mayUseParallel('auto', 'neighbors', 35_000_000)).toBe(false);
    expect(mayUseParallel('on', 'neighbors', 10)).toBe(true);
    expect(mayUseParallel('off', 'ward', 35_000_000)).toBe(false);
  });
});
