/**
 * Run folders are written atomically: everything goes into a hidden staging folder beside the
 * target and is renamed into place only when complete. A crash, a thrown error or Ctrl-C
 * removes the staging folder, so no folder that looks complete is ever left half-written.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.ts';

export interface Staging {
  /** Where to write now. */
  dir: string;
  /** Where it will be once committed. */
  target: string;
  commit(): void;
  abandon(): void;
}

const live = new Set<string>();
let handlersInstalled = false;

/** Remove every staging folder and temporary file not yet committed (on 'exit'). */
function removeUnfinishedOutputs(): void {
  // One that cannot be removed must not stop the others being removed.
  for (const path of live) {
    try {
      removeUnfinished(path);
    } catch (error) {
      process.stderr.write(`pathways: could not remove unfinished output ${path}: ${(error as Error).message}\n`);
    }
  }
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Signals are the CLI's to handle; a library must not own them.
  process.on('exit', removeUnfinishedOutputs);
}

/**
 * Remove a staging folder (or temporary file) that other threads may still be writing into.
 * On Ctrl-C the process exits with the contact-notes worker, DuckDB's threads and libuv's
 * file-system threads still running, and any of them can create a file (an append-mode
 * `open`, a queued `createWriteStream`, a Parquet file) in a folder while `rmSync` is walking
 * it. `rmSync` lists a folder's children once and then only retries the folder's own `rmdir`
 * (its maxRetries do not list the children again), so a file created after the listing made
 * it fail with ENOTEMPTY and left the staging folder behind.
 *
 * So it is first renamed away: writers open files by their path under the staging name, which
 * then no longer exists (no writer creates folders: they are made on the main thread before any
 * writer starts), so no new file can appear in it and only an `open` already under way can
 * still land. Removing again until it is gone collects those.
 */
function removeUnfinished(path: string): void {
  let doomed = `${path}.removing`;
  try {
    renameSync(path, doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    doomed = path;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(doomed, { recursive: true, force: true });
      return;
    } catch (error) {
      if (attempt === 10) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 * attempt);
    }
  }
}

export function stageRunFolder(target: string, options: { force?: boolean } = {}): Staging {
  const full = resolve(target);
  if (existsSync(full)) {
    if (!statSync(full).isDirectory()) throw new InputError(`--out ${target}: exists and is not a folder`);
    if (!options.force) throw new InputError(`--out ${target}: already exists (use --force to replace it)`);
  }
  const parent = dirname(full);
  mkdirSync(parent, { recursive: true });
  const dir = join(parent, `.${basename(full)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  installHandlers();
  live.add(dir);
  return {
    dir,
    target: full,
    commit() {
      if (existsSync(full)) {
        const trash = `${dir}.old`;
        renameSync(full, trash);
        renameSync(dir, full);
        rmSync(trash, { recursive: true, force: true });
      } else {
        renameSync(dir, full);
      }
      live.delete(dir);
    },
    abandon() {
      // The contact-notes worker may still be writing into it (when the main thread failed first).
      removeUnfinished(dir);
      live.delete(dir);
    },
  };
}

/** Write one file inside an existing run folder atomically (temp name, then rename). */
export function atomicFilePath(path: string): { temp: string; commit(): void; abandon(): void } {
  const temp = `${path}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  installHandlers();
  live.add(temp);
  return {
    temp,
    commit() {
      renameSync(temp, path);
      live.delete(temp);
    },
    abandon() {
      rmSync(temp, { force: true, recursive: true });
      live.delete(temp);
    },
  };
}
