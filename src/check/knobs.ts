/**
 * The scenario's knobs, found by walking its zod schema: every number a scenario holds, with
 * the range the schema allows, and every set of shares (numbers that must sum to 1). The
 * arbitraries and the property grammar's `when KNOB` both read this list, so neither can drift
 * from the schema: a knob added to the schema is a knob here with no other change.
 */
import type { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.ts';

export interface NumberKnob {
  kind: 'number';
  /** Dotted path in the scenario document, e.g. `noise.ndtms.dob.typo`. */
  path: string;
  /** The range the schema allows; an open end is ±Infinity. */
  min: number;
  max: number;
  /** True when min itself is refused (z.number().positive()). */
  exclusiveMin: boolean;
  int: boolean;
}

/** Numbers that must sum to 1: an object of shares (`path.key`) or an array (`path[i]`). */
export interface SharesKnob {
  kind: 'shares';
  path: string;
  /** The keys of an object of shares; null for an array of shares (its length is the document's). */
  keys: string[] | null;
}

export type Knob = NumberKnob | SharesKnob;

// zod 4 keeps a schema's structure in `_zod.def`; only the parts read here are typed.
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }[];
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function hasCustomCheck(def: Def): boolean {
  return (def.checks ?? []).some((c) => c._zod.def.check === 'custom');
}

function numberKnob(path: string, def: Def): NumberKnob {
  const knob: NumberKnob = { kind: 'number', path, min: -Infinity, max: Infinity, exclusiveMin: false, int: false };
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && c.value !== undefined && c.value >= knob.min) {
      knob.min = c.value;
      knob.exclusiveMin = c.inclusive === false;
    } else if (c.check === 'less_than' && c.value !== undefined) knob.max = Math.min(knob.max, c.value);
    else if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) knob.int = true;
  }
  if (knob.int && knob.min === -Infinity) knob.min = Number.MIN_SAFE_INTEGER;
  return knob;
}

function isNumberIn01(schema: z.ZodType): boolean {
  let def = defOf(schema);
  while ((def.type === 'default' || def.type === 'prefault' || def.type === 'optional') && def.innerType) def = defOf(def.innerType);
  if (def.type !== 'number') return false;
  const k = numberKnob('', def);
  return k.min === 0 && k.max === 1;
}

/** Every knob under `schema`, its paths prefixed by `path`. */
export function walkKnobs(schema: z.ZodType, path = ''): Knob[] {
  const def = defOf(schema);
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  switch (def.type) {
    case 'number':
      return [numberKnob(path, def)];
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return walkKnobs(def.innerType as z.ZodType, path);
    case 'pipe':
      return walkKnobs(def.in as z.ZodType, path);
    case 'object': {
      const shape = def.shape ?? {};
      // An object of numbers in [0, 1] with a refinement is a set of shares (the schema's `shares()`).
      if (hasCustomCheck(def) && Object.values(shape).length > 0 && Object.values(shape).every(isNumberIn01)) {
        return [{ kind: 'shares', path, keys: Object.keys(shape) }];
      }
      return Object.entries(shape).flatMap(([key, child]) => walkKnobs(child, at(key)));
    }
    case 'array':
      if (hasCustomCheck(def) && def.element && isNumberIn01(def.element)) return [{ kind: 'shares', path, keys: null }];
      return def.element ? walkKnobs(def.element, `${path}[]`) : [];
    case 'record': {
      // A partial record keyed by an enum: each key is a knob that may be absent.
      const keys = def.keyType ? Object.values(defOf(def.keyType).entries ?? {}) : [];
      return keys.flatMap((key) => walkKnobs(def.valueType as z.ZodType, at(key)));
    }
    case 'union':
      // A coefficient: one number, or one per requirement type. Both forms are knobs.
      return (def.options ?? []).flatMap((option) => walkKnobs(option, path)).filter(uniqueByPath());
    default:
      return [];
  }
}

function uniqueByPath(): (knob: Knob) => boolean {
  const seen = new Set<string>();
  return (knob) => (seen.has(knob.path) ? false : (seen.add(knob.path), true));
}

let scenarioKnobsCache: Knob[] | null = null;

/** Every knob of a scenario. */
export function scenarioKnobs(): Knob[] {
  scenarioKnobsCache ??= walkKnobs(scenarioSchema);
  return scenarioKnobsCache;
}

/** The number knob at `path`, or undefined. */
export function numberKnobAt(path: string): NumberKnob | undefined {
  return scenarioKnobs().find((k): k is NumberKnob => k.kind === 'number' && k.path === path);
}

/** The value at a dotted path of a document, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `doc` with the value at a dotted path set (objects on the way created). */
export function withValueAt<T>(doc: T, path: string, value: unknown): T {
  const copy = structuredClone(doc);
  setValueAt(copy, path, value);
  return copy;
}

/** Set the value at a dotted path of `doc` in place (objects on the way created). */
export function setValueAt(doc: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = doc as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
