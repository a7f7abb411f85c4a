/**
 * What the dashboard shows, computed once from results.json. It is plain data so that the
 * screen, the plain-text output and `--json` all show exactly the same thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../src/errors.ts';
import { parseResults, resultsSchema, stageNames, type Estimate, type Results, type Unit } from '../../src/results/estimate.ts';
import { formatValue, gapOf, type Gap } from './format.ts';
import { consistentRanges, describeRange } from '../../src/identify/consistent.ts';

export interface Row {
  id: string;
  group: string;
  label: string;
  unit: Unit;
  published: number | null;
  estimate: number | null;
  truth: number | null;
  ci: [number, number] | null;
  /** Recovered minus truth: the method's own error. */
  gapTruth: Gap | null;
  /** Recovered minus the study's figure. */
  gapPublished: Gap | null;
  method: string;
}

export interface EngagementStep {
  title: string;
  id: string;
  row: Row | null;
}

export interface LinkageGroup {
  group: string;
  precision: Row | null;
  recall: Row | null;
}

export interface Section {
  prefix: string;
  title: string;
  rows: Row[];
}

export interface DashboardModel {
  run: { dir: string; scenario: string; seed: number; scale: number; stages: string[]; packageVersion: string; estimates: number };
  headline: Row[];
  /** Headline figures whose truths an identify plan on this scenario bounded: the consistent range, in words. */
  consistent: { label: string; text: string }[];
  linkage: LinkageGroup[];
  /** Label-free estimates of the same links' precision and recall (from match probabilities; truth = the scored figure). */
  linkageExpected: { precision: Row | null; recall: Row | null };
  engagement: EngagementStep[];
  reconviction: Row[];
  oddsRatios: Row[];
  sections: Section[];
}

/** The figures a reader of the study looks at first, in the order the study gives them. */
const HEADLINE: { id: string; group: string; label: string }[] = [
  { id: 'cohort.requirements', group: 'all', label: 'Requirements in the cohort' },
  { id: 'cohort.male_share', group: 'all', label: 'Male share' },
  { id: 'link.structured.pct', group: 'all', label: 'Linked to structured treatment' },
  { id: 'link.structured.pct', group: 'ATR', label: 'Linked, ATR' },
  { id: 'link.structured.pct', group: 'DRR', label: 'Linked, DRR' },
  { id: 'link.none.pct', group: 'all', label: 'Not linked (nor CJIT)' },
  { id: 'nlp.engaged.pct', group: 'all', label: 'Engaged in notes, unlinked' },
  { id: 'any_treatment.pct', group: 'all', label: 'Engaged in any treatment' },
  { id: 'prison.within12m.pct', group: 'DRR', label: 'Prison within 12 months, DRR' },
  { id: 'reconviction.pct', group: 'ATR', label: 'Reconvicted in 12 months, ATR' },
  { id: 'reconviction.pct', group: 'DRR', label: 'Reconvicted in 12 months, DRR' },
  { id: 'reconviction.pct.linked', group: 'all', label: 'Reconvicted, linked' },
  { id: 'reconviction.pct.unlinked', group: 'all', label: 'Reconvicted, not linked' },
];

const ENGAGEMENT: { id: string; title: string }[] = [
  { id: 'link.structured.pct', title: '1 linked, structured (% all)' },
  { id: 'link.cjit_only.pct', title: '2 CJIT contact only (% all)' },
  { id: 'link.none.pct', title: '3 unlinked, no CJIT (% all)' },
  { id: 'nlp.sample', title: '4 unlinked sample, notes read' },
  { id: 'nlp.engaged.pct', title: '5 engaged in notes (% sample)' },
  { id: 'any_treatment.extrapolated_unlinked.pct', title: '6 unlinked, engaged (% all)' },
  { id: 'any_treatment.pct', title: '7 any treatment = 1+6 (% all)' },
  { id: 'manual_review.engaged.pct', title: '8 manual review engaged %' },
];

/** Prefix order follows the study: cohort, linkage, outcomes, notes, reconviction, models. */
const SECTION_TITLES: [string, string][] = [
  ['cohort.', 'Cohort'],
  ['link.', 'Linkage to treatment'],
  ['prison.', 'Prison'],
  ['outcome.', 'Outcomes of linked and unlinked'],
  ['time_to_treatment.', 'Time to treatment'],
  ['status.', 'Treatment status by group'],
  ['nlp.', 'Contact notes (NLP)'],
  ['any_treatment.', 'Any treatment (extrapolated)'],
  ['manual_review.', 'Manual review'],
  ['termination.', 'Termination reasons'],
  ['reconviction.', 'Reconviction'],
  ['regression.', 'Regression (odds ratios)'],
  ['linkage.', 'Linkage quality (vs truth)'],
];

const STATUS_ORDER = ['completed', 'remained', 'dropout', 'prison', 'died', 'not_linked'];

export function prefixOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot + 1);
}

