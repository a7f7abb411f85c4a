/** Shared fixtures: scenarios by name, with small edits, and a CLI runner. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, validateScenario, deepMerge, readScenarioDocument } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function scenario(name = 'baseline', edit: Record<string, unknown> = {}): Scenario {
  const doc = readScenarioDocument(`${ROOT}scenarios/${name}.yaml`);
  return validateScenario(deepMerge(doc, edit), `${name} (edited)`);
}

export function baseline(): Scenario {
  return loadScenario(`${ROOT}scenarios/baseline.yaml`).scenario;
}

export function cli(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', `${ROOT}cli/pathways.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

const made: string[] = [];

/**
 * A new folder in the temporary directory, removed after the test file (test/setup.ts). The
 * test run's temporary directory is its own (test/temp-dir-check.ts), so the name needs no
 * pathways- prefix, and a short path fits the UI tests' 80 columns.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
