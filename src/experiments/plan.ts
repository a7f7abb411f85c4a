/**
 * A sweep's plan (Morris, White and Crowther 2019: aims, data-generating mechanisms, estimands,
 * methods, performance measures) as data, and its grid resolved and checked before any work:
 * every knob path must be a key of the scenario (world or noise) or, under `methods.`, of the
 * methods document, and every grid point must validate. Small exported functions so other
 * harnesses (`check`) can resolve knobs the same way.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.ts';
import { deepMerge, isPlainObject, readYamlFile, validateDocument, hashDocument } from '../io/document.ts';
import { readScenarioDocument, validateScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { methodsFileLayer, resolveMethods, type MethodsLayer, type ResolvedMethods } from '../methods/load.ts';

export const MEASURES = ['bias', 'relative_bias', 'empirical_se', 'rmse', 'coverage'] as const;
export type Measure = (typeof MEASURES)[number];

const scalarKnob = z.union([z.number(), z.string(), z.boolean()]);
// A mapping sets several keys under the knob's path at once (every date-of-birth error rate of
// one system, say): it is laid over the documents like a scalar, and written as compact JSON.
const knobValue = z.union([scalarKnob, z.record(z.string(), z.unknown())]);
export type KnobValue = z.infer<typeof knobValue>;

/** A knob value as results.csv and summary.csv write it: a scalar as itself, a mapping as JSON. */
export function knobText(value: KnobValue | undefined): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export const planSchema = z.strictObject({
  name: z.string().min(1).describe('the sweep'),
  aims: z.string().min(1).describe('what the sweep is to find out, in a sentence or two'),
  scenario: z.string().min(1).default('scenarios/baseline.yaml').describe('the scenario every grid point starts from (relative to the plan)'),
  methods: z.string().min(1).optional().describe('a methods document laid over the study defaults (relative to the plan)'),
  replicates: z.number().int().min(1).max(100_000).default(20).describe('replicates per grid point'),
  scale: z.number().min(0.01).max(4).default(0.1).describe('scale of every world'),
  seed: z.number().int().min(0).default(1).describe('replicate r uses seed + r at every grid point (common random numbers)'),
  common_random_numbers: z
    .boolean()
    .default(true)
    .describe('false: each grid point draws its own seeds (point p, replicate r: seed + p x replicates + r) and makes its own worlds, to measure what common random numbers save'),
  grid: z.record(z.string().min(1), z.array(knobValue).min(1)).default({}).describe('knob path -> values; several knobs make a full grid'),
  estimands: z.array(z.string().min(1)).optional().describe('estimate ids to keep (a trailing * matches a prefix); default all'),
  measures: z.array(z.enum(MEASURES)).min(1).default([...MEASURES]).describe('performance measures in summary.csv'),
});
export type Plan = z.infer<typeof planSchema>;

/** A knob under `methods.` is method-only: the world of a replicate is shared across its values. */
export function isMethodKnob(path: string): boolean {
  return path === 'methods' || path.startsWith('methods.');
}

/** `PATH=v1,v2,...` from the command line; values read as YAML scalars (numbers stay numbers). */
export function parseVary(text: string): [string, KnobValue[]] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new InputError(`--vary ${text}: expected PATH=v1,v2,...`);
  const path = text.slice(0, eq).trim();
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim());
  if (values.some((v) => v === '')) throw new InputError(`--vary ${text}: an empty value`);
  return [path, values.map((v) => scalarKnob.parse(parseYaml(v) ?? v))];
}

