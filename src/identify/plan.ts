/**
 * An identify plan as data: the scenario knobs to draw with their prior ranges, the published
 * figures to match with their tolerances, further quantities to record, the budget. Checked
 * whole before any work, with the sweeps' knob resolution: each knob a key of the scenario
 * (or, under `methods.`, of the methods document), both ends of its prior valid there, each
 * figure one the study published.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { isPlainObject, readYamlFile, validateDocument } from '../io/document.ts';
import { loadTargets } from '../evaluate/targets.ts';
import { tolerance as calibrationTolerance } from '../report/calibration.ts';
import { readSweepBase, resolveGrid, type KnobValue, type Plan as SweepPlan, type SweepBase } from '../experiments/plan.ts';
import type { AnyStage } from '../pipeline/stage.ts';
import type { Acceptance, FigureTarget, Prior } from './abc.ts';
import { stageOfFigure, stagesFor } from './stages.ts';

const figureSchema = z.strictObject({
  id: z.string().min(1).describe('a published figure id (src/evaluate/reference/targets.json)'),
  group: z.string().min(1).default('all').describe('its group: all, ATR, DRR, ...'),
  tolerance: z.number().min(0).optional().describe("how far recovered may be from published and still match, in the figure's unit (counts at scale 1); default calibrate's: 2 points for %, 5% for counts"),
});

const quantitySchema = z.strictObject({
  id: z.string().min(1).describe('an estimate id a stage gives (published or not), e.g. linkage.recall'),
  group: z.string().min(1).default('all'),
});

const knobValue = z.union([z.number(), z.string(), z.boolean()]);

export const identifyPlanSchema = z.strictObject({
  name: z.string().min(1).describe('the plan'),
  aims: z.string().min(1).describe('which truths the plan asks about, in a sentence or two'),
  scenario: z.string().min(1).default('scenarios/baseline.yaml').describe('the scenario every draw starts from (relative to the plan)'),
  methods: z.string().min(1).optional().describe('a methods document laid over the study defaults (relative to the plan)'),
  scale: z.number().min(0.01).max(4).default(0.02).describe('scale of every world'),
  seed: z.number().int().min(0).default(1).describe('draw i uses world seed + i; its knobs come from the seed and i alone'),
  budget: z.number().int().min(1).max(1_000_000).default(200).describe('draws (worlds) to run'),
  priors: z
    .record(z.string().min(1), z.tuple([z.number(), z.number()]))
    .refine((p) => Object.keys(p).length > 0, 'at least one knob')
    .describe('knob path -> [low, high], drawn uniformly'),
  fixed: z.record(z.string().min(1), knobValue).default({}).describe('knob path -> one value held in every draw'),
  figures: z.array(figureSchema).min(1).describe('published figures to match'),
  quantities: z.array(quantitySchema).default([]).describe('further estimates whose values and truths each draw records'),
  accept: z
    .union([z.literal('within_tolerance'), z.strictObject({ closest: z.number().gt(0).max(1) })])
    .default('within_tolerance')
    .describe('within_tolerance: every figure within its tolerance; { closest: s }: the share s of draws nearest'),
  level: z.number().gt(0).lt(1).default(0.9).describe('the posterior interval reported'),
});
export type IdentifyPlan = z.infer<typeof identifyPlanSchema>;

/** A figure with its published value and tolerance at the plan's scale. */
export interface ResolvedFigure extends FigureTarget {
  unit: string;
  description: string;
}

export interface ResolvedPlan {
  plan: IdentifyPlan;
  path: string;
  base: SweepBase;
  priors: Prior[];
  figures: ResolvedFigure[];
  quantities: { id: string; group: string }[];
  /** The stages a draw runs: those giving its figures and quantities, and what they rest on. */
  stages: AnyStage[];
  acceptance: Acceptance;
}

/** The sweep's base reader and grid check want a sweep plan; only these fields are read. */
function asSweepPlan(plan: IdentifyPlan, grid: Record<string, KnobValue[]>): SweepPlan {
  return { scenario: plan.scenario, methods: plan.methods, grid } as SweepPlan;
}

