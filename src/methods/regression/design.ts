/**
 * From a columnar table and a parsed formula to the numeric model: drop rows with a missing
 * value in any variable the formula uses (R's na.omit), code the outcome 0/1, expand factor
 * columns to treatment contrasts, and order rows by group.
 *
 * Factor levels are sorted in plain Unicode code-point order, not R's locale collation
 * (which differs between machines); this equals R's order in the C locale, e.g.
 * sort(x, method = "radix"). The baseline is the first level unless `reference` names
 * another. Term names follow R: the column name, or column name + level for a contrast.
 */
import { InputError } from '../../errors.ts';
import { NULL_INT, type Column, type Table } from '../../io/table.ts';
import type { ParsedFormula } from './formula.ts';
import { aliasedColumns } from './linear-algebra.ts';
import type { GlmmData } from './model.ts';

export interface DesignOptions {
  /** Baseline level per factor column (and, for a two-level factor outcome, its "0" level). */
  reference?: Record<string, string>;
}

export interface Design {
  data: GlmmData;
  /** Rows dropped because a variable in the formula was missing. */
  droppedRows: number;
  /** For a factor outcome: the level coded 0 and the level coded 1. */
  outcomeLevels: [string, string] | null;
  /** Levels of each factor predictor, baseline first. */
  factorLevels: Record<string, string[]>;
}

/** Code-point order, so the sort does not depend on the machine's locale. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const d = (ca.value.codePointAt(0) as number) - (cb.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

function isMissing(column: Column, i: number): boolean {
  switch (column.kind) {
    case 'string':
      return column.values[i] === null;
    case 'int':
    case 'date':
      return column.values[i] === NULL_INT;
    case 'float':
      return !Number.isFinite(column.values[i]);
    case 'bool':
      return column.values[i] === 255;
  }
}

function numericValue(column: Column, i: number): number {
  if (column.kind === 'string') throw new Error('numericValue on a string column');
  return column.values[i];
}

/** Group keys as text, so an integer area code groups the same as its string form. */
function keyOf(column: Column, i: number): string {
  return column.kind === 'string' ? (column.values[i] as string) : String(column.values[i]);
}

function levelsWithReference(values: Set<string>, column: string, reference: string | undefined): string[] {
  const levels = [...values].sort(compareCodePoints);
  if (reference !== undefined) {
    const at = levels.indexOf(reference);
    if (at < 0) {
      throw new InputError(`reference level "${reference}" is not a value of column ${column} (values: ${levels.slice(0, 10).join(', ')}${levels.length > 10 ? ', ...' : ''})`);
    }
    levels.splice(at, 1);
    levels.unshift(reference);
  }
  return levels;
}

