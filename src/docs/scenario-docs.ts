/**
 * docs/scenario.md, generated from the zod schemas: every scenario and methods key with its
 * meaning (the schema's description), range and default. `npm run docs` writes it; a test
 * keeps the file in step with the schemas.
 */
import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.ts';
import { methodsSchema } from '../methods/document.ts';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
};

interface Row {
  key: string;
  meaning: string;
  range: string;
  default: string;
}

function numberRange(s: JsonSchema): string {
  const kind = s.type === 'integer' ? 'whole number' : 'number';
  const low = s.minimum !== undefined ? `${s.minimum}` : s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : null;
  const high = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `${s.maximum}` : s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : null;
  if (low !== null && high !== null && !low.startsWith('>') && !high.startsWith('<')) return `${kind}, ${low} to ${high}`;
  const parts = [low === null ? null : low.startsWith('>') ? low : `>= ${low}`, high === null ? null : high.startsWith('<') ? high : `<= ${high}`].filter(Boolean);
  return parts.length ? `${kind}, ${parts.join(' and ')}` : kind;
}

function rangeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(rangeOf).join('; or ');
  if (s.enum) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (s.const !== undefined) return `\`${String(s.const)}\``;
  switch (s.type) {
    case 'number':
    case 'integer':
      return numberRange(s);
    case 'boolean':
      return 'true or false';
    case 'string':
      return s.pattern?.includes('\\d{4}') || s.format === 'date' ? 'date, YYYY-MM-DD' : 'text';
    case 'array':
      return `list of ${s.items ? rangeOf(s.items) : 'values'}${s.minItems ? ` (at least ${s.minItems})` : ''}`;
    case 'object':
      if (s.properties) return `{ ${Object.keys(s.properties).join(', ')} }`;
      return 'mapping';
    default:
      return '';
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function defaultOf(s: JsonSchema, required: boolean): string {
  if (s.default !== undefined) return typeof s.default === 'object' && s.default !== null && Object.keys(s.default).length === 0 ? 'its keys\' defaults' : `\`${JSON.stringify(s.default)}\``;
  return required ? 'required' : 'optional';
}

/** Rows for a schema at `path`: a leaf is one row; an object, one row per key (keys with identical schemas share a row). */
function rows(s: JsonSchema, path: string, required: boolean, inherited: string, out: Row[]): void {
  const meaning = s.description ?? inherited;
  if (s.type === 'object' && s.properties && Object.keys(s.properties).length) {
    const entries = Object.entries(s.properties);
    const first = entries[0][1];
    // {ATR, DRR}, the 11 regions, a set of shares: one row for keys that take the same value.
    if (entries.length > 1 && entries.every(([, v]) => same(v, first))) {
      const keys = `${path}.{${entries.map(([k]) => k).join(',')}}`;
      rows(first, keys, true, meaning, out);
      return;
    }
    if (meaning || s.default !== undefined) out.push({ key: path, meaning, range: 'mapping', default: defaultOf(s, required) });
    const req = new Set(s.required ?? []);
    for (const [key, value] of entries) rows(value, `${path}.${key}`, req.has(key), '', out);
    return;
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    const names = s.propertyNames?.enum ? `{${s.propertyNames.enum.join(',')}}` : '<name>';
    if (meaning || s.default !== undefined) out.push({ key: path, meaning, range: 'mapping, any of the keys below', default: defaultOf(s, required) });
    rows(s.additionalProperties, `${path}.${names}`, false, '', out);
    return;
  }
  out.push({ key: path, meaning: meaning || inherited, range: rangeOf(s), default: defaultOf(s, required) });
}

function table(schema: z.ZodType, prefix: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: Row[] = [];
  const req = new Set(json.required ?? []);
  for (const [key, value] of Object.entries(json.properties ?? {})) rows(value, `${prefix}${key}`, req.has(key), '', out);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return ['| key | meaning | range | default |', '|---|---|---|---|', ...out.map((r) => `| \`${cell(r.key)}\` | ${cell(r.meaning)} | ${cell(r.range)} | ${cell(r.default)} |`)].join('\n');
}

export function scenarioDocs(): string {
  return `${[
    '# Scenario and methods keys',
    '',
    '<!-- Generated by `npm run docs` from src/scenario/schema.ts, src/scenario/notes.ts and src/methods/document.ts. Do not edit: test/docs/scenario-docs.test.ts fails when this file and the schemas differ. -->',
    '',
    'Two documents drive a run. The **scenario** (`scenarios/*.yaml`) says what the world is and how each system records it; the **methods document** (`scenarios/methods/study.yaml`, `run --methods FILE`, or a `methods:` block in a scenario) says what the methods do with the records. An unknown key, a value out of range or shares that do not sum to 1 are refused with one line naming the path and the rule.',
    '',
    'Keys in braces (`{ATR,DRR}`) take one value each, all of the same form. "its keys\' defaults" means the section may be left out, each key then taking its own default.',
    '',
    '## Scenario',
    '',
    'A scenario may start from another with `extends: other.yaml` and change only some keys.',
    '',
    table(scenarioSchema, ''),
    '',
    '## Methods document',
    '',
    "Layers merge key by key, later over earlier: the study's defaults (below), a scenario's `methods:` block, `--methods FILE`, then a stage command's flags (`notes --classifier`, `--sample`, ...; `link --settings`).",
    '',
    table(methodsSchema, ''),
  ].join('\n')}\n`;
}
