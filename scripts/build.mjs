// `npm run build` (and npm ci's prepare step): compile src/ and cli/ to JavaScript in dist/,
// so that `pathways` starts without a TypeScript loader. The build goes to a temporary folder
// that replaces dist/ only once it is complete, stamped with the sources it was made from.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_DIRS, sourceFingerprint } from '../cli/build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const temp = join(root, `.dist.partial-${process.pid}`);
// Taken before compiling: a source saved during the build leaves the stamp stale, not the build.
const fingerprint = sourceFingerprint(root);
const started = performance.now();

// In npm ci's prepare step a failed build must not fail the install: cli/bin.js then runs the
// sources under tsx (a runtime dependency) and says so. `npm run build` itself fails loudly.
const inPrepare = process.env.npm_lifecycle_event === 'prepare';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('pathways: typescript is not installed (npm ci --omit=dev?), so no build; `pathways` runs the sources under tsx');
  process.exit(inPrepare ? 0 : 1);
}

rmSync(temp, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', temp], { stdio: 'inherit', cwd: root });
  // Data files read at run time beside the module that reads them (settings, reference figures).
  let copied = 0;
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ya?ml|json)$/.test(entry.name)) continue;
      const from = join(entry.parentPath ?? entry.path, entry.name);
      const to = join(temp, relative(root, from));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to);
      copied++;
    }
  }
  writeFileSync(join(temp, 'build-stamp.json'), `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() })}\n`);
  rmSync(dist, { recursive: true, force: true });
  renameSync(temp, dist);
  console.error(`pathways: built dist/ (${copied} data files copied) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  rmSync(temp, { recursive: true, force: true });
  console.error(`pathways: build failed${existsSync(dist) ? '; dist/ was left as it was' : ''}, so \`pathways\` runs the sources under tsx until \`npm run build\` succeeds`);
  if (!inPrepare) throw error;
}
