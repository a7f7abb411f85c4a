/**
 * One requirement of one person, as the explorer shows it: what really happened (truth) beside
 * what each system recorded, field by field, and the links the linkage made for it.
 */
import { initials } from '../../src/records/initials.ts';
import { getColumn, type Table } from '../../src/io/table.ts';
import { readPersonTables, rowAt, textAt, type PersonTables, type RunTables } from './run-tables.ts';

export interface Cell {
  value: string | null;
  /** The recorded value is not the true one (a missing value counts when the truth has one). */
  differs: boolean;
}

export interface Column {
  key: string;
  title: string;
  width: number;
}

export interface RecordRow {
  id: string;
  cells: Record<string, Cell>;
  /** The row is about someone else (a false link). */
  otherPerson: boolean;
  /** The row is keyed to the requirement shown (not to an earlier or later journey). */
  thisRequirement: boolean;
  link: { weight: number; probability: number } | null;
}

export interface RecordGroup {
  system: string;
  title: string;
  columns: Column[];
  truth: Record<string, string | null>;
  rows: RecordRow[];
}

export interface TimelineEvent {
  date: string;
  what: string;
  source: string;
}

export interface LinkSummary {
  /** linkage/links.csv exists in the run folder. */
  present: boolean;
  links: number;
  trueLinks: number;
  falseLinks: number;
  /** This requirement's true NDTMS episodes the linkage did not find. */
  missed: number;
}

export interface PersonView {
  personId: number;
  crn: string | null;
  requirementId: number;
  /** 1-based position among the person's requirements. */
  requirementNumber: number;
  requirementCount: number;
  person: Record<string, string | null>;
  requirement: Record<string, string | null>;
  timeline: TimelineEvent[];
  groups: RecordGroup[];
  linkage: LinkSummary;
}

/** NDTMS holds a postcode sector: the outward code and the first digit of the inward code. */
export function postcodeSector(postcode: string | null): string | null {
  if (!postcode) return null;
  const [outward, inward] = postcode.trim().split(/\s+/);
  return inward ? `${outward} ${inward[0]}` : outward;
}

/** The initials NDTMS would hold for a name (the UI compares them with what it holds). */
export const initialsOf = initials;

function compare(value: string | null, truth: string | null): Cell {
  const same = (value ?? '').toUpperCase() === (truth ?? '').toUpperCase();
  return { value, differs: !same };
}

function cellsOf(table: Table, row: number, truth: Record<string, string | null>, compared: string[], shown: string[]): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const key of shown) {
    const value = textAt(table, key, row);
    cells[key] = compared.includes(key) ? compare(value, truth[key] ?? null) : { value, differs: false };
  }
  return cells;
}

const NDELIUS_COLUMNS: Column[] = [
  { key: 'record_id', title: 'record', width: 9 },
  { key: 'crn', title: 'CRN', width: 7 },
  { key: 'forename', title: 'forename', width: 10 },
  { key: 'surname', title: 'surname', width: 10 },
  { key: 'dob', title: 'born', width: 11 },
  { key: 'sex', title: 'sex', width: 3 },
  { key: 'pnc', title: 'PNC', width: 13 },
  { key: 'postcode', title: 'postcode', width: 8 },
];

const NDTMS_COLUMNS: Column[] = [
  { key: 'episode_id', title: 'episode', width: 9 },
  { key: 'initials', title: 'init', width: 4 },
  { key: 'dob', title: 'born', width: 11 },
  { key: 'sex', title: 'sex', width: 3 },
  { key: 'postcode_sector', title: 'sector', width: 7 },
  { key: 'triage_date', title: 'triage', width: 10 },
  { key: 'discharge_date', title: 'discharge', width: 10 },
  { key: 'discharge_reason', title: 'rsn', width: 3 },
];

const PNOMIS_COLUMNS: Column[] = [
  { key: 'spell_id', title: 'spell', width: 9 },
  { key: 'prison_number', title: 'prison no', width: 9 },
  { key: 'pnc', title: 'PNC', width: 13 },
  { key: 'forename', title: 'forename', width: 10 },
  { key: 'surname', title: 'surname', width: 10 },
  { key: 'dob', title: 'born', width: 11 },
  { key: 'sex', title: 'sex', width: 3 },
];

const COURT_COLUMNS: Column[] = [
  { key: 'case_id', title: 'case', width: 9 },
  { key: 'pnc', title: 'PNC', width: 13 },
  { key: 'forename', title: 'forename', width: 10 },
  { key: 'surname', title: 'surname', width: 10 },
  { key: 'dob', title: 'born', width: 11 },
  { key: 'sex', title: 'sex', width: 3 },
  { key: 'outcome', title: 'outcome', width: 11 },
];

