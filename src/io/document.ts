/**
 * What the scenario and the methods document share: a YAML file read into a plain value,
 * validated by a zod schema into one-line errors naming the path and the rule, and hashed as
 * canonical JSON so equal documents hash equally whatever their key order.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { readTextFile } from './csv-read.ts';

export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (numbers, arrays) in `override` replaces. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out;
}

/** A YAML (or JSON) file as a plain value; `what` names the kind of file in the error. */
export function readYamlFile(path: string, what: string): unknown {
  if (!existsSync(path)) throw new InputError(`${what} file not found: ${path}`);
  // Read as the CSV files are: a file that is not UTF-8 is refused, a byte-order mark dropped.
  const text = readTextFile(path);
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? ` line ${error.linePos[0].line}` : '';
      throw new InputError(`${path}${where}: not valid YAML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

/**
 * One zod issue as `path: rule, got value`. `union` words a union that is not an object
 * (the scenario's coefficients: one number or one per requirement type).
 */
export function describeIssue(issue: z.core.$ZodIssue, union = 'one of the forms allowed'): string {
  const path = issue.path.map(String).join('.');
  const at = path === '' ? '(top level)' : path;
  const got = 'input' in issue && issue.input !== undefined ? `, got ${JSON.stringify(issue.input)}` : '';
  switch (issue.code) {
    case 'too_big':
      return `${at}: must be <${issue.inclusive ? '=' : ''} ${issue.maximum}${got}`;
    case 'too_small':
      return `${at}: must be >${issue.inclusive ? '=' : ''} ${issue.minimum}${got}`;
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${path === '' ? k : `${path}.${k}`}: unknown key`).join('; ');
    case 'invalid_type':
      return issue.input === undefined ? `${at}: required (${issue.expected})` : `${at}: must be ${issue.expected}${got}`;
    case 'invalid_union': {
      // An object that fails is described by the object's own problem (a missing key, a
      // string); anything else by the forms allowed.
      const objectBranch = issue.errors.find((branch) => branch.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
      if (isPlainObject(issue.input) && objectBranch) {
        const [first] = objectBranch;
        return describeIssue({ ...first, path: [...issue.path, ...first.path], input: first.input ?? (issue.input as Plain)[String(first.path[0])] } as z.core.$ZodIssue, union);
      }
      return `${at}: must be ${union}${got}`;
    }
    default:
      return `${at}: ${issue.message}${issue.code === 'custom' ? '' : got}`;
  }
}

/** Validate a document against a schema; the first problem (by path order) is the error. */
export function validateDocument<S extends z.ZodType>(schema: S, doc: unknown, source: string, union?: string): z.infer<S> {
  const result = schema.safeParse(doc, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => describeIssue(issue, union));
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
  throw new InputError(`${source}: ${lines[0]}${more}`);
}

/** JSON with object keys sorted, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashDocument(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
