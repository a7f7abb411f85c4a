import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `import ... from 'pathways-bench'` in a test (and in examples/) resolves as Node's
// self-reference does, through package.json `exports`, but to each entry's `source` condition
// (the TypeScript) rather than to dist/, so the tests need no build. Read from package.json,
// so an entry added there is one here.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  name: string;
  exports: Record<string, string | { source?: string }>;
};
const selfReference = Object.entries(pkg.exports)
  .filter((entry): entry is [string, { source: string }] => typeof entry[1] === 'object' && typeof entry[1].source === 'string')
  // Longest first: 'pathways-bench/arbitraries' before 'pathways-bench'.
  .sort(([a], [b]) => b.length - a.length)
  .map(([key, target]) => ({
    find: new RegExp(`^${(pkg.name + key.slice(1)).replace(/[/-]/g, '\\$&')}$`),
    replacement: fileURLToPath(new URL(target.source, import.meta.url)),
  }));

export default defineConfig({
  resolve: { alias: selfReference },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'examples/**/*.test.ts'],
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