function resolveFigure(f: z.infer<typeof figureSchema>, scale: number, where: string): ResolvedFigure {
  const target = loadTargets().find((t) => t.id === f.id && t.group === f.group);
  if (!target) {
    const groups = loadTargets().filter((t) => t.id === f.id).map((t) => t.group);
    throw new InputError(`${where}: figure ${f.id} (${f.group}) is not a published figure${groups.length > 0 ? ` (its groups: ${groups.join(', ')})` : ' in the targets'}`);
  }
  if (typeof target.value !== 'number') throw new InputError(`${where}: figure ${f.id} (${f.group}) was published as a range (${target.value}), not one value to match`);
  if (stageOfFigure(f.id) === null) throw new InputError(`${where}: figure ${f.id}: no method stage gives it`);
  const count = target.unit === 'count';
  const published = count ? target.value * scale : target.value;
  const tolerance = f.tolerance === undefined ? calibrationTolerance(target.unit as never, published) : count ? f.tolerance * scale : f.tolerance;
  return { id: f.id, group: f.group, published, tolerance, unit: target.unit, description: target.description };
}

/** Reads and checks a plan; `budget` replaces the plan's. Throws one InputError line on the first problem. */
export function readIdentifyPlan(path: string, overrides: { budget?: number } = {}): ResolvedPlan {
  const doc = readYamlFile(path, 'plan');
  if (!isPlainObject(doc)) throw new InputError(`${path}: an identify plan must be a YAML mapping`);
  const plan = validateDocument(identifyPlanSchema, doc, path);
  if (overrides.budget !== undefined) plan.budget = overrides.budget;
  const dir = dirname(resolve(path));
  const base = readSweepBase(asSweepPlan(plan, {}), dir);
  const twice = Object.keys(plan.priors).find((k) => k in plan.fixed);
  if (twice) throw new InputError(`${path}: knob ${twice} is both in priors and in fixed`);
  // The sweeps' grid check refuses a knob the documents do not have ("grid KNOB: ..."); any
  // other refusal is of the value. Each prior's two ends are checked (the valid ranges are
  // intervals, so the whole prior is) with the fixed knobs set.
  const check = (knob: string, value: KnobValue, what: string): void => {
    try {
      resolveGrid(asSweepPlan(plan, { ...Object.fromEntries(Object.entries(plan.fixed).map(([k, v]) => [k, [v]])), [knob]: [value] }), base);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (error.message.startsWith('grid ')) throw new InputError(`${path}: ${error.message.replace(/^grid /, 'knob ')}`);
      throw new InputError(`${path}: ${what} (${error.message.replace(/^.*?: /, '')})`);
    }
  };
  for (const [knob, value] of Object.entries(plan.fixed)) check(knob, value, `fixed ${knob}=${JSON.stringify(value)} is not a valid value`);
  const priors: Prior[] = [];
  for (const [knob, [low, high]] of Object.entries(plan.priors)) {
    if (!(low < high)) throw new InputError(`${path}: prior ${knob} [${low}, ${high}]: low must be below high`);
    for (const end of [low, high]) check(knob, end, `prior ${knob} [${low}, ${high}] is outside the knob's valid range`);
    priors.push({ knob, low, high });
  }
  const figures = plan.figures.map((f) => resolveFigure(f, plan.scale, path));
  const seen = new Set<string>();
  for (const f of figures) {
    const key = `${f.id} (${f.group})`;
    if (seen.has(key)) throw new InputError(`${path}: figure ${key} is listed twice`);
    seen.add(key);
  }
  for (const q of plan.quantities) if (stageOfFigure(q.id) === null) throw new InputError(`${path}: quantity ${q.id}: no method stage gives it`);
  const stages = stagesFor([...figures, ...plan.quantities].map((f) => f.id));
  return { plan, path, base, priors, figures, quantities: plan.quantities, stages, acceptance: plan.accept };
}
