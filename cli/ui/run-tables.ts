/**
 * The tables the person explorer needs from a run folder. Small key columns are read whole
 * once (to search and to know whose each record is); the rows shown for a person are read
 * by id when shown, since a scale 1 run holds about a million NDTMS episodes.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../src/errors.ts';
import { readRunTable } from '../../src/io/read-table.ts';
import { parseCsvRows, readTextFile } from '../../src/io/csv-read.ts';
import { isoFromDay } from '../../src/io/dates.ts';
import { NULL_INT, getColumn, makeTable, type Column, type ColumnKind, type Table } from '../../src/io/table.ts';
import { TABLES } from '../../src/records/tables.ts';
import { TRUTH_TABLES } from '../../src/records/truth-tables.ts';

/** One cell as text: dates ISO, booleans yes/no, missing values null. */
export function textAt(table: Table, column: string, row: number): string | null {
  const c = getColumn(table, column);
  switch (c.kind) {
    case 'string':
      return c.values[row];
    case 'int':
      return c.values[row] === NULL_INT ? null : String(c.values[row]);
    case 'date':
      return c.values[row] === NULL_INT ? null : isoFromDay(c.values[row]);
    case 'float':
      return Number.isNaN(c.values[row]) ? null : String(c.values[row]);
    case 'bool':
      return c.values[row] === 255 ? null : c.values[row] ? 'yes' : 'no';
  }
}

export function rowAt(table: Table, row: number): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of Object.keys(table.columns)) out[name] = textAt(table, name, row);
  return out;
}

export function pick<T extends Record<string, ColumnKind>>(columns: T, names: readonly (keyof T & string)[]): Record<string, ColumnKind> {
  return Object.fromEntries(names.map((n) => [n, columns[n]]));
}

/** Row indexes grouped by an int key column (person_id, requirement_id). */
export function groupBy(table: Table, column: string): Map<number, number[]> {
  const values = getColumn(table, column).values as Int32Array;
  const map = new Map<number, number[]>();
  values.forEach((v, i) => {
    if (v === NULL_INT) return;
    const list = map.get(v);
    if (list) list.push(i);
    else map.set(v, [i]);
  });
  return map;
}

export function indexBy(table: Table, column: string): Map<string, number> {
  const values = getColumn(table, column).values as (string | number | null)[] | Int32Array;
  const map = new Map<string, number>();
  values.forEach((v: string | number | null, i: number) => {
    if (v !== null) map.set(String(v), i);
  });
  return map;
}

export interface Link {
  recordId: string;
  episodeId: string;
  weight: number;
  probability: number;
}

/** linkage/links.csv, written by the linkage stage; null when the run has none. */
export function readLinks(runDir: string): Link[] | null {
  const path = join(runDir, 'linkage', 'links.csv');
  if (!existsSync(path)) return null;
  const [header, ...rows] = parseCsvRows(readTextFile(path), path);
  const at = (name: string) => header.indexOf(name);
  const [r, e, w, p] = [at('record_id'), at('episode_id'), at('match_weight'), at('match_probability')];
  if (r < 0 || e < 0) return null;
  return rows
    .filter((row) => row.length > 1)
    .map((row) => ({ recordId: row[r], episodeId: row[e], weight: w < 0 ? NaN : Number(row[w]), probability: p < 0 ? NaN : Number(row[p]) }));
}

const DUCK_TYPE: Record<ColumnKind, string> = { string: 'VARCHAR', int: 'INTEGER', float: 'DOUBLE', date: 'DATE', bool: 'BOOLEAN' };
const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Rows of a run table whose `key` is one of `keys`, typed as readRunTable types them. It
 * exists because readRunTable reads whole tables; src/io could offer this (see the report).
 */
export class RowReader {
  private connection: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | null = null;

  constructor(private readonly runDir: string) {}

  private source(side: 'observed' | 'truth', name: string): string {
    const parquet = join(this.runDir, side, `${name}.parquet`);
    const csv = join(this.runDir, side, `${name}.csv`);
    if (existsSync(parquet)) return `read_parquet(${sql(parquet)})`;
    if (existsSync(csv)) {
      // DuckDB wants every column of a CSV typed, and a run may hold columns this code does not know.
      const known: Record<string, ColumnKind> = (ALL_TABLES as Record<string, { columns: Record<string, ColumnKind> }>)[name]?.columns ?? {};
      const types = csvHeader(csv).map((n) => `${sql(n)}: ${sql(DUCK_TYPE[known[n] ?? 'string'])}`).join(', ');
      return `read_csv(${sql(csv)}, header = true, nullstr = '', columns = {${types}})`;
    }
    throw new InputError(`${this.runDir}: table ${side}/${name} is missing (neither .parquet nor .csv)`);
  }

  /** Whole columns of a table: readRunTable for Parquet; CSV here, since it can read a subset of columns. */
  async all(side: 'observed' | 'truth', name: string, columns: Record<string, ColumnKind>): Promise<Table> {
    if (existsSync(join(this.runDir, side, `${name}.parquet`))) return readRunTable(this.runDir, side, name, columns);
    return this.read(side, name, columns, null, null);
  }