/** The nested object that sets one dotted path. */
export function setting(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function has(doc: unknown, path: string): boolean {
  let at = doc;
  for (const key of path.split('.')) {
    if (!isPlainObject(at) || !(key in at)) return false;
    at = at[key];
  }
  return true;
}

export type GridPoint = Record<string, KnobValue>;

/** Every combination of the grid's values, the first knob varying slowest; one empty point for an empty grid. */
export function gridPoints(grid: Record<string, KnobValue[]>): GridPoint[] {
  return Object.entries(grid).reduce<GridPoint[]>((points, [path, values]) => points.flatMap((p) => values.map((v) => ({ ...p, [path]: v }))), [{}]);
}

/** What a sweep needs to start: the base documents, read once. */
export interface SweepBase {
  scenarioPath: string;
  /** The scenario document without its `methods:` block, extends resolved. */
  scenarioDoc: Record<string, unknown>;
  /** The scenario's methods block and the plan's methods file, as layers. */
  methodLayers: MethodsLayer[];
}

export function readSweepBase(plan: Plan, planDir: string): SweepBase {
  const scenarioPath = isAbsolute(plan.scenario) ? plan.scenario : resolve(planDir, plan.scenario);
  const doc = readScenarioDocument(scenarioPath);
  if (!isPlainObject(doc)) throw new InputError(`${scenarioPath}: a scenario must be a YAML mapping`);
  const { methods, ...world } = doc;
  const methodLayers: MethodsLayer[] = [];
  if (methods !== undefined) methodLayers.push({ source: `${scenarioPath}: methods`, doc: methods, dir: dirname(scenarioPath) });
  if (plan.methods !== undefined) methodLayers.push(methodsFileLayer(isAbsolute(plan.methods) ? plan.methods : resolve(planDir, plan.methods)));
  return { scenarioPath, scenarioDoc: world, methodLayers };
}

/** One grid point's scenario and methods, validated; an error names the knob and the value. */
export interface ResolvedPoint {
  point: GridPoint;
  scenario: Scenario;
  methods: ResolvedMethods;
  /** Hash of the scenario alone: points that share it share their worlds. */
  worldKey: string;
}

export function resolvePoint(base: SweepBase, point: GridPoint): ResolvedPoint {
  let scenarioDoc: unknown = base.scenarioDoc;
  const where = (path: string, value: KnobValue): string => `knob ${path}=${JSON.stringify(value)}`;
  const layers: MethodsLayer[] = [...base.methodLayers];
  const worldKnobs: string[] = [];
  for (const [path, value] of Object.entries(point)) {
    if (isMethodKnob(path)) layers.push({ source: where(path, value), doc: setting(path.slice('methods.'.length), value) });
    else {
      scenarioDoc = deepMerge(scenarioDoc, setting(path, value));
      worldKnobs.push(where(path, value));
    }
  }
  const scenario = validateScenario(scenarioDoc, `${base.scenarioPath} with ${worldKnobs.join(', ') || 'no world knob'}`);
  const methods = resolveMethods(layers);
  return { point, scenario, methods, worldKey: hashDocument(scenario) };
}

/**
 * Checks a plan's grid before any work: no empty grid value list (zod), each path a key the
 * documents have (or that their strict schemas accept), each point valid. All points resolved.
 */
export function resolveGrid(plan: Plan, base: SweepBase): ResolvedPoint[] {
  // Keys the scenario's schema fills in with defaults count as keys too.
  const resolved = validateScenario(base.scenarioDoc, base.scenarioPath);
  for (const [path, values] of Object.entries(plan.grid)) {
    if (values.length === 0) throw new InputError(`grid ${path}: no values (an empty grid)`);
    if (!isMethodKnob(path) && !has(base.scenarioDoc, path) && !has(resolved, path)) throw new InputError(`grid ${path}: not a key of the scenario ${base.scenarioPath}`);
  }
  return gridPoints(plan.grid).map((p) => resolvePoint(base, p));
}

/** A plan file, validated; `--vary`, `--replicates`, `--scale` laid over it. */
export function readPlan(path: string | undefined, overrides: { vary?: string[]; replicates?: number; scale?: number; name?: string; commonRandomNumbers?: boolean }): { plan: Plan; dir: string } {
  const doc = path === undefined ? { name: overrides.name ?? 'sweep', aims: 'inline --vary sweep' } : readYamlFile(path, 'plan');
  if (!isPlainObject(doc)) throw new InputError(`${path}: a plan must be a YAML mapping`);
  const plan = validateDocument(planSchema, doc, path ?? 'the command line');
  for (const text of overrides.vary ?? []) {
    const [knob, values] = parseVary(text);
    plan.grid = { ...plan.grid, [knob]: values };
  }
  if (overrides.replicates !== undefined) plan.replicates = overrides.replicates;
  if (overrides.scale !== undefined) plan.scale = overrides.scale;
  if (overrides.commonRandomNumbers !== undefined) plan.common_random_numbers = overrides.commonRandomNumbers;
  const checked = validateDocument(planSchema, plan, path === undefined ? 'the command line' : `${path} with the command line`);
  return { plan: checked, dir: path === undefined ? process.cwd() : dirname(resolve(path)) };
}
