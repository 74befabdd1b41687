import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['utils/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    // Fixture pages link their stylesheets; happy-dom loads none and, unless told, logs each as an error.
    environmentOptions: { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } } },
    // Tests that start a server (seeding, key generation) run long on a busy 2-core host; a timeout is no assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
