/** Where the UI finds scenarios, run folders and the CLI it runs as a child process. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/io/package-root.ts';

export const REPO_ROOT = packageRoot();
/** The child runs what this process runs: the compiled CLI in dist/, or the sources under tsx. */
const COMPILED = import.meta.url.endsWith('.js');
export const CLI_ENTRY = fileURLToPath(new URL(COMPILED ? '../pathways.js' : '../pathways.ts', import.meta.url));
export const CLI_NODE_ARGS: string[] = COMPILED ? [] : ['--import', 'tsx'];

export interface ScenarioFile {
  name: string;
  path: string;
}

/** scenarios/*.yaml of the working folder, else of the repository. */
export function listScenarios(dir?: string): ScenarioFile[] {
  const candidates = dir ? [resolve(dir)] : [resolve('scenarios'), join(REPO_ROOT, 'scenarios')];
  const found = candidates.find((d) => existsSync(d));
  if (!found) return [];
  return readdirSync(found)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort((a, b) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b)))
    .map((f) => ({ name: f.replace(/\.ya?ml$/, ''), path: join(found, f) }));
}

export interface RunFolder {
  name: string;
  dir: string;
  modified: number;
}

/** Finished run folders (they hold results.json), newest first; staging folders are hidden. */
export function listRuns(runsDir: string): RunFolder[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => join(runsDir, name))
    .filter((dir) => existsSync(join(dir, 'results.json')))
    .map((dir) => ({ name: basename(dir), dir, modified: statSync(join(dir, 'results.json')).mtimeMs }))
    .sort((a, b) => b.modified - a.modified);
}

/** A new folder for a UI run: `ui-<scenario>-<seed>-<scale>`, or with -2, -3, ... when taken (a UI run never replaces one). */
export function uiRunDir(runsDir: string, scenario: string, seed: number, scale: number): string {
  const base = join(runsDir, `ui-${scenario}-${seed}-${scale}`);
  let dir = base;
  for (let n = 2; existsSync(dir) || stagingFolders(dir).length > 0; n++) dir = `${base}-${n}`;
  return dir;
}

/** Staging folders the run command leaves while it writes (`.NAME.partial-PID-HEX`). */
export function stagingFolders(out: string, pid?: number): string[] {
  const parent = resolve(out, '..');
  if (!existsSync(parent)) return [];
  const prefix = `.${basename(out)}.partial-${pid === undefined ? '' : `${pid}-`}`;
  return readdirSync(parent)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(parent, name));
}
