/**
 * fast-check arbitraries of the bench's worlds (`pathways-bench/arbitraries`): scenario
 * overrides within the ranges the scenario schema allows, noise profiles, small scales, seeds.
 * Every range is read from the schema by walking it (knobs.ts), so an arbitrary cannot draw a
 * value the schema refuses, and a knob added to the schema can be drawn with no change here.
 *
 * Values are drawn on a grid of 1/1000 of their range and shrink toward the simplest value the
 * range holds (0 when it holds 0, else its lower end): a shrunk noise profile is one with
 * fewer and smaller error rates. They shrink by halving their distance from it, not by a
 * binary search to the last grid point that still fails: each shrink step of `pathways check`
 * costs a world and a run of the tool, and the last digits of a rate say nothing more about
 * the failure (fine search took 141 of the 177 worlds shrinking run 97 of `check --seed 1`).
 * A shrunk value is within a factor of two of the smallest that still fails.
 */
import fc from 'fast-check';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/load.ts';
import { scenarioKnobs, setValueAt, valueAt, type Knob, type NumberKnob, type SharesKnob } from './knobs.ts';

export { scenarioKnobs, walkKnobs, valueAt, withValueAt, setValueAt, numberKnobAt, type Knob, type NumberKnob, type SharesKnob } from './knobs.ts';

/** Knob paths -> drawn values (a number, or a share per key for a set of shares). */
export type Overrides = Record<string, number | number[] | Record<string, number>>;

const GRID = 1000;

/**
 * The finite range a knob is drawn from. An open end of the schema's range is closed around
 * the base scenario's value: [base - 2, base + 2] for a number with no bounds (a coefficient
 * on the logit scale), up to 4 x base (at least min + 1) for a number bounded below only.
 */
export function drawRange(knob: NumberKnob, base: number | undefined): { min: number; max: number } {
  const b = base ?? (Number.isFinite(knob.min) ? knob.min : 0);
  let min = knob.min;
  let max = knob.max;
  if (!Number.isFinite(min) || min <= Number.MIN_SAFE_INTEGER) min = Math.min(b - 2, Number.isFinite(max) ? max : Infinity);
  if (!Number.isFinite(max)) max = Math.max(4 * Math.abs(b), min + 1);
  if (knob.int) {
    min = Math.ceil(knob.exclusiveMin ? Math.max(min, knob.min + 1) : min);
    max = Math.floor(max);
  }
  return { min, max };
}

/**
 * An integer in [min, max] drawn as fc.integer draws it, whose shrinks are fast-check's (the
 * target first, then ever closer to the current value) less those more than half as far from
 * the target as the current value: the target, then half way, then a quarter, ... The
 * contexts stay fast-check's own, so a shrink path replays as it was found.
 */
class HalvingInteger extends fc.Arbitrary<number> {
  private readonly inner: fc.Arbitrary<number>;
  private readonly target: number;
  constructor(min: number, max: number) {
    super();
    this.inner = fc.integer({ min, max });
    // fast-check's own target for an integer range.
    this.target = min <= 0 && max >= 0 ? 0 : min < 0 ? max : min;
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<number> {
    return this.inner.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value: unknown): value is number {
    return this.inner.canShrinkWithoutContext(value);
  }
  shrink(value: number, context: unknown): fc.Stream<fc.Value<number>> {
    const limit = Math.ceil(Math.abs(value - this.target) / 2);
    return this.inner.shrink(value, context).filter((v) => Math.abs(v.value - this.target) <= limit);
  }
}

/** An integer in [min, max] that shrinks by halving its distance from fast-check's target (0 when the range holds it). */
export function halvingInteger(min: number, max: number): fc.Arbitrary<number> {
  return new HalvingInteger(min, max);
}

/** One number knob's values: within the schema's range, shrinking toward 0 (or the range's lower end) by halving. */
export function knobArbitrary(knob: NumberKnob, base?: number): fc.Arbitrary<number> {
  const { min, max } = drawRange(knob, base);
  const target = Math.min(Math.max(0, min), max);
  if (knob.int) return halvingInteger(min - target, max - target).map((k) => target + k);
  const step = (max - min) / GRID;
  if (step === 0) return fc.constant(min);
  // Grid points k * step from the target; an exclusive lower end leaves the end itself out.
  const lo = Math.ceil((min - target) / step + (knob.exclusiveMin && target === min ? 1 : 0));
  const hi = Math.floor((max - target) / step);
  return halvingInteger(lo, hi).map((k) => roundTo(target + k * step, 9));
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A set of shares summing to 1 (each key's share, or an array of `length` shares); shrinks toward the first key holding everything. */
export function sharesArbitrary(knob: SharesKnob, length = 1): fc.Arbitrary<number[] | Record<string, number>> {
  const n = knob.keys ? knob.keys.length : length;
  return fc
    .tuple(fc.integer({ min: 1, max: GRID }).map((k) => GRID + 1 - k), ...Array.from({ length: n - 1 }, () => fc.integer({ min: 0, max: GRID })))
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => roundTo(w / total, 9));
      // The last share takes the rounding, so the set sums to 1 exactly enough for the schema.
      shares[n - 1] = Math.max(0, roundTo(1 - shares.slice(0, -1).reduce((a, b) => a + b, 0), 12));
      return knob.keys ? Object.fromEntries(knob.keys.map((k, i) => [k, shares[i]])) : shares;
    });
}

