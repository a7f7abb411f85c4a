#!/usr/bin/env -S node --max-semi-space-size=64
// The published binary. It runs the compiled CLI in dist/ (made by `npm run build`, which npm ci
// runs as its prepare step) when that was built from the sources as they are now; otherwise it
// says so and runs the TypeScript sources under tsx, so an old build never runs behind new code.
// A run allocates millions of short-lived strings; a larger young generation (the shebang's
// flag) lets most of them die there instead of being promoted and marked again and again.
import { fileURLToPath } from 'node:url';
import { buildState } from './build-stamp.mjs';

// A reader that stops early (`pathways --help | head -1`) closes the pipe: that ends the output,
// and is no error to print a stack trace for.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const root = fileURLToPath(new URL('..', import.meta.url));
const state = buildState(root);
if (state === 'current') {
  await import('../dist/cli/pathways.js');
} else {
  process.stderr.write(
    state === 'stale'
      ? 'pathways: dist/ is older than the sources; running them under tsx (`npm run build` restores the fast start)\n'
      : 'pathways: no build in dist/; running the sources under tsx (`npm run build` gives a faster start)\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('./pathways.ts');
}
