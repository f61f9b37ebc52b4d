import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['analytics/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts', 'seeds/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/setup/fast-check.ts'],
  },
});
