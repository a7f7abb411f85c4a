/**
 * Checks on an output path before any work starts: no output replaces one of the command's own
 * inputs (not even with --force), and none replaces an existing file or folder unless asked.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../errors.ts';

/** The path as the file system resolves it (symlinks followed) where it exists. */
function canonical(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    // Not there yet: resolve its folder, so `dir/../x.csv` and a symlinked folder still compare.
    try {
      return resolve(realpathSync(dirname(full)), full.slice(dirname(full).length + 1));
    } catch {
      return full;
    }
  }
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

export interface OutputCheck {
  /** The option that names the output, for the message (`--out`). */
  option: string;
  /** Replace an existing output (never an input). */
  force?: boolean;
  /** The command's inputs, by option name; undefined entries are options not given. */
  inputs?: Record<string, string | undefined>;
  /** 'file' (replaced by a file) or 'folder' (replaced by a folder). */
  kind: 'file' | 'folder';
}

/** Refuses an output that is (or, for a folder, holds) an input, or that exists without --force. */
export function checkOutput(path: string, check: OutputCheck): void {
  const out = canonical(path);
  for (const [option, input] of Object.entries(check.inputs ?? {})) {
    if (input === undefined) continue;
    const inp = canonical(input);
    if (out === inp || (check.kind === 'folder' && within(inp, out))) {
      throw new InputError(`${check.option} ${path}: would replace the input ${option} ${input}; choose another path`);
    }
  }
  if (!existsSync(path)) {
    const parent = dirname(resolve(path));
    if (check.kind === 'file' && !existsSync(parent)) throw new InputError(`${check.option} ${path}: folder ${parent} does not exist`);
    return;
  }
  const isFolder = statSync(path).isDirectory();
  if (check.kind === 'file' && isFolder) throw new InputError(`${check.option} ${path}: is a folder, expected a file name`);
  if (check.kind === 'folder' && !isFolder) throw new InputError(`${check.option} ${path}: exists and is not a folder`);
  if (!check.force) throw new InputError(`${check.option} ${path}: already exists (use --force to replace it)`);
}
