/**
 * Linkage settings as data, in the spirit of Splink: which columns are compared and how they
 * are derived on each side, the blocking rules, the comparisons with their ordered levels,
 * the threshold and the training knobs. Loaded from YAML or JSON and validated in two passes:
 * the zod schema (shape, unknown keys) and a semantic pass (level types, ranges, references),
 * each failure an InputError whose one-line message starts with the path it concerns.
 */
import { readTextFile } from '../../io/csv-read.ts';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import type { Table } from '../../io/table.ts';

export const DERIVATIONS = [
  'none',
  'upper',
  'digits',
  'initials',
  'postcode_sector',
  'postcode_district',
  'postcode_area',
  'date',
  'year',
  'month',
  'day',
  'first_letter',
  'soundex',
  'double_metaphone',
] as const;
export type Derivation = (typeof DERIVATIONS)[number];

export const LEVEL_TYPES = [
  'null',
  'exact',
  'jaro_winkler',
  'levenshtein',
  'damerau_levenshtein',
  'date_transposed',
  'date_placeholder',
  'initials_swapped',
  'year',
  'else',
] as const;
export type LevelType = (typeof LEVEL_TYPES)[number];

const sideSchema = z.strictObject({
  /** One source column, or two for `initials` (forename, surname). */
  column: z.string().min(1).optional(),
  columns: z.array(z.string().min(1)).min(1).optional(),
  derive: z.string().default('none'),
  /** Source texts that mean "not recorded" (compared after trimming); an empty cell always does. */
  missing: z.array(z.string()).default([]),
  /** Keep only the first `length` characters of the derived text (a substring). */
  length: z.number().int().min(1).optional(),
});

/** `{ left, right }`, or one side spec used for both (the usual case when deduplicating one file). */
const valueSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !('left' in v) && !('right' in v) ? { left: v, right: v } : v),
  z.strictObject({ left: sideSchema, right: sideSchema }),
);

/** `{ left, right }`, or one column name for both sides. */
const sidesSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { left: v, right: v } : v),
  z.strictObject({ left: z.string().min(1), right: z.string().min(1) }),
);