  /** Rows whose `key` is one of `keys`; every row when `key` is null. */
  async read(side: 'observed' | 'truth', name: string, columns: Record<string, ColumnKind>, key: string | null, keys: (string | number)[] | null): Promise<Table> {
    const names = Object.keys(columns);
    if (key !== null && keys !== null && keys.length === 0) return emptyTable(name, columns);
    if (!this.connection) {
      this.connection = DuckDBInstance.create(':memory:', { threads: '2' }).then(async (instance) => ({ instance, connection: await instance.connect() }));
    }
    const { connection } = await this.connection;
    const select = names.map((n) => (columns[n] === 'date' ? `(${ident(n)} - DATE '1970-01-01')::INTEGER AS ${ident(n)}` : ident(n))).join(', ');
    const where = key === null || keys === null ? '' : ` WHERE ${ident(key)} IN (${keys.map((k) => (typeof k === 'number' ? String(k) : sql(k))).join(', ')})`;
    let reader;
    try {
      reader = await connection.runAndReadAll(`SELECT ${select} FROM ${this.source(side, name)}${where}`);
    } catch (error) {
      throw new InputError(`${this.runDir}: cannot read ${side}/${name}: ${(error as Error).message.split('\n')[0]}`);
    }
    const data = reader.getColumnsJS();
    const out: Record<string, Column> = {};
    names.forEach((n, i) => {
      // No rows: DuckDB gives no columns at all.
      const values = (data[i] ?? []) as unknown[];
      const k = columns[n];
      if (k === 'string') out[n] = { kind: 'string', values: values as (string | null)[] };
      else if (k === 'int' || k === 'date') out[n] = { kind: k, values: Int32Array.from(values, (v) => (v === null ? NULL_INT : Number(v))) };
      else if (k === 'float') out[n] = { kind: 'float', values: Float64Array.from(values, (v) => (v === null ? NaN : Number(v))) };
      else out[n] = { kind: 'bool', values: Uint8Array.from(values, (v) => (v === null ? 255 : v ? 1 : 0)) };
    });
    return makeTable(name, out);
  }

  close(): void {
    void this.connection?.then(({ instance, connection }) => {
      connection.closeSync();
      instance.closeSync();
    });
    this.connection = null;
  }
}

const ALL_TABLES = { ...TABLES, ...TRUTH_TABLES };

function csvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    return parseCsvRows(text.split(/\r?\n/)[0], path)[0] ?? [];
  } finally {
    closeSync(fd);
  }
}

function emptyTable(name: string, columns: Record<string, ColumnKind>): Table {
  const out: Record<string, Column> = {};
  for (const [n, k] of Object.entries(columns)) {
    if (k === 'string') out[n] = { kind: 'string', values: [] };
    else if (k === 'float') out[n] = { kind: 'float', values: new Float64Array(0) };
    else if (k === 'bool') out[n] = { kind: 'bool', values: new Uint8Array(0) };
    else out[n] = { kind: k, values: new Int32Array(0) };
  }
  return makeTable(name, out);
}

export interface RunTables {
  runDir: string;
  rows: RowReader;
  /** person_id, crn. */
  people: Table;
  /** requirement_id, person_id, scope, sentence_date. */
  requirements: Table;
  /** record_id, requirement_id, person_id. */
  ndeliusKey: Table;
  ndtmsKey: Table;
  pnomisKey: Table;
  courtsKey: Table;
  links: Link[] | null;
  personByCrn: Map<string, number>;
  requirementsByPerson: Map<number, number[]>;
  ndeliusByRequirement: Map<number, number[]>;
  ndtmsKeyByPerson: Map<number, number[]>;
  ndtmsKeyRowById: Map<string, number>;
  pnomisKeyByPerson: Map<number, number[]>;
  courtsKeyByPerson: Map<number, number[]>;
  linksByRecord: Map<string, Link[]>;
}