/** In-scope requirements first (they are the cohort), then by sentence date. */
export function requirementRows(t: RunTables, personId: number): number[] {
  const rows = (t.requirementsByPerson.get(personId) ?? []).slice();
  const scope = (i: number) => (textAt(t.requirements, 'scope', i) === 'in_scope' ? 0 : 1);
  const date = (i: number) => (getColumn(t.requirements, 'sentence_date').values as Int32Array)[i];
  return rows.sort((a, b) => scope(a) - scope(b) || date(a) - date(b));
}

export function findPersonByCrn(t: RunTables, crn: string): number | null {
  return t.personByCrn.get(crn.trim().toUpperCase()) ?? null;
}

/** A random in-scope requirement: the person and which of their requirements it is. */
export function randomRequirement(t: RunTables, random: () => number = Math.random): { personId: number; index: number } | null {
  const scope = getColumn(t.requirements, 'scope').values as (string | null)[];
  const inScope: number[] = [];
  scope.forEach((s, i) => {
    if (s === 'in_scope') inScope.push(i);
  });
  if (inScope.length === 0) return null;
  const row = inScope[Math.floor(random() * inScope.length)];
  const personId = (getColumn(t.requirements, 'person_id').values as Int32Array)[row];
  return { personId, index: Math.max(0, requirementRows(t, personId).indexOf(row)) };
}

interface Keyed {
  id: string;
  requirement: string | null;
}

function keyedIds(keys: Table, rows: number[], idColumn: string): Keyed[] {
  return rows.map((k) => ({ id: textAt(keys, idColumn, k) as string, requirement: textAt(keys, 'requirement_id', k) }));
}

export async function loadPersonView(t: RunTables, personId: number, index = 0): Promise<PersonView | null> {
  const reqRows = requirementRows(t, personId);
  if (reqRows.length === 0) return null;
  const number = Math.min(Math.max(0, index), reqRows.length - 1);
  const requirementId = (getColumn(t.requirements, 'requirement_id').values as Int32Array)[reqRows[number]];

  // Which rows are shown is decided on the keys held in memory; only those rows are read.
  const recordIds = (t.ndeliusByRequirement.get(requirementId) ?? []).map((k) => textAt(t.ndeliusKey, 'record_id', k) as string);
  const links = recordIds.flatMap((id) => t.linksByRecord.get(id) ?? []);
  const mine = keyedIds(t.ndtmsKey, t.ndtmsKeyByPerson.get(personId) ?? [], 'episode_id');
  const mineIds = new Set(mine.map((m) => m.id));
  const episodeIds = [...mineIds, ...links.map((l) => l.episodeId).filter((id) => !mineIds.has(id))];
  const spells = keyedIds(t.pnomisKey, t.pnomisKeyByPerson.get(personId) ?? [], 'spell_id');
  const cases = keyedIds(t.courtsKey, t.courtsKeyByPerson.get(personId) ?? [], 'case_id');
  const tables = await readPersonTables(t, personId, requirementId, episodeIds, spells.map((s) => s.id), cases.map((c) => c.id), recordIds);
  if (tables.person.rowCount === 0 || tables.requirements.rowCount === 0) return null;

  const person = rowAt(tables.person, 0);
  const requirement = rowAt(tables.requirements, 0);
  const truthIdentity: Record<string, string | null> = {
    ...person,
    initials: initialsOf(person.forename, person.surname),
    postcode_sector: postcodeSector(person.postcode),
  };
  const all = (table: Table) => Array.from({ length: table.rowCount }, (_, i) => i);

  const ndelius: RecordGroup = {
    system: 'ndelius',
    title: `nDelius records of this requirement (${tables.ndelius.rowCount})`,
    columns: NDELIUS_COLUMNS,
    truth: truthIdentity,
    rows: all(tables.ndelius).map((r) => ({
      id: textAt(tables.ndelius, 'record_id', r) as string,
      cells: cellsOf(tables.ndelius, r, truthIdentity, ['crn', 'forename', 'surname', 'dob', 'sex', 'pnc', 'postcode'], NDELIUS_COLUMNS.map((c) => c.key)),
      otherPerson: false,
      thisRequirement: true,
      link: null,
    })),
  };

  const linkByEpisode = new Map(links.map((l) => [l.episodeId, l]));
  const ndtmsRows: RecordRow[] = all(tables.ndtms).map((row) => {
    const id = textAt(tables.ndtms, 'episode_id', row) as string;
    const key = t.ndtmsKeyRowById.get(id);
    const keyPerson = key === undefined ? null : (getColumn(t.ndtmsKey, 'person_id').values as Int32Array)[key];
    const link = linkByEpisode.get(id);
    return {
      id,
      cells: cellsOf(tables.ndtms, row, truthIdentity, ['initials', 'dob', 'sex', 'postcode_sector'], NDTMS_COLUMNS.map((c) => c.key)),
      otherPerson: keyPerson !== personId,
      thisRequirement: key !== undefined && textAt(t.ndtmsKey, 'requirement_id', key) === String(requirementId),
      link: link ? { weight: link.weight, probability: link.probability } : null,
    };
  });
  const triage = (r: RecordRow) => r.cells.triage_date.value ?? '';
  ndtmsRows.sort((a, b) => (triage(a) < triage(b) ? -1 : triage(a) > triage(b) ? 1 : 0));
  const ndtms: RecordGroup = { system: 'ndtms', title: `NDTMS community episodes (${ndtmsRows.length})`, columns: NDTMS_COLUMNS, truth: truthIdentity, rows: ndtmsRows };

  const thisOne = (list: Keyed[], id: string) => list.find((k) => k.id === id)?.requirement === String(requirementId);
  const pnomis: RecordGroup = {
    system: 'pnomis',
    title: `p-NOMIS prison spells (${tables.pnomis.rowCount})`,
    columns: PNOMIS_COLUMNS,
    truth: truthIdentity,
    rows: all(tables.pnomis).map((r) => {
      const id = textAt(tables.pnomis, 'spell_id', r) as string;
      return {
        id,
        cells: cellsOf(tables.pnomis, r, truthIdentity, ['prison_number', 'pnc', 'forename', 'surname', 'dob', 'sex'], PNOMIS_COLUMNS.map((c) => c.key)),
        otherPerson: false,
        thisRequirement: thisOne(spells, id),
        link: null,
      };
    }),
  };
  const courts: RecordGroup = {
    system: 'courts',
    title: `Court outcomes (${tables.courts.rowCount})`,
    columns: COURT_COLUMNS,
    truth: truthIdentity,
    rows: all(tables.courts).map((r) => {
      const id = textAt(tables.courts, 'case_id', r) as string;
      return {
        id,
        cells: cellsOf(tables.courts, r, truthIdentity, ['pnc', 'forename', 'surname', 'dob', 'sex'], COURT_COLUMNS.map((c) => c.key)),
        otherPerson: false,
        thisRequirement: thisOne(cases, id),
        link: null,
      };
    }),
  };

  const trueEpisodes = ndtmsRows.filter((r) => !r.otherPerson && r.thisRequirement);
  return {
    personId,
    crn: person.crn,
    requirementId,
    requirementNumber: number + 1,
    requirementCount: reqRows.length,
    person,
    requirement,
    timeline: buildTimeline(requirement, ndtms, tables),
    groups: [ndelius, ndtms, pnomis, courts],
    linkage: {
      present: t.links !== null,
      links: links.length,
      trueLinks: ndtmsRows.filter((r) => r.link && !r.otherPerson).length,
      falseLinks: ndtmsRows.filter((r) => r.link && r.otherPerson).length,
      missed: trueEpisodes.filter((r) => !r.link).length,
    },
  };
}