export const LINK_TYPES = ['link_only', 'dedupe_only', 'link_and_dedupe'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

const levelSchema = z.strictObject({
  // YAML reads a bare `null` as the null value; accept it as the level type "null".
  type: z.preprocess((v) => (v === null ? 'null' : v), z.string()),
  name: z.string().optional(),
  /** Jaro-Winkler similarity threshold (level applies when similarity >= threshold). */
  threshold: z.number().optional(),
  /** Edit-distance bound for levenshtein / damerau_levenshtein (level applies when distance <= k). */
  k: z.number().optional(),
  /** The derived value this level tests, when not the comparison's own (e.g. district after sector). */
  column: z.string().optional(),
  /** date_placeholder: the day and month (MM-DD) a system enters when only the year is known. */
  day_month: z.string().optional(),
  /** Fixed parameters given by hand: when any level of a comparison sets m (or u), all its non-null levels must. */
  m: z.number().optional(),
  u: z.number().optional(),
  /** The level's share of matches under a prior on m (see the comparison's m_prior_matches); every non-null level or none, summing to 1. */
  m_prior: z.number().optional(),
});

const comparisonSchema = z.strictObject({
  name: z.string().min(1),
  column: z.string().min(1),
  term_frequency: z.boolean().default(false),
  /** Lower bound on a term-frequency u, so a value seen once cannot give an unbounded weight. */
  tf_minimum_u: z.number().default(1e-7),
  /** A named comparison whose levels are filled in (see COMPARISON_TEMPLATES), instead of `levels`. */
  template: z.string().optional(),
  levels: z.array(levelSchema).min(2).optional(),
  /**
   * How many matches the levels' m_prior shares count as: EM adds them to the expected matches
   * at each level (a Dirichlet prior, MAP EM), so a session with few matches leans on the
   * prior and one with thousands on its data. 0 leaves EM as it is.
   */
  m_prior_matches: z.number().optional(),
});

/**
 * Comparison templates: the usual level ladders, so simple settings can say
 * `{ name: sex, column: sex, template: exact }` (Splink's comparison library does the same).
 */
export const COMPARISON_TEMPLATES = {
  exact: [{ type: 'null' }, { type: 'exact' }, { type: 'else' }],
  initials: [
    { type: 'null' },
    { type: 'exact' },
    { type: 'initials_swapped', name: 'forename and surname initials swapped' },
    { type: 'jaro_winkler', threshold: 0.6, name: 'one initial agrees in place' },
    { type: 'else' },
  ],
  date: [
    { type: 'null' },
    { type: 'exact' },
    { type: 'date_transposed', name: 'day and month transposed' },
    { type: 'damerau_levenshtein', k: 1, name: 'one character typed wrong' },
    { type: 'year', name: 'same year only' },
    { type: 'else' },
  ],
  name: [
    { type: 'null' },
    { type: 'exact' },
    { type: 'jaro_winkler', threshold: 0.92 },
    { type: 'jaro_winkler', threshold: 0.8 },
    { type: 'else' },
  ],
} as const satisfies Record<string, LevelSettings[]>;

const thresholdSchema = z.union([
  z.strictObject({ match_probability: z.number() }),
  z.strictObject({ match_weight: z.number() }),
]);

const checksSchema = z.strictObject({
  /** A session whose match class holds more pairs than this many per record is flagged (most records would match several others). */
  max_matches_per_record: z.number().default(2),
  /** A session is flagged when no trained comparison's m differs from its u by at least this total variation: EM found no match class. */
  min_separation: z.number().default(0.2),
  /** A trained comparison's m of its first agreeing level below this (matches that hardly ever agree) flags the session. */
  min_m_agree: z.number().default(0.05),
});

const trainingSchema = z.strictObject({
  /** At most this many random pairs are drawn for the u of fuzzy levels (exact levels need none). */
  u_sample_pairs: z.number().int().default(2_000_000),
  /** Random pairs are drawn until every sampled level has at least this many agreeing pairs (or u_sample_pairs is reached). */
  u_min_agreeing: z.number().int().default(50),
  seed: z.number().int().default(42),
  em_max_iterations: z.number().int().default(10_000),
  em_tolerance: z.number().default(1e-7),
  /** Rules that each define one EM session; defaults to the blocking rules. */
  rules: z.array(z.array(z.string().min(1)).min(1)).optional(),
  /** Prior probability that two random records match, given by hand instead of estimated. */
  lambda: z.number().optional(),
  /** Plausibility checks on each EM session; a session failing one is left out of the averaged m. */
  checks: checksSchema.prefault({}),
});

const settingsSchema = z.strictObject({
  /** As Splink: link two files, deduplicate one (the left), or both at once (every pair of the two files together). */
  link_type: z.enum(LINK_TYPES).default('link_only'),
  ids: sidesSchema,
  truth: z
    .preprocess(
      (v) => (typeof v === 'string' ? { left: v, right: v } : v),
      z.strictObject({
        left: z.string().min(1),
        right: z.string().min(1),
        /** A regular expression whose first group is the entity within the truth column's text (FEBRL: `^rec-(\d+)`). */
        pattern: z.string().optional(),
      }),
    )
    .optional(),
  /** A left column to break scores down by (e.g. region_code). */
  score_group: z.string().optional(),
  columns: z.record(z.string(), valueSchema),
  blocking_rules: z.array(z.array(z.string().min(1)).min(1)).min(1),
  comparisons: z.array(comparisonSchema).min(1),
  threshold: thresholdSchema.default({ match_probability: 0.9 }),
  training: trainingSchema.prefault({}),
  /** Refuse a blocking that would emit more candidate pairs than this (a loose rule, not a slow run). */
  max_pairs: z.number().int().default(60_000_000),
  /** Threads of a link (default: one on a worker thread or below 2e10 record pairs, else one per free core, 1 to 4; see compare-parallel.ts and index.ts); given here, workers start at any size. The links are the same for any number. */
  threads: z.number().int().min(1).max(64).optional(),
});

export type SideSettings = { column?: string; columns?: string[]; derive: Derivation; missing: string[]; length?: number };
export type ValueSettings = { left: SideSettings; right: SideSettings };
export interface LevelSettings {
  type: LevelType;
  name?: string;
  threshold?: number;
  k?: number;
  column?: string;
  day_month?: string;
  m?: number;
  u?: number;
  m_prior?: number;
}
export interface ComparisonSettings {
  name: string;
  column: string;
  term_frequency: boolean;
  tf_minimum_u: number;
  levels: LevelSettings[];
  m_prior_matches?: number;
}
export type Threshold = { match_probability: number } | { match_weight: number };
export interface SessionChecks {
  max_matches_per_record: number;
  min_separation: number;
  min_m_agree: number;
}
export interface TrainingSettings {
  u_sample_pairs: number;
  u_min_agreeing: number;
  checks: SessionChecks;
  seed: number;
  em_max_iterations: number;
  em_tolerance: number;
  rules?: string[][];
  lambda?: number;
}
export interface LinkageSettings {
  link_type: LinkType;
  ids: { left: string; right: string };
  truth?: { left: string; right: string; pattern?: string };
  score_group?: string;
  columns: Record<string, ValueSettings>;
  blocking_rules: string[][];
  comparisons: ComparisonSettings[];
  threshold: Threshold;
  training: TrainingSettings;
  max_pairs: number;
  threads?: number;
}

/** `settings.comparisons[2].levels[1].type` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = 'settings';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return text;
}

function fail(path: readonly PropertyKey[], message: string): never {
  throw new InputError(`${formatPath(path)}: ${message}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Validate a plain object (parsed YAML / JSON) into settings, or throw a one-line InputError. */
export function parseSettings(input: unknown): LinkageSettings {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      fail(issue.path, `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
    }
    fail(issue.path, oneLine(issue.message));
  }
  parsed.data.comparisons.forEach((comparison, c) => {
    const path = ['comparisons', c];
    if (comparison.template !== undefined) {
      if (comparison.levels !== undefined) fail(path, 'give either template or levels, not both');
      const template = COMPARISON_TEMPLATES[comparison.template as keyof typeof COMPARISON_TEMPLATES];
      if (!template || !Object.hasOwn(COMPARISON_TEMPLATES, comparison.template)) {
        fail([...path, 'template'], `unknown comparison "${comparison.template}"; expected one of ${Object.keys(COMPARISON_TEMPLATES).join(', ')}`);
      }
      comparison.levels = template.map((level) => ({ ...level }));
      delete comparison.template;
    } else if (comparison.levels === undefined) {
      fail(path, 'needs levels (or a template)');
    }
  });
  const settings = parsed.data as LinkageSettings;
  checkSemantics(settings);
  return settings;
}

// yaml is loaded by the first settings file that needs it: a linker started once per world
// (the check harness) with JSON settings never pays for it.
let yamlParse: ((text: string) => unknown) | undefined;
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParse(text);
}

/** Read a YAML or JSON settings file (a .json file by JSON.parse; YAML, a superset of JSON, reads both). */
export function loadSettingsFile(file: string): LinkageSettings {
  const text = readTextFile(file);
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputError(`${file}: not valid YAML/JSON: ${oneLine((error as Error).message).slice(0, 200)}`);
  }
  return parseSettings(data);
}

/** Whether a level type reads dates as `YYYY-MM-DD` text. */
function isDateLevel(type: LevelType): boolean {
  return type === 'date_transposed' || type === 'date_placeholder' || type === 'year';
}

function checkSemantics(s: LinkageSettings): void {
  const names = Object.keys(s.columns);
  const expectValue = (path: PropertyKey[], name: string): void => {
    if (!(name in s.columns)) fail(path, `unknown column "${name}"; defined in settings.columns: ${names.join(', ')}`);
  };
  for (const [name, value] of Object.entries(s.columns)) {
    for (const side of ['left', 'right'] as const) {
      const spec = value[side];
      const path = ['columns', name, side];
      if (!(DERIVATIONS as readonly string[]).includes(spec.derive)) {
        fail([...path, 'derive'], `unknown derivation "${spec.derive}"; expected one of ${DERIVATIONS.join(', ')}`);
      }
      const sources = spec.columns ?? (spec.column ? [spec.column] : []);
      if (spec.column && spec.columns) fail(path, 'give either column or columns, not both');
      if (spec.derive === 'initials') {
        if (sources.length !== 1 && sources.length !== 2) {
          fail(path, `derive "initials" needs columns: [forename, surname] (or one column holding initials), got ${sources.length}`);
        }
      } else if (sources.length !== 1) {
        fail(path, `derive "${spec.derive}" needs exactly one column, got ${sources.length}`);
      }
    }
  }
  if (s.truth?.pattern !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(s.truth.pattern);
    } catch (error) {
      fail(['truth', 'pattern'], `not a regular expression: ${oneLine((error as Error).message)}`);
    }
    if (!/\((?!\?)/.test(re.source)) fail(['truth', 'pattern'], 'needs a capturing group: the entity');
  }
  s.blocking_rules.forEach((rule, r) => rule.forEach((key, k) => expectValue(['blocking_rules', r, k], key)));
  s.training.rules?.forEach((rule, r) => rule.forEach((key, k) => expectValue(['training', 'rules', r, k], key)));
  const seen = new Set<string>();
  s.comparisons.forEach((comparison, c) => {
    const path: PropertyKey[] = ['comparisons', c];
    if (seen.has(comparison.name)) fail([...path, 'name'], `duplicate comparison name "${comparison.name}"`);
    seen.add(comparison.name);
    expectValue([...path, 'column'], comparison.column);
    if (!(comparison.tf_minimum_u > 0 && comparison.tf_minimum_u < 1)) {
      fail([...path, 'tf_minimum_u'], `must be in (0, 1), got ${comparison.tf_minimum_u}`);
    }
    let nonNull = 0;
    let fixedM = 0;
    let fixedU = 0;
    let priored = 0;
    let priorSum = 0;
    comparison.levels.forEach((level, l) => {
      const lp = [...path, 'levels', l];
      if (!(LEVEL_TYPES as readonly string[]).includes(level.type)) {
        fail([...lp, 'type'], `unknown level "${level.type}"; expected one of ${LEVEL_TYPES.join(', ')}`);
      }
      if (level.type === 'null' && l !== 0) fail([...lp, 'type'], 'the null level must come first');
      if (level.type === 'else' && l !== comparison.levels.length - 1) fail([...lp, 'type'], 'the else level must come last');
      if (level.type === 'jaro_winkler') {
        if (level.threshold === undefined) fail([...lp, 'threshold'], 'jaro_winkler needs a threshold in (0, 1]');
        if (!(level.threshold > 0 && level.threshold <= 1)) fail([...lp, 'threshold'], `must be in (0, 1], got ${level.threshold}`);
      } else if (level.threshold !== undefined) {
        fail([...lp, 'threshold'], `only jaro_winkler levels take a threshold`);
      }
      if (level.type === 'levenshtein' || level.type === 'damerau_levenshtein') {
        if (level.k === undefined) fail([...lp, 'k'], `${level.type} needs k, a whole number >= 1`);
        if (!(Number.isInteger(level.k) && level.k >= 1 && level.k <= 50)) fail([...lp, 'k'], `must be a whole number in 1..50, got ${level.k}`);
      } else if (level.k !== undefined) {
        fail([...lp, 'k'], 'only levenshtein and damerau_levenshtein levels take k');
      }
      if (level.type === 'date_placeholder') {
        const dm = level.day_month ?? '01-01';
        const parsed = /^(\d\d)-(\d\d)$/.exec(dm);
        if (!parsed || Number(parsed[1]) < 1 || Number(parsed[1]) > 12 || Number(parsed[2]) < 1 || Number(parsed[2]) > 31) {
          fail([...lp, 'day_month'], `must be a day and month as MM-DD (01-01 for 1 January), got "${dm}"`);
        }
      } else if (level.day_month !== undefined) {
        fail([...lp, 'day_month'], 'only date_placeholder levels take day_month');
      }
      if (level.column !== undefined) {
        if (level.type === 'null' || level.type === 'else') fail([...lp, 'column'], `a ${level.type} level takes no column`);
        expectValue([...lp, 'column'], level.column);
      }
      if (isDateLevel(level.type)) {
        const target = s.columns[level.column ?? comparison.column];
        if (target && (target.left.derive !== 'date' || target.right.derive !== 'date')) {
          fail([...lp, 'type'], `level "${level.type}" needs a column derived with "date" on both sides`);
        }
      }
      for (const key of ['m', 'u', 'm_prior'] as const) {
        const value = level[key];
        if (value === undefined) continue;
        if (level.type === 'null') fail([...lp, key], `the null level has no ${key} (it carries no evidence)`);
        if (key === 'm_prior' && !(value > 0 && value < 1)) fail([...lp, key], `must be in (0, 1), got ${value}`);
        if (!(value > 0 && value <= 1)) fail([...lp, key], `must be in (0, 1], got ${value}`);
      }
      if (level.type !== 'null') {
        nonNull++;
        if (level.m !== undefined) fixedM++;
        if (level.u !== undefined) fixedU++;
        if (level.m_prior !== undefined) {
          priored++;
          priorSum += level.m_prior;
        }
      }
    });
    if (nonNull < 2) fail([...path, 'levels'], 'needs at least two levels besides the null level');
    if (comparison.levels[comparison.levels.length - 1].type !== 'else') {
      fail([...path, 'levels', comparison.levels.length - 1, 'type'], 'the last level must be "else"');
    }
    if (fixedM !== 0 && fixedM !== nonNull) fail([...path, 'levels'], 'give m for every non-null level or for none');
    if (fixedU !== 0 && fixedU !== nonNull) fail([...path, 'levels'], 'give u for every non-null level or for none');
    checkPrior(path, comparison, { priored, priorSum, nonNull, fixedM });
  });
  checkTrainable(s);
  if ('match_probability' in s.threshold) {
    const p = s.threshold.match_probability;
    if (!(p > 0 && p < 1)) fail(['threshold', 'match_probability'], `must be in (0, 1), got ${p}`);
  } else if (!Number.isFinite(s.threshold.match_weight)) {
    fail(['threshold', 'match_weight'], `must be a finite number, got ${s.threshold.match_weight}`);
  }
  const t = s.training;
  if (t.u_sample_pairs < 1000) fail(['training', 'u_sample_pairs'], `must be >= 1000, got ${t.u_sample_pairs}`);
  if (t.u_min_agreeing < 1) fail(['training', 'u_min_agreeing'], `must be >= 1, got ${t.u_min_agreeing}`);
  const c = t.checks;
  if (!(c.max_matches_per_record > 0)) fail(['training', 'checks', 'max_matches_per_record'], `must be > 0, got ${c.max_matches_per_record}`);
  if (!(c.min_separation >= 0 && c.min_separation < 1)) fail(['training', 'checks', 'min_separation'], `must be in [0, 1), got ${c.min_separation}`);
  if (!(c.min_m_agree >= 0 && c.min_m_agree < 1)) fail(['training', 'checks', 'min_m_agree'], `must be in [0, 1), got ${c.min_m_agree}`);
  if (t.em_max_iterations < 1) fail(['training', 'em_max_iterations'], `must be >= 1, got ${t.em_max_iterations}`);
  if (!(t.em_tolerance > 0 && t.em_tolerance < 1)) fail(['training', 'em_tolerance'], `must be in (0, 1), got ${t.em_tolerance}`);
  if (t.lambda !== undefined && !(t.lambda > 0 && t.lambda < 1)) fail(['training', 'lambda'], `must be in (0, 1), got ${t.lambda}`);
  if (s.max_pairs < 1) fail(['max_pairs'], `must be >= 1, got ${s.max_pairs}`);
}

/** A prior on m: shares on every non-null level summing to 1, with how many matches they count as; not beside m given by hand. */
function checkPrior(path: PropertyKey[], c: ComparisonSettings, n: { priored: number; priorSum: number; nonNull: number; fixedM: number }): void {
  const weight = c.m_prior_matches;
  if (n.priored === 0) {
    if (weight !== undefined) fail([...path, 'm_prior_matches'], 'needs m_prior on every non-null level (the prior\'s shares of matches)');
    return;
  }
  if (n.priored !== n.nonNull) fail([...path, 'levels'], 'give m_prior for every non-null level or for none');
  if (Math.abs(n.priorSum - 1) > 1e-6) fail([...path, 'levels'], `the m_prior shares must sum to 1, got ${Number(n.priorSum.toPrecision(6))}`);
  if (n.fixedM > 0) fail([...path, 'levels'], 'm is given by hand, so it is not trained: a prior on it (m_prior) means nothing');
  if (weight === undefined) fail([...path, 'm_prior_matches'], 'needed with m_prior: how many matches the prior counts as (0 turns it off)');
  if (!(Number.isFinite(weight) && weight >= 0)) fail([...path, 'm_prior_matches'], `must be a number >= 0, got ${weight}`);
}

/** Source columns of the named values, per side. */
function sourcesOf(s: LinkageSettings, names: string[]): { left: Set<string>; right: Set<string> } {
  const left = new Set<string>();
  const right = new Set<string>();
  for (const name of names) {
    sourceColumns(s.columns[name].left).forEach((c) => left.add(c));
    sourceColumns(s.columns[name].right).forEach((c) => right.add(c));
  }
  return { left, right };
}

/** The values a comparison reads: its own column and any level's. */
export function comparisonValueNames(c: ComparisonSettings): string[] {
  return [c.column, ...c.levels.flatMap((l) => (l.column ? [l.column] : []))];
}

/**
 * Whether a training rule leaves a comparison free to train: within the rule's pairs every
 * value sharing a source column with the rule's keys is (nearly) fixed, for matches and
 * non-matches alike, so EM can learn nothing about it there (Splink's method).
 */
export function ruleTrains(s: LinkageSettings, rule: string[], comparison: ComparisonSettings): boolean {
  const keys = sourcesOf(s, rule);
  const reads = sourcesOf(s, comparisonValueNames(comparison));
  for (const c of reads.left) if (keys.left.has(c)) return false;
  for (const c of reads.right) if (keys.right.has(c)) return false;
  return true;
}

/** Every comparison without m given by hand needs a training rule that leaves it free: say which and how to fix it before any work. */
function checkTrainable(s: LinkageSettings): void {
  const rules = s.training.rules ?? s.blocking_rules;
  const where = s.training.rules ? 'training.rules' : 'blocking_rules (the training rules by default)';
  s.comparisons.forEach((c, k) => {
    if (c.levels.some((l) => l.m !== undefined)) return;
    if (rules.some((rule) => ruleTrains(s, rule, c))) return;
    fail(
      ['comparisons', k],
      `comparison "${c.name}" is constrained by every training rule in ${where}, so EM cannot estimate its m; add a training rule that does not use its columns (${sourceColumns(s.columns[c.column].left).join(', ')}), or give m by hand for its levels`,
    );
  });
}

/** Source columns a value reads on one side. */
export function sourceColumns(spec: SideSettings): string[] {
  return spec.columns ?? (spec.column ? [spec.column] : []);
}

/** Check every column the settings name exists in the tables; throw an InputError naming the first that does not. */
export function checkSettingsAgainstTables(s: LinkageSettings, left: Table, right: Table): void {
  const tables = { left, right } as const;
  const need = (path: PropertyKey[], side: 'left' | 'right', column: string): void => {
    const table = tables[side];
    if (!(column in table.columns)) {
      fail(path, `column "${column}" not in the ${side} table ${table.name} (it has: ${Object.keys(table.columns).join(', ')})`);
    }
  };
  const sides = s.link_type === 'dedupe_only' ? (['left'] as const) : (['left', 'right'] as const);
  for (const side of sides) need(['ids', side], side, s.ids[side]);
  if (s.score_group) need(['score_group'], 'left', s.score_group);
  for (const [name, value] of Object.entries(s.columns)) {
    for (const side of sides) {
      const spec = value[side];
      if (spec.columns) spec.columns.forEach((c, i) => need(['columns', name, side, 'columns', i], side, c));
      else if (spec.column) need(['columns', name, side, 'column'], side, spec.column);
    }
  }
}

/** The threshold as a match weight (log2 odds). */
export function thresholdWeight(threshold: Threshold): number {
  if ('match_weight' in threshold) return threshold.match_weight;
  const p = threshold.match_probability;
  return Math.log2(p / (1 - p));
}
