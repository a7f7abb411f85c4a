import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Generation and end-to-end tests run real pipelines; give them room without hiding hangs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each test file's tempDir folders are removed when it ends; the run fails if any folder is left.
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/temp-dir-check.ts'],
    // CI reads no vitest summary: .ci/run prints a plain count line from this JSON report.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.vitest-results.json' } : undefined,
  },
});
