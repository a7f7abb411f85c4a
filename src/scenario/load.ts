/**
 * Reading a scenario: YAML, an optional `extends:` chain (a scenario that changes a few knobs
 * of another), then one validation. Every problem becomes a one-line InputError naming the
 * path and the rule, before any work starts.
 */
import { existsSync } from 'node:fs';
import { readTextFile } from '../io/csv-read.ts';
import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface LoadedScenario {
  scenario: Scenario;
  /** Where it came from, for the manifest. */
  path: string;
  /** sha256 of the validated scenario as canonical JSON: the same knobs give the same hash. */
  hash: string;
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
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

function readYaml(path: string): unknown {
  if (!existsSync(path)) throw new InputError(`scenario file not found: ${path}`);
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

/** The raw document with its `extends:` chain resolved (relative to each file). */
export function readScenarioDocument(path: string, seen: string[] = []): unknown {
  const full = resolve(path);
  if (seen.includes(full)) throw new InputError(`${path}: extends forms a loop (${[...seen, full].join(' -> ')})`);
  const doc = readYaml(full);
  if (!isPlainObject(doc)) throw new InputError(`${path}: a scenario must be a YAML mapping`);
  const { extends: parent, ...rest } = doc;
  if (parent === undefined) return rest;
  if (typeof parent !== 'string') throw new InputError(`${path}: extends: must be a file name, got ${JSON.stringify(parent)}`);
  const parentPath = resolve(dirname(full), parent);
  // Named from the file that extends it: the user edits that file, not the missing one.
  if (!existsSync(parentPath)) throw new InputError(`${path}: extends: ${parent}: file not found (${parentPath})`);
  const base = readScenarioDocument(parentPath, [...seen, full]);
  return deepMerge(base, rest);
}

function describeIssue(issue: z.core.$ZodIssue): string {
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
      // A coefficient is one number or one per type: an object that fails is described by the
      // object's own problem (a missing type, a string); anything else by the two forms allowed.
      const objectBranch = issue.errors.find((branch) => branch.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
      if (isPlainObject(issue.input) && objectBranch) {
        const [first] = objectBranch;
        return describeIssue({ ...first, path: [...issue.path, ...first.path], input: first.input ?? (issue.input as Plain)[String(first.path[0])] } as z.core.$ZodIssue);
      }
      return `${at}: must be a number or one per requirement type ({ ATR: number, DRR: number })${got}`;
    }
    default:
      return `${at}: ${issue.message}${issue.code === 'custom' ? '' : got}`;
  }
}

/** Validate a document; the first problem (by path order) is the error. */
export function validateScenario(doc: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(doc, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map(describeIssue);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
  throw new InputError(`${source}: ${lines[0]}${more}`);
}

export function hashScenario(scenario: Scenario): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

/** JSON with object keys sorted, so equal scenarios hash equally whatever their key order. */
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

export function loadScenario(path: string): LoadedScenario {
  const doc = readScenarioDocument(path);
  const scenario = validateScenario(doc, path);
  return { scenario, path, hash: hashScenario(scenario) };
}