/**
 * The knobs an override of `base` may set: every knob whose path the base does not fill with a
 * value of another form (a coefficient written as one number is drawn as one number, not per type).
 */
export function drawableKnobs(base: Scenario, knobs: readonly Knob[] = scenarioKnobs()): Knob[] {
  return knobs.filter((knob) => {
    if (knob.path.includes('[]')) return false;
    const keys = knob.path.split('.');
    for (let i = 1; i < keys.length; i++) {
      const v = valueAt(base, keys.slice(0, i).join('.'));
      if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) return false;
    }
    const here = valueAt(base, knob.path);
    if (knob.kind === 'number') return here === undefined || typeof here === 'number';
    return here === undefined ? knob.keys !== null : typeof here === 'object';
  });
}

/**
 * Overrides of some of `base`'s knobs (all drawable knobs when `paths` is not given), each
 * present or not: shrinking takes overrides away, back to the base scenario.
 */
export function scenarioOverrides(base: Scenario, paths?: readonly string[]): fc.Arbitrary<Overrides> {
  const drawable = drawableKnobs(base);
  const chosen = paths ? paths.map((p) => {
    const knob = drawable.find((k) => k.path === p);
    if (!knob) throw new Error(`scenarioOverrides: no knob "${p}" can be drawn over scenario ${base.name}`);
    return knob;
  }) : drawable;
  const model: Record<string, fc.Arbitrary<Overrides[string]>> = {};
  for (const knob of chosen) {
    const here = valueAt(base, knob.path);
    model[knob.path] = knob.kind === 'number' ? knobArbitrary(knob, here as number | undefined) : sharesArbitrary(knob, Array.isArray(here) ? here.length : 1);
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Overrides>;
}

export interface NoiseProfileOptions {
  /** The systems whose identifier noise is drawn (default: the two linkage links, nDelius and NDTMS). */
  systems?: readonly string[];
  /** The highest rate drawn for any one kind of error (default 0.1; the schema allows up to 1). */
  maxRate?: number;
}

/** The noise knobs of the given systems: every error rate of every field, as paths. */
export function noiseKnobs(systems: readonly string[] = ['ndelius', 'ndtms']): NumberKnob[] {
  return scenarioKnobs().filter((k): k is NumberKnob => k.kind === 'number' && systems.some((s) => k.path.startsWith(`noise.${s}.`)));
}

/**
 * A noise profile: every error rate of the systems' identifiers, each in [0, maxRate] (within
 * the schema's [0, 1]), with the noise multiplier at 1 so the rates are what the records get.
 * Every rate is set, so shrinking lowers rates toward perfect recording. One profile in 20 is
 * perfect recording itself (every rate 0), and a drawn profile shrinks to it first: a failure
 * that needs no noise shrinks in one step rather than one per rate.
 */
export function noiseProfile(options: NoiseProfileOptions = {}): fc.Arbitrary<Record<string, number>> {
  const maxRate = options.maxRate ?? 0.1;
  const knobs = noiseKnobs(options.systems);
  const model: Record<string, fc.Arbitrary<number>> = {};
  for (const knob of knobs) model[knob.path] = knobArbitrary({ ...knob, max: Math.min(knob.max, maxRate) });
  const perfect = Object.fromEntries(knobs.map((k) => [k.path, 0]));
  return fc
    .oneof({ withCrossShrink: true }, { arbitrary: fc.constant(perfect), weight: 1 }, { arbitrary: fc.record(model), weight: 19 })
    .map((rates) => ({ 'noise.multiplier': 1, ...rates }));
}

export interface SmallScaleOptions {
  /** Smallest and largest scale, in thousandths of England (default 1 to 5: about 50 to 270 requirements). */
  minThousandths?: number;
  maxThousandths?: number;
}

/** A small scale (a fraction of England), shrinking toward the smallest. */
export function smallScale(options: SmallScaleOptions = {}): fc.Arbitrary<number> {
  const min = options.minThousandths ?? 1;
  return fc.integer({ min: 0, max: (options.maxThousandths ?? 5) - min }).map((k) => (min + k) / 1000);
}

/** A master seed for world and records (the bench's seeds are 32-bit), shrinking toward 1. */
export function seed(): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: 2 ** 31 - 1 });
}

