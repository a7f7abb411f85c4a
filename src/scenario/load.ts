/**
 * Reading a scenario: YAML, an optional `extends:` chain (a scenario that changes a few knobs
 * of another), then one validation. Every problem becomes a one-line InputError naming the
 * path and the rule, before any work starts. A `methods:` block is taken out before the
 * scenario is validated and hashed: it belongs to the methods document, not to the world.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { canonicalJson, deepMerge, hashDocument, isPlainObject, readYamlFile, validateDocument } from '../io/document.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export { canonicalJson, deepMerge };

export interface LoadedScenario {
  scenario: Scenario;
  /** Where it came from, for the manifest. */
  path: string;
  /** sha256 of the validated scenario as canonical JSON: the same knobs give the same hash. */
  hash: string;
  /** The scenario's `methods:` block as written (validated with the methods document), if any. */
  methods?: unknown;
}

/** The raw document with its `extends:` chain resolved (relative to each file). */
export function readScenarioDocument(path: string, seen: string[] = []): unknown {
  const full = resolve(path);
  if (seen.includes(full)) throw new InputError(`${path}: extends forms a loop (${[...seen, full].join(' -> ')})`);
  const doc = readYamlFile(full, 'scenario');
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

/** Validate a document; the first problem (by path order) is the error. */
export function validateScenario(doc: unknown, source: string): Scenario {
  return validateDocument(scenarioSchema, doc, source, 'a number or one per requirement type ({ ATR: number, DRR: number })');
}

export function hashScenario(scenario: Scenario): string {
  return hashDocument(scenario);
}

export function loadScenario(path: string): LoadedScenario {
  const doc = readScenarioDocument(path);
  const { methods, ...world } = isPlainObject(doc) ? doc : {};
  const scenario = validateScenario(isPlainObject(doc) ? world : doc, path);
  return { scenario, path, hash: hashScenario(scenario), ...(methods === undefined ? {} : { methods }) };
}
