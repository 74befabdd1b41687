import { defineConfig } from '@playwright/test';

// Extensions need a persistent context each, and the machine has two cores: one worker.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
