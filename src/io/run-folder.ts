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

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const cleanAll = () => {
    // Retries: a worker thread may still be closing a file inside the folder as we remove it.
    for (const dir of live) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    live.clear();
  };
  // Signals are the CLI's to handle (it exits, which lands here); a library must not own them.
  process.on('exit', cleanAll);
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
      rmSync(dir, { recursive: true, force: true });
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
