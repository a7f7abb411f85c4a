/**
 * The shape check of linkage settings (types, required keys, defaults, unknown keys) in a few
 * small combinators instead of zod: every `pathways link` and every start of a linker built on
 * the engine (the check harness starts one per world) validates settings, and loading zod
 * costs about as much CPU as the rest of the engine's modules together. The messages are
 * zod's, so a settings error reads the same as before; the first problem found is thrown,
 * in zod's order (an object's own keys in schema order, then its unknown keys).
 */

/** A problem with the settings at `path`: a wrong type or value, or keys no schema names. */
export class ShapeIssue {
  constructor(
    readonly path: readonly PropertyKey[],
    readonly message: string,
    readonly unknownKeys: string[] = [],
  ) {}
}

/** Checks a value at a path and returns it as the settings use it (defaults filled in), or throws a ShapeIssue. */
export type Shape<T> = (value: unknown, path: readonly PropertyKey[]) => T;

/** What zod calls a value's type in "received ...". */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : 'Infinity';
  return typeof value;
}

function invalidType(path: readonly PropertyKey[], expected: string, value: unknown): ShapeIssue {
  return new ShapeIssue(path, `Invalid input: expected ${expected}, received ${received(value)}`);
}

export function string(options: { min?: number } = {}): Shape<string> {
  return (value, path) => {
    if (typeof value !== 'string') throw invalidType(path, 'string', value);
    if (options.min !== undefined && value.length < options.min) {
      throw new ShapeIssue(path, `Too small: expected string to have >=${options.min} characters`);
    }
    return value;
  };
}

export function number(options: { int?: boolean; min?: number; max?: number } = {}): Shape<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidType(path, 'number', value);
    if (options.int && !Number.isSafeInteger(value)) throw invalidType(path, 'int', value);
    if (options.min !== undefined && value < options.min) throw new ShapeIssue(path, `Too small: expected number to be >=${options.min}`);
    if (options.max !== undefined && value > options.max) throw new ShapeIssue(path, `Too big: expected number to be <=${options.max}`);
    return value;
  };
}

export function boolean(): Shape<boolean> {
  return (value, path) => {
    if (typeof value !== 'boolean') throw invalidType(path, 'boolean', value);
    return value;
  };
}

export function oneOf<T extends string>(options: readonly T[]): Shape<T> {
  return (value, path) => {
    if (!(options as readonly unknown[]).includes(value)) {
      throw new ShapeIssue(path, `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}`);
    }
    return value as T;
  };
}

export function array<T>(item: Shape<T>, options: { min?: number } = {}): Shape<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw invalidType(path, 'array', value);
    // By index, not map: a hole in a sparse array is an undefined item, as zod reads it.
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) out.push(item(value[i], [...path, i]));
    if (options.min !== undefined && value.length < options.min) {
      throw new ShapeIssue(path, `Too small: expected array to have >=${options.min} items`);
    }
    return out;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object of any keys, each value of one shape. */
export function record<T>(item: Shape<T>): Shape<Record<string, T>> {
  return (value, path) => {
    if (!isPlainObject(value)) throw invalidType(path, 'record', value);
    const out: Record<string, T> = {};
    for (const key of Object.keys(value)) out[key] = item(value[key], [...path, key]);
    return out;
  };
}

/** A key of a strict object: required, optional (absent stays absent), or with a default. */
interface Field<T> {
  shape: Shape<T>;
  /** When the key is absent: nothing (optional), a value used as it is (default), or one checked by the shape (prefault). */
  absent: { kind: 'required' } | { kind: 'optional' } | { kind: 'default'; value: unknown } | { kind: 'prefault'; value: unknown };
}

/** A key that may be absent (and then is absent from the output too). */
interface OptionalField<T> extends Field<T | undefined> {
  optional: true;
}

export const optional = <T>(shape: Shape<T>): OptionalField<T> => ({ shape, absent: { kind: 'optional' }, optional: true });
/** The default is copied for each use, so settings never share (and edit) one object. */
export const withDefault = <T>(shape: Shape<T>, value: T): Field<T> => ({ shape, absent: { kind: 'default', value } });
/** When absent, `value` goes through the shape (so an absent block gets its keys' defaults). */
export const prefault = <T>(shape: Shape<T>, value: unknown): Field<T> => ({ shape, absent: { kind: 'prefault', value } });

type Fields = Record<string, Shape<unknown> | Field<unknown>>;
type Value<F> = F extends OptionalField<infer T> ? T : F extends Field<infer T> ? T : F extends Shape<infer T> ? T : never;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends OptionalField<unknown> ? K : never }[keyof F];
type Out<F extends Fields> = { [K in Exclude<keyof F, OptionalKeys<F>>]: Value<F[K]> } & { [K in OptionalKeys<F>]?: Value<F[K]> };

/** An object with exactly these keys (in this order in the output); any other key is an issue. */
export function strictObject<F extends Fields>(fields: F): Shape<Out<F>> {
  const entries = Object.entries(fields).map(([key, f]): [string, Field<unknown>] => [key, typeof f === 'function' ? { shape: f, absent: { kind: 'required' } } : f]);
  const known = new Set(entries.map(([key]) => key));
  return (value, path) => {
    if (!isPlainObject(value)) throw invalidType(path, 'object', value);
    const out: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const given = value[key];
      const at = [...path, key];
      if (given !== undefined) out[key] = field.shape(given, at);
      else if (field.absent.kind === 'default') out[key] = structuredClone(field.absent.value);
      else if (field.absent.kind === 'prefault') out[key] = field.shape(structuredClone(field.absent.value), at);
      else if (field.absent.kind === 'required') out[key] = field.shape(undefined, at);
    }
    const unknown = Object.keys(value).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new ShapeIssue(path, `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => `"${k}"`).join(', ')}`, unknown);
    return out as Out<F>;
  };
}

/** The value rewritten (a shorthand expanded) before its shape is checked. */
export function preprocess<T>(rewrite: (value: unknown) => unknown, shape: Shape<T>): Shape<T> {
  return (value, path) => shape(rewrite(value), path);
}

/**
 * The first shape the value passes. When none does: the unknown keys of the one shape the
 * value passes but for them (zod's choice), else one issue at the union's path.
 */
export function union<T>(shapes: Shape<T>[]): Shape<T> {
  return (value, path) => {
    const onlyUnknownKeys: ShapeIssue[] = [];
    for (const shape of shapes) {
      try {
        return shape(value, path);
      } catch (error) {
        if (!(error instanceof ShapeIssue)) throw error;
        if (error.unknownKeys.length > 0) onlyUnknownKeys.push(error);
      }
    }
    if (onlyUnknownKeys.length === 1) throw onlyUnknownKeys[0];
    throw new ShapeIssue(path, 'Invalid input');
  };
}
