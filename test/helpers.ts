/** Shared fixtures: scenarios by name, with small edits, and a CLI runner. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
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
