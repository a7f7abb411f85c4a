/**
 * Resolving the methods document from its layers: the study's defaults, then a scenario's
 * `methods:` block, then a `--methods FILE`, then the stage commands' flags, each merged key by
 * key over the last. Each layer is validated on its own first, so an error names the file it
 * is in; every problem is a one-line InputError before any work starts.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { deepMerge, hashDocument, isPlainObject, readYamlFile, validateDocument } from '../io/document.ts';
import { methodsSchema, type MethodsDocument } from './document.ts';
import { defaultSettings } from './linkage/default-settings.ts';
import { loadSettingsFile, parseSettings } from './linkage/settings.ts';

/** One layer: a document as written, where it came from, and the folder its paths are relative to. */
export interface MethodsLayer {
  source: string;
  doc: unknown;
  dir?: string;
}

export interface ResolvedMethods {
  document: MethodsDocument;
  /** sha256 of the resolved document as canonical JSON. */
  hash: string;
  /** The layers, in order (the defaults first). */
  sources: string[];
}

export const DEFAULT_METHODS_SOURCE = 'the study (scenarios/methods/study.yaml)';

export function methodsFileLayer(path: string): MethodsLayer {
  const doc = readYamlFile(path, 'methods');
  if (!isPlainObject(doc)) throw new InputError(`${path}: a methods document must be a YAML mapping`);
  return { source: path, doc, dir: dirname(resolve(path)) };
}

/** A settings path is relative to the document that names it: make it absolute before layers merge. */
function anchored(layer: MethodsLayer): unknown {
  const doc = layer.doc as { linkage?: { settings?: unknown } };
  const settings = doc.linkage?.settings;
  if (typeof settings !== 'string' || settings === 'default' || isAbsolute(settings) || !layer.dir) return doc;
  return { ...doc, linkage: { ...doc.linkage, settings: resolve(layer.dir, settings) } };
}

function withSource<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${source}: linkage.settings: ${error.message}`);
    throw error;
  }
}

export function resolveMethods(layers: MethodsLayer[]): ResolvedMethods {
  for (const layer of layers) validateDocument(methodsSchema, layer.doc, layer.source);
  const merged = layers.reduce<unknown>((acc, layer) => deepMerge(acc, anchored(layer)), {});
  const input = validateDocument(methodsSchema, merged, layers.at(-1)?.source ?? DEFAULT_METHODS_SOURCE);
  const named = input.linkage.settings;
  // The source to blame for a bad settings value: the last layer that set it.
  const settingsSource = [...layers].reverse().find((l) => (l.doc as { linkage?: { settings?: unknown } }).linkage?.settings !== undefined)?.source ?? DEFAULT_METHODS_SOURCE;
  const settings = withSource(settingsSource, () =>
    named === 'default' ? defaultSettings() : typeof named === 'string' ? loadSettingsFile(named) : parseSettings(named),
  );
  const document: MethodsDocument = { ...input, linkage: { ...input.linkage, settings } };
  return { document, hash: hashDocument(document), sources: [DEFAULT_METHODS_SOURCE, ...layers.map((l) => l.source)] };
}

/** The study's methods: the defaults alone. */
export function studyMethods(): ResolvedMethods {
  return resolveMethods([]);
}

/** A resolved document read back (from a manifest): validated again, its settings inline. */
export function methodsFromRecord(document: unknown, source: string): ResolvedMethods {
  return resolveMethods([{ source, doc: document }]);
}
