/** Options shared by the commands that make a run, parsed into checked values. */
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../src/errors.ts';
import { FORMATS, type Format } from '../src/io/format.ts';
import type { LoadedScenario } from '../src/scenario/load.ts';
import { jsonProgress, plainProgress, silent, type Progress } from '../src/pipeline/progress.ts';
import type { MethodsLayer, ResolvedMethods } from '../src/methods/load.ts';

export const DEFAULT_SCENARIO = 'scenarios/baseline.yaml';
export const MIN_SCALE = 0.01;
export const MAX_SCALE = 4;

export function addRunOptions(command: Command): Command {
  return command
    .option('--scenario <file>', 'scenario YAML', DEFAULT_SCENARIO)
    .option('--methods <file>', "methods document YAML, over the study's defaults and the scenario's methods: block (see docs/scenario.md)")
    .option('--seed <n>', 'master seed (a whole number)', '42')
    .option('--scale <s>', `size relative to England (${MIN_SCALE} to ${MAX_SCALE}; 1 = 45,943 requirements)`, '1')
    .addOption(new Option('--format <format>', 'dataset files to write').choices(FORMATS).default('both'))
    .option('--force', 'replace the output folder if it exists', false)
    .addOption(new Option('--progress <style>', 'progress on stderr').choices(['plain', 'json', 'none']).default('plain'));
}

export interface RunOptionValues {
  scenario: string;
  methods?: string;
  seed: string;
  scale: string;
  format: Format;
  force: boolean;
  progress: 'plain' | 'json' | 'none';
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new InputError(`--seed: must be a whole number from 0 to 4294967295, got "${text}"`);
  }
  return seed;
}

export function parseScale(text: string): number {
  const scale = Number(text);
  if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new InputError(`--scale: must be a number from ${MIN_SCALE} to ${MAX_SCALE}, got "${text}"`);
  }
  return scale;
}

export interface CheckedRunOptions {
  scenario: LoadedScenario;
  methods: ResolvedMethods;
  seed: number;
  scale: number;
  format: Format;
  force: boolean;
  progress: Progress;
}

/**
 * Everything is checked before any work starts, so a bad option never leaves a folder behind.
 * The scenario and methods loaders (YAML and their schemas) are imported here, not at the top, so that `--help` starts fast.
 */
export async function checkRunOptions(values: RunOptionValues): Promise<CheckedRunOptions> {
  const seed = parseSeed(values.seed);
  const scale = parseScale(values.scale);
  const { loadScenario } = await import('../src/scenario/load.ts');
  const { methodsFileLayer, resolveMethods } = await import('../src/methods/load.ts');
  const scenario = loadScenario(values.scenario);
  const layers: MethodsLayer[] = [];
  if (scenario.methods !== undefined) layers.push({ source: `${values.scenario}: methods`, doc: scenario.methods, dir: dirname(resolve(values.scenario)) });
  if (values.methods) layers.push(methodsFileLayer(values.methods));
  const methods = resolveMethods(layers);
  if (methods.document.notes.classifier === 'external' || methods.document.notes.also_run.includes('external')) {
    throw new InputError(`${layers.at(-1)?.source ?? 'methods'}: notes: the external classifier needs labels: run it with \`pathways notes --run DIR --classifier external --labels FILE\``);
  }
  const progress = values.progress === 'json' ? jsonProgress() : values.progress === 'none' ? silent : plainProgress();
  return { scenario, methods, seed, scale, format: values.format, force: values.force, progress };
}
