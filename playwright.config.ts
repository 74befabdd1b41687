import { defineConfig } from '@playwright/test';

// Extensions need a persistent context each, and the machine has two cores: one worker.
export default defineConfig({
  testDir: 'tests/e2e',
  // A benchmark, not a test: it writes BENCHMARKS.md and runs only through `npm run bench:ui`.
  testIgnore: process.env.SIDECAR_BENCH === 'ui' ? [] : ['**/ui-bench.spec.ts'],
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