export function buildDesign(table: Table, formula: ParsedFormula, options: DesignOptions = {}): Design {
  const reference = options.reference ?? {};
  if (formula.group === null) {
    throw new InputError(
      'formula has no random intercept such as (1 | region): pathways fits multilevel (mixed) logistic models only',
    );
  }
  const used = [formula.response, ...formula.predictors, formula.group];
  const missingColumns = used.filter((name) => !(name in table.columns));
  if (missingColumns.length > 0) {
    throw new InputError(
      `formula names column${missingColumns.length > 1 ? 's' : ''} not in the data: ${[...new Set(missingColumns)].join(', ')} (columns: ${Object.keys(table.columns).join(', ')})`,
    );
  }
  if (formula.predictors.includes(formula.response)) {
    throw new InputError(`outcome ${formula.response} also appears as a predictor`);
  }
  for (const column of Object.keys(reference)) {
    if (column !== formula.response && !formula.predictors.includes(column)) {
      throw new InputError(`reference level given for ${column}, which is not a predictor or outcome in the formula`);
    }
    if (table.columns[column].kind !== 'string') {
      throw new InputError(`reference level given for ${column}, which is numeric, not a factor`);
    }
  }

  const columns = [...new Set(used)].map((name) => table.columns[name]);
  const kept: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    if (!columns.some((column) => isMissing(column, i))) kept.push(i);
  }
  const droppedRows = table.rowCount - kept.length;
  if (kept.length === 0) throw new InputError('no complete rows: every row has a missing value in a variable of the formula');

  // Outcome as 0/1.
  const outcomeColumn = table.columns[formula.response];
  const outcome = new Float64Array(kept.length);
  let outcomeLevels: [string, string] | null = null;
  if (outcomeColumn.kind === 'string') {
    const values = new Set(kept.map((i) => outcomeColumn.values[i] as string));
    const levels = levelsWithReference(values, formula.response, reference[formula.response]);
    if (levels.length !== 2) {
      throw new InputError(`outcome ${formula.response} must be binary, but has ${levels.length} distinct value${levels.length === 1 ? '' : 's'}${levels.length <= 5 ? ` (${levels.join(', ')})` : ''}`);
    }
    outcomeLevels = [levels[0], levels[1]];
    kept.forEach((row, r) => (outcome[r] = outcomeColumn.values[row] === levels[1] ? 1 : 0));
  } else {
    kept.forEach((row, r) => {
      const v = numericValue(outcomeColumn, row);
      if (v !== 0 && v !== 1) {
        throw new InputError(`outcome ${formula.response} must be binary (0/1), but row ${row + 1} has ${v}`);
      }
      outcome[r] = v;
    });
  }
  let ones = 0;
  for (let r = 0; r < outcome.length; r++) ones += outcome[r];
  if (ones === 0 || ones === outcome.length) {
    throw new InputError(`outcome ${formula.response} is the same (${ones === 0 ? 0 : 1}) in every complete row; nothing to model`);
  }

  // Fixed-effects columns: intercept, then each predictor (numeric, or one contrast per non-baseline level).
  const termNames = ['(Intercept)'];
  const fillers: ((row: number, out: Float64Array, at: number) => void)[] = [];
  const factorLevels: Record<string, string[]> = {};
  for (const name of formula.predictors) {
    const column = table.columns[name];
    if (column.kind === 'string') {
      const values = new Set(kept.map((i) => column.values[i] as string));
      const levels = levelsWithReference(values, name, reference[name]);
      if (levels.length < 2) {
        throw new InputError(`factor ${name} has only one level (${levels[0]}) in the complete rows; contrasts need two or more`);
      }
      factorLevels[name] = levels;
      const index = new Map(levels.map((level, k) => [level, k]));
      const first = termNames.length;
      for (const level of levels.slice(1)) termNames.push(name + level);
      fillers.push((row, out, at) => {
        const k = index.get(column.values[row] as string) as number;
        if (k > 0) out[at + first + k - 1] = 1;
      });
    } else {
      const at0 = termNames.length;
      termNames.push(name);
      fillers.push((row, out, at) => {
        out[at + at0] = numericValue(column, row);
      });
    }
  }
  const p = termNames.length;

  // Order rows by group level so each group is contiguous.
  const groupColumn = table.columns[formula.group];
  const groupLevels = [...new Set(kept.map((i) => keyOf(groupColumn, i)))].sort(compareCodePoints);
  if (groupLevels.length < 2) {
    throw new InputError(`grouping variable ${formula.group} has ${groupLevels.length} level in the complete rows; a random intercept needs at least 2`);
  }
  const groupIndex = new Map(groupLevels.map((level, k) => [level, k]));
  const groupOfRow = kept.map((i) => groupIndex.get(keyOf(groupColumn, i)) as number);
  const n = kept.length;
  // By group, and within a group in table order (a stable counting sort).
  const order = new Int32Array(n);
  const next = new Int32Array(groupLevels.length + 1);
  for (let r = 0; r < n; r++) next[groupOfRow[r] + 1]++;
  for (let j = 0; j < groupLevels.length; j++) next[j + 1] += next[j];
  for (let r = 0; r < n; r++) order[next[groupOfRow[r]]++] = r;
  const y = new Float64Array(n);
  const x = new Float64Array(n * p);
  const groupStart = new Int32Array(groupLevels.length + 1);
  for (let r = 0; r < n; r++) {
    const source = order[r];
    y[r] = outcome[source];
    const at = r * p;
    x[at] = 1;
    const row = kept[source];
    for (const fill of fillers) fill(row, x, at);
    groupStart[groupOfRow[source] + 1]++;
  }
  for (let j = 0; j < groupLevels.length; j++) groupStart[j + 1] += groupStart[j];

  // A design that cannot identify every coefficient is an input problem, not a fit to attempt.
  // Over each row's nonzeros only: a zero would add nothing.
  const crossProduct = new Float64Array(p * p);
  const nonzero = new Int32Array(p);
  for (let r = 0; r < n; r++) {
    const at = r * p;
    let count = 0;
    for (let a = 0; a < p; a++) {
      const xa = x[at + a];
      if (xa === 0) continue;
      nonzero[count++] = a;
      for (let q = 0; q < count; q++) crossProduct[a * p + nonzero[q]] += xa * x[at + nonzero[q]];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) crossProduct[b * p + a] = crossProduct[a * p + b];
  const aliased = aliasedColumns(crossProduct, p);
  if (aliased.length > 0) {
    throw new InputError(
      `fixed effects are collinear: ${aliased.map((k) => termNames[k]).join(', ')} ${aliased.length > 1 ? 'are linear combinations' : 'is a linear combination'} of earlier terms (or constant); drop ${aliased.length > 1 ? 'them' : 'it'} from the formula`,
    );
  }

  return {
    data: { y, x, p, groupStart, termNames, groupName: formula.group, groupLevels },
    droppedRows,
    outcomeLevels,
    factorLevels,
  };
}
