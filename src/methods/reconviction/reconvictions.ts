/**
 * Reconviction within 12 months, on the records alone (study section 4, footnote 3): court
 * outcomes are matched to each cohort requirement's person through the courts' own
 * identifiers, and a requirement counts as reconvicted when a matched outcome, other than the
 * excluded ones, has its chosen date in the window after sentence and was recorded by the
 * extraction date.
 */
import { fileURLToPath } from 'node:url';
import type { Table } from '../../io/table.ts';
import { ints, strings } from '../../io/table.ts';
import { linkTables, loadSettingsFile, type LinkProgress, type LinkResult } from '../linkage/index.ts';
import type { LinkageSettings } from '../linkage/settings.ts';
import { DEFAULT_WINDOW, checkWindow, inWindow, type ReconvictionWindow } from './window.ts';

export const COURTS_SETTINGS_PATH = fileURLToPath(new URL('./courts-settings.yaml', import.meta.url));

export interface ReconvictionRules {
  window: ReconvictionWindow;
  /**
   * Outcomes that never make a reconviction. The study excluded "not guilty" only, so a
   * withdrawn or dismissed charge counts under its definition; add them here to count
   * convictions alone.
   */
  excludedOutcomes: readonly string[];
  /** The extraction date: an outcome recorded after it was not in the data. */
  extraction: number;
}

/** Outcomes that are not a conviction: excluding them all counts convictions only. */
export const NOT_CONVICTIONS = ['not guilty', 'withdrawn', 'dismissed'] as const;

export function defaultRules(extraction: number): ReconvictionRules {
  return { window: DEFAULT_WINDOW, excludedOutcomes: ['not guilty'], extraction };
}

/** The dates and outcome of one court case, as either side holds them. */
export interface CourtCaseDates {
  offenceDate: number;
  hearingDate: number;
  outcomeDate: number;
  outcome: string;
}

/** Whether one court case makes a reconviction of a requirement sentenced on `sentence`. */
export function countsAsReconviction(sentence: number, c: CourtCaseDates, rules: ReconvictionRules): boolean {
  if (rules.excludedOutcomes.includes(c.outcome)) return false;
  if (c.outcomeDate > rules.extraction) return false;
  const day = rules.window.date === 'offence' ? c.offenceDate : rules.window.date === 'hearing' ? c.hearingDate : c.outcomeDate;
  return inWindow(sentence, day, rules.window.length);
}

/** Per requirement: reconvicted when any of its matched cases counts. */
export function reconvictedFlags(sentences: ArrayLike<number>, matched: CourtCaseDates[][], rules: ReconvictionRules): boolean[] {
  checkWindow(rules.window);
  const out = new Array<boolean>(sentences.length);
  for (let i = 0; i < sentences.length; i++) out[i] = matched[i].some((c) => countsAsReconviction(sentences[i], c, rules));
  return out;
}

export interface ReconvictionInput {
  /** nDelius records of the cohort (after exclusions), one per requirement. */
  cohort: Table;
  /** court_outcomes as recorded. */
  courts: Table;
  rules: ReconvictionRules;
  settings?: LinkageSettings;
  onProgress?: (event: LinkProgress) => void;
}

export interface Reconvictions {
  reconvicted: boolean[];
  /** Court rows matched to each cohort row (above the threshold). */
  matched: number[][];
  /** The dates and outcome of each matched row, to apply other rules without matching again. */
  cases: CourtCaseDates[][];
  link: LinkResult;
}

export function courtsSettings(): LinkageSettings {
  return loadSettingsFile(COURTS_SETTINGS_PATH);
}

export async function findReconvictions(input: ReconvictionInput): Promise<Reconvictions> {
  const { cohort, courts, rules } = input;
  const link = await linkTables(cohort, courts, input.settings ?? courtsSettings(), input.onProgress);
  const matched: number[][] = Array.from({ length: cohort.rowCount }, () => []);
  for (const p of link.links.all) matched[link.pairs.left[p]].push(link.pairs.right[p]);
  const offence = ints(courts, 'offence_date');
  const hearing = ints(courts, 'hearing_date');
  const outcomeDate = ints(courts, 'outcome_date');
  const outcome = strings(courts, 'outcome');
  const cases = matched.map((rows) => rows.map((r) => ({ offenceDate: offence[r], hearingDate: hearing[r], outcomeDate: outcomeDate[r], outcome: outcome[r] ?? '' })));
  return { reconvicted: reconvictedFlags(ints(cohort, 'sentence_date'), cases, rules), matched, cases, link };
}
