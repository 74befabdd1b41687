import { defineConfig } from 'vitest/config';

/**
 * The Firefox smoke test (npm run test:firefox): the built add-on in a real Firefox, so apart from
 * the unit tests, after `npm run build:firefox`. One browser at a time on a busy host.
 */
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
