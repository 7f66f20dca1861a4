// `npm run test:browser`: the tests that need a real browser (Debian's
// Chromium at /usr/bin/chromium, or $CHROMIUM). `.ci/run` installs it first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // Each test file's temporary folders are removed when it is done.
    setupFiles: ['tests/support/cleanup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
