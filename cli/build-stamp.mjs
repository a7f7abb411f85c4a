// What the compiled CLI in dist/ was built from, so that a stale build never runs silently
// behind newer sources. Plain JavaScript: cli/bin.js reads it before any TypeScript can load.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders compiled into dist/, and the files whose change changes the build. */
export const SOURCE_DIRS = ['src', 'cli'];
export const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
export const STAMP_FILE = join('dist', 'build-stamp.json');

/**
 * A digest of every source file's path, size and modification time (as make judges), cheap
 * enough to take on every start: a few milliseconds for a few hundred files.
 */
export function sourceFingerprint(root) {
  const files = [...BUILD_INPUTS];
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
    }
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    let stat;
    try {
      stat = statSync(join(root, file));
    } catch {
      continue;
    }
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** 'current', 'stale' (sources changed since the build) or 'missing' (never built). */
export function buildState(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
  } catch {
    return 'missing';
  }
  return stamp.fingerprint === sourceFingerprint(root) ? 'current' : 'stale';
}