export async function loadRunTables(runDir: string): Promise<RunTables> {
  const K = TRUTH_TABLES;
  const rows = new RowReader(runDir);
  const [people, requirements, ndeliusKey, ndelius, ndtmsKey, pnomisKey, courtsKey] = await Promise.all([
    rows.all('truth', 'truth_people', pick(K.truth_people.columns, ['person_id', 'crn'])),
    rows.all('truth', 'truth_requirements', pick(K.truth_requirements.columns, ['requirement_id', 'person_id', 'scope', 'sentence_date'])),
    rows.all('truth', 'truth_ndelius_requirements', pick(K.truth_ndelius_requirements.columns, ['record_id', 'requirement_id', 'person_id'])),
    rows.all('observed', 'ndelius_requirements', pick(TABLES.ndelius_requirements.columns, ['record_id', 'crn'])),
    rows.all('truth', 'truth_ndtms_community', K.truth_ndtms_community.columns),
    rows.all('truth', 'truth_pnomis_spells', pick(K.truth_pnomis_spells.columns, ['spell_id', 'person_id', 'requirement_id'])),
    rows.all('truth', 'truth_court_outcomes', pick(K.truth_court_outcomes.columns, ['case_id', 'person_id', 'requirement_id'])),
  ]);
  const personIds = getColumn(people, 'person_id').values as Int32Array;
  const personByCrn = new Map<string, number>();
  (getColumn(people, 'crn').values as (string | null)[]).forEach((crn, i) => {
    if (crn) personByCrn.set(crn.toUpperCase(), personIds[i]);
  });
  // A CRN as nDelius holds it finds the person too, should it differ from the true one.
  const keyRow = indexBy(ndeliusKey, 'record_id');
  const keyPerson = getColumn(ndeliusKey, 'person_id').values as Int32Array;
  (getColumn(ndelius, 'crn').values as (string | null)[]).forEach((crn, i) => {
    const k = keyRow.get(textAt(ndelius, 'record_id', i) ?? '');
    if (crn && k !== undefined && !personByCrn.has(crn.toUpperCase())) personByCrn.set(crn.toUpperCase(), keyPerson[k]);
  });
  const links = readLinks(runDir);
  const linksByRecord = new Map<string, Link[]>();
  for (const link of links ?? []) {
    const list = linksByRecord.get(link.recordId);
    if (list) list.push(link);
    else linksByRecord.set(link.recordId, [link]);
  }
  return {
    runDir,
    rows,
    people,
    requirements,
    ndeliusKey,
    ndtmsKey,
    pnomisKey,
    courtsKey,
    links,
    personByCrn,
    requirementsByPerson: groupBy(requirements, 'person_id'),
    ndeliusByRequirement: groupBy(ndeliusKey, 'requirement_id'),
    ndtmsKeyByPerson: groupBy(ndtmsKey, 'person_id'),
    ndtmsKeyRowById: indexBy(ndtmsKey, 'episode_id'),
    pnomisKeyByPerson: groupBy(pnomisKey, 'person_id'),
    courtsKeyByPerson: groupBy(courtsKey, 'person_id'),
    linksByRecord,
  };
}

/** Named, not all: runs written by an older version lack columns added since. */
export const REQUIREMENT_COLUMNS = [
  'requirement_id', 'person_id', 'scope', 'requirement_type', 'order_type', 'court_type', 'offence_group', 'sentence_date',
  'length_months', 'termination_reason', 'termination_date', 'structured', 'start_band', 'treatment_start', 'treatment_end',
  'status', 'cjit', 'other_treatment', 'any_treatment', 'engaged_in_window', 'prison_within_12m', 'reconvicted',
] as const;

export const PERSON_COLUMNS = [
  'person_id', 'forename', 'surname', 'alt_surname', 'sex', 'dob', 'ethnicity', 'region_code', 'postcode', 'pnc', 'crn', 'prison_number', 'nhs_number',
] as const;

/** What is shown of one person: their rows, read by id. */
export interface PersonTables {
  person: Table;
  requirements: Table;
  ndelius: Table;
  ndtms: Table;
  pnomis: Table;
  courts: Table;
}

export async function readPersonTables(t: RunTables, personId: number, requirementId: number, episodeIds: string[], spellIds: string[], caseIds: string[], recordIds: string[]): Promise<PersonTables> {
  const T = TABLES;
  const K = TRUTH_TABLES;
  const identity = ['forename', 'surname', 'dob', 'sex', 'pnc'] as const;
  // One connection serves them in turn; DuckDB filters the Parquet files by id.
  const person = await t.rows.read('truth', 'truth_people', pick(K.truth_people.columns, PERSON_COLUMNS), 'person_id', [personId]);
  const requirements = await t.rows.read('truth', 'truth_requirements', pick(K.truth_requirements.columns, REQUIREMENT_COLUMNS), 'requirement_id', [requirementId]);
  const ndelius = await t.rows.read(
    'observed',
    'ndelius_requirements',
    pick(T.ndelius_requirements.columns, ['record_id', 'crn', ...identity, 'postcode', 'nhs_number']),
    'record_id',
    recordIds,
  );
  const ndtms = await t.rows.read(
    'observed',
    'ndtms_community',
    pick(T.ndtms_community.columns, ['episode_id', 'initials', 'dob', 'sex', 'postcode_sector', 'nhs_number', 'triage_date', 'discharge_date', 'discharge_reason']),
    'episode_id',
    episodeIds,
  );
  const pnomis = await t.rows.read('observed', 'pnomis_spells', pick(T.pnomis_spells.columns, ['spell_id', 'prison_number', ...identity, 'reception_date', 'release_date']), 'spell_id', spellIds);
  const courts = await t.rows.read('observed', 'court_outcomes', pick(T.court_outcomes.columns, ['case_id', ...identity, 'offence_group', 'offence_date', 'outcome', 'outcome_date']), 'case_id', caseIds);
  return { person, requirements, ndelius, ndtms, pnomis, courts };
}