export function toRow(e: Estimate, label = `${e.id} [${e.group}]`): Row {
  return {
    id: e.id,
    group: e.group,
    label,
    unit: e.unit,
    published: e.published,
    estimate: e.estimate,
    truth: e.truth,
    ci: e.ci,
    gapTruth: gapOf(e.estimate, e.truth, e.unit),
    gapPublished: gapOf(e.estimate, e.published, e.unit),
    method: e.method,
  };
}

/** The value of `group` after `key=` (groups look like `ATR|status=completed`). */
function groupPart(group: string, key: string): string | null {
  for (const part of group.split('|')) if (part.startsWith(`${key}=`)) return part.slice(key.length + 1);
  return null;
}

export function buildDashboard(results: Results, dir: string): DashboardModel {
  const byKey = new Map<string, Estimate>();
  for (const e of results.estimates) byKey.set(`${e.id}\u0000${e.group}`, e);
  const find = (id: string, group: string): Estimate | undefined => byKey.get(`${id}\u0000${group}`);

  const headline = HEADLINE.flatMap((h) => {
    const e = find(h.id, h.group);
    return e ? [toRow(e, h.label)] : [];
  });

  const ranges = consistentRanges(results.scenario);
  const consistent = headline.flatMap((r) => {
    const range = ranges.get(`${r.id}\u0000${r.group}`);
    return range ? [{ label: r.label, text: describeRange(range, (x) => formatValue(x, r.unit)) }] : [];
  });

  const linkageGroups: string[] = [];
  for (const e of results.estimates) {
    if ((e.id === 'linkage.precision' || e.id === 'linkage.recall') && !linkageGroups.includes(e.group)) linkageGroups.push(e.group);
  }
  const linkage = linkageGroups.map((group) => {
    const p = find('linkage.precision', group);
    const r = find('linkage.recall', group);
    return { group, precision: p ? toRow(p, group) : null, recall: r ? toRow(r, group) : null };
  });

  const engagement = ENGAGEMENT.map((step) => {
    const e = find(step.id, 'all');
    return { title: step.title, id: step.id, row: e ? toRow(e, step.title) : null };
  });

  const reconviction = results.estimates
    .filter((e) => e.id === 'reconviction.pct.status')
    .map((e) => toRow(e, `${e.group.split('|')[0]} · ${groupPart(e.group, 'status') ?? e.group}`))
    .sort((a, b) => {
      const ta = a.group.split('|')[0];
      const tb = b.group.split('|')[0];
      if (ta !== tb) return ta < tb ? -1 : 1;
      return rank(groupPart(a.group, 'status')) - rank(groupPart(b.group, 'status'));
    });

  // Only odds ratios here; variances and region effects of the same models are in the All tab.
  const oddsRatios = results.estimates.filter((e) => e.id.startsWith('regression.') && e.unit === 'odds_ratio').map((e) => toRow(e, oddsLabel(e)));

  const sections: Section[] = [];
  const known = new Map(SECTION_TITLES);
  for (const e of results.estimates) {
    const prefix = prefixOf(e.id);
    let section = sections.find((s) => s.prefix === prefix);
    if (!section) {
      section = { prefix, title: known.get(prefix) ?? prefix.replace(/\.$/, ''), rows: [] };
      sections.push(section);
    }
    section.rows.push(toRow(e));
  }
  const order = (prefix: string) => {
    const i = SECTION_TITLES.findIndex(([p]) => p === prefix);
    return i < 0 ? SECTION_TITLES.length : i;
  };
  sections.sort((a, b) => order(a.prefix) - order(b.prefix) || (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));

  return {
    run: {
      dir,
      scenario: results.scenario,
      seed: results.seed,
      scale: results.scale,
      stages: stageNames(results),
      packageVersion: results.packageVersion,
      estimates: results.estimates.length,
    },
    headline,
    consistent,
    linkage,
    linkageExpected: {
      precision: ((e) => (e ? toRow(e) : null))(find('linkage.precision.expected', 'all')),
      recall: ((e) => (e ? toRow(e) : null))(find('linkage.recall.expected', 'all')),
    },
    engagement,
    reconviction,
    oddsRatios,
    sections,
  };
}

/** `regression.linked.odds_ratio` + `ATR|term=female` -> `linked ATR female`. */
function oddsLabel(e: Estimate): string {
  const model = e.id.slice('regression.'.length).replace(/\.odds_ratio$/, '');
  const parts = e.group.split('|').map((p) => (p.includes('=') ? p.slice(p.indexOf('=') + 1) : p));
  return [model, ...parts.filter((p) => p !== 'all')].join(' ');
}

function rank(status: string | null): number {
  const i = status === null ? -1 : STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
}

/** A run folder's results, checked against the contract so a broken file says what is wrong. */
export function readRunResults(dir: string): Results {
  const path = join(resolve(dir), 'results.json');
  if (!existsSync(path)) throw new InputError(`${dir}: no results.json (is it a finished run folder?)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: not JSON: ${(error as Error).message}`);
  }
  const parsed = resultsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  try {
    // A results.json of the first version (stage names only) still opens.
    return parseResults(raw);
  } catch {
    const issue = parsed.error.issues[0];
    throw new InputError(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
}

export function loadDashboard(dir: string): DashboardModel {
  return buildDashboard(readRunResults(dir), resolve(dir));
}
