// Test settings sized for CI: a 2-core machine that may be busy with other work.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real-browser tests run apart: `npm run test:browser` (vitest.browser.config.ts).
    exclude: ['tests/browser/**', '**/node_modules/**'],
    // The brief (and the variants the content tests read) is built once per run, here.
    globalSetup: ['tests/support/globalSetup.ts'],
    // Each test file's temporary folders are removed when it is done.
    setupFiles: ['tests/support/cleanup.ts'],
    // One cold build takes 3–8 s on a loaded 2-core machine; a test that builds
    // a synthetic brief four times as long takes several times that. These
    // ceilings catch hangs, not slowness.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    // Two workers for two cores: more only adds contention for the same CPUs.
    pool: 'forks',
    maxWorkers: 2,
  },
});
