import { defineConfig } from 'vitest/config';

// Two projects: fast unit/snapshot tests, and end-to-end tests that install generated
// projects from the registry (minutes, not seconds). `pnpm test` runs both.
export default defineConfig({
  test: {
    // yeoman-test calls process.chdir, which worker threads do not allow.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // Unit tests first, then e2e: each group keeps its own worker count.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The files share no state (each its own folders, registry port and yo prefix) and wait
          // mostly on installs: three at a time on CI's 2 cores (vitest's default there is one).
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
          testTimeout: 20 * 60_000,
          hookTimeout: 20 * 60_000,
        },
      },
    ],
  },
});