/** One drawn world: its size, its seed and the knobs set over a base scenario. */
export interface WorldDraw {
  scale: number;
  seed: number;
  overrides: Overrides;
  /** Fit: the requirement type whose analysis data the tool fits (the study fits ATR and DRR apart). */
  requirementType?: 'ATR' | 'DRR';
}

/**
 * A world for linkage tests: a small scale, a seed and a noise profile of nDelius and NDTMS.
 * The seed does not shrink: another seed is another world, not a simpler one, and each step
 * toward 1 would cost a world's generation for nothing; the scale and the noise shrink.
 */
export function linkageWorld(options: NoiseProfileOptions & SmallScaleOptions = {}): fc.Arbitrary<WorldDraw> {
  return fc.record({ scale: smallScale(options), seed: fc.noShrink(seed()), overrides: noiseProfile(options) });
}

/**
 * The notes knobs a classify check draws: every drawable knob under `notes.` except those of
 * volume (`notes.volume`, the style and region multipliers: how many notes there are is what
 * the scale sets), so what is drawn is how the notes read: keyword shares, the mix of hard
 * cases, styles, typos and abbreviations. Read from the schema, so a knob added there
 * is drawn with no change here.
 */
export function notesKnobPaths(base: Scenario): string[] {
  return drawableKnobs(base)
    .map((k) => k.path)
    .filter((p) => p.startsWith('notes.') && !/^notes\.(volume\.|recording\.\w+Multiplier\.)/.test(p));
}

/** A world for note classifier tests: a small scale, a seed and overrides of the notes knobs (shrinking back to the base scenario's). */
export function notesWorld(base: Scenario, options: SmallScaleOptions = {}): fc.Arbitrary<WorldDraw> {
  return fc.record({ scale: smallScale(options), seed: fc.noShrink(seed()), overrides: scenarioOverrides(base, notesKnobPaths(base)) });
}

/**
 * How far a fit world's reconviction coefficients are drawn from the base scenario's: up to
 * 0.5 on the log-odds for a 0/1 covariate, and for length in months as much over a year
 * (0.5 / 12 a month). Wider draws (the schema's open range reads as base +- 2) make outcomes
 * so lopsided that a few hundred rows separate, and no fitter's interval means anything there.
 */
export const FIT_COEFFICIENT_SHIFT = 0.5;
const PER_UNIT: Record<string, number> = { length_months: 12 };

/** The reconviction model's coefficients of `base` a fit world draws, as knob paths. */
export function reconvictionKnobPaths(base: Scenario): string[] {
  return drawableKnobs(base)
    .map((k) => k.path)
    .filter((p) => p.startsWith('reconviction.model.coefficients.'));
}

/**
 * A world for fitter tests: a scale (default 20 to 40 thousandths: about 450 to 1,000
 * requirements of the type), a seed, a requirement type, and the reconviction model's
 * coefficients drawn around the base scenario's, each shrinking back to it.
 */
export function fitWorld(base: Scenario, options: SmallScaleOptions = {}): fc.Arbitrary<WorldDraw> {
  const model: Record<string, fc.Arbitrary<number>> = {};
  for (const path of reconvictionKnobPaths(base)) {
    const here = valueAt(base, path);
    if (typeof here !== 'number') continue;
    const width = FIT_COEFFICIENT_SHIFT / (PER_UNIT[path.split('.')[3]] ?? 1);
    model[path] = fc.integer({ min: -GRID, max: GRID }).map((k) => roundTo(here + (k * width) / GRID, 9));
  }
  return fc
    .record({
      scale: smallScale({ minThousandths: 20, maxThousandths: 40, ...options }),
      seed: fc.noShrink(seed()),
      requirementType: fc.constantFrom('ATR' as const, 'DRR' as const),
      overrides: fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Overrides>,
    })
    // The other type's own coefficients move nothing in this world's data: they are not shown as set.
    .map((draw) => {
      const other = draw.requirementType === 'ATR' ? 'DRR' : 'ATR';
      return { ...draw, overrides: Object.fromEntries(Object.entries(draw.overrides).filter(([p]) => !p.endsWith(`.${other}`))) };
    });
}

/** `base` with the overrides set, validated by the scenario schema (an invalid override is an error). */
export function applyOverrides(base: Scenario, overrides: Overrides, source = 'overrides'): Scenario {
  const doc = structuredClone(base);
  for (const [path, value] of Object.entries(overrides)) setValueAt(doc, path, value);
  return validateScenario(doc, source);
}