function buildTimeline(req: Record<string, string | null>, ndtms: RecordGroup, tables: PersonTables): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const add = (date: string | null, what: string, source: string) => {
    if (date) events.push({ date, what, source });
  };
  add(req.sentence_date, `sentenced: ${req.requirement_type} (${req.order_type}, ${req.length_months} months, ${req.court_type}, ${req.offence_group})`, 'truth');
  if (req.structured === 'yes') {
    add(req.treatment_start, `structured treatment starts (${req.start_band ?? 'start band unknown'})`, 'truth');
    add(req.treatment_end, `structured treatment ends: ${req.status}`, 'truth');
  }
  add(req.termination_date, `requirement ends: ${req.termination_reason ?? 'ongoing'}`, 'truth');
  for (const row of ndtms.rows.filter((r) => !r.otherPerson)) {
    const tag = row.thisRequirement ? 'this requirement' : 'another journey';
    add(row.cells.triage_date.value, `NDTMS episode ${row.id} triaged (${tag})`, 'ndtms');
    add(row.cells.discharge_date.value, `NDTMS episode ${row.id} discharged, reason ${row.cells.discharge_reason.value ?? '?'}`, 'ndtms');
  }
  const p = tables.pnomis;
  for (let r = 0; r < p.rowCount; r++) {
    add(textAt(p, 'reception_date', r), `prison reception (${textAt(p, 'spell_id', r)})`, 'pnomis');
    add(textAt(p, 'release_date', r), `prison release (${textAt(p, 'spell_id', r)})`, 'pnomis');
  }
  const c = tables.courts;
  for (let r = 0; r < c.rowCount; r++) {
    add(textAt(c, 'outcome_date', r), `court: ${textAt(c, 'outcome', r)} (${textAt(c, 'offence_group', r)}, offence ${textAt(c, 'offence_date', r)})`, 'courts');
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
