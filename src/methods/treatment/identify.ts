/**
 * Identification in treatment, on the records alone (study sections 2.2-2.4): link the cohort's
 * nDelius records to NDTMS community episodes, read each requirement's journey from the linked
 * episodes in its window, then look for the unlinked in CJIT contacts and everyone in p-NOMIS.
 */
import { fileURLToPath } from 'node:url';
import type { Table } from '../../io/table.ts';
import { ints, strings, takeRows, NULL_INT } from '../../io/table.ts';
import { linkTables, loadSettingsFile, deterministicLinks, exactAgreement, type LinkResult, type LinkProgress } from '../linkage/index.ts';
import { defaultSettings } from '../linkage/default-settings.ts';
import type { LinkageSettings } from '../linkage/settings.ts';
import { journeyOf, type EpisodeDates } from './journey.ts';
import type { RequirementView } from './figures.ts';
import type { Resolution } from '../document.ts';
import { lengthBandOf } from '../../study/vocabulary.ts';

export interface IdentifyInput {
  /** nDelius records of the cohort (after exclusions), one per requirement. */
  cohort: Table;
  community: Table;
  cjit: Table;
  pnomis: Table;
  /** The extraction date: journeys still open then "remained". */
  extraction: number;
  regionName: (code: string) => string;
  settings?: { community?: LinkageSettings; pnomis?: LinkageSettings };
  /** Which NDTMS (community and CJIT) pairs above the threshold count as links; p-NOMIS keeps all. */
  resolve?: Resolution;
  onProgress?: (what: string, event: LinkProgress) => void;
}

export interface Identified {
  views: RequirementView[];
  community: LinkResult;
  cjit: LinkResult;
  pnomis: LinkResult;
  /** Requirements linked by exact agreement on initials, date of birth and sex (the NDTMS attributor). */
  deterministicLinked: boolean[];
}

export const PNOMIS_SETTINGS_PATH = fileURLToPath(new URL('../prison/pnomis-settings.yaml', import.meta.url));

/** The pairs that count as links under a resolution. */
export function chosenLinks(result: LinkResult, resolve: Resolution = 'all'): Int32Array {
  return resolve === 'best' ? result.links.best : resolve === 'one-to-one' ? result.links.oneToOne : result.links.all;
}

/** Linked right rows per left row, from a link result's chosen pairs. */
function linkedRows(result: LinkResult, leftCount: number, resolve: Resolution = 'all'): number[][] {
  const out: number[][] = Array.from({ length: leftCount }, () => []);
  for (const p of chosenLinks(result, resolve)) out[result.pairs.left[p]].push(result.pairs.right[p]);
  return out;
}

function ageAt(dob: number, day: number): number {
  return dob === NULL_INT ? NaN : Math.floor((day - dob) / 365.25);
}

export async function identifyTreatment(input: IdentifyInput): Promise<Identified> {
  const { cohort, extraction } = input;
  const community = input.settings?.community ?? defaultSettings();
  // CJIT contacts carry the same NDTMS identifiers under another id column.
  const cjitSettings: LinkageSettings = { ...community, ids: { left: community.ids.left, right: 'contact_id' } };
  const pnomisSettings = input.settings?.pnomis ?? loadSettingsFile(PNOMIS_SETTINGS_PATH);
  const progress = (what: string) => (e: LinkProgress) => input.onProgress?.(what, e);

  const communityResult = await linkTables(cohort, input.community, community, progress('NDTMS community'));
  const cjitResult = await linkTables(cohort, input.cjit, cjitSettings, progress('NDTMS CJIT'));
  const pnomisResult = await linkTables(cohort, input.pnomis, pnomisSettings, progress('p-NOMIS'));

  const sentence = ints(cohort, 'sentence_date');
  const termination = ints(cohort, 'termination_date');
  const type = strings(cohort, 'requirement_type');
  const region = strings(cohort, 'region_code');
  const accommodation = strings(cohort, 'accommodation');
  const months = ints(cohort, 'length_months');
  const dob = ints(cohort, 'dob');
  const sex = strings(cohort, 'sex');

  const triage = ints(input.community, 'triage_date');
  const discharge = ints(input.community, 'discharge_date');
  const reason = strings(input.community, 'discharge_reason');
  const contact = ints(input.cjit, 'contact_date');
  const reception = ints(input.pnomis, 'reception_date');

  const episodes = linkedRows(communityResult, cohort.rowCount, input.resolve);
  const contacts = linkedRows(cjitResult, cohort.rowCount, input.resolve);
  const spells = linkedRows(pnomisResult, cohort.rowCount);

  const views: RequirementView[] = [];
  for (let i = 0; i < cohort.rowCount; i++) {
    const start = sentence[i];
    // A requirement still running at extraction is observed until the extraction date.
    const windowEnd = termination[i] === NULL_INT ? extraction : Math.min(termination[i], extraction);
    const linkedEpisodes: EpisodeDates[] = episodes[i].map((r) => ({ triage: triage[r], discharge: discharge[r], dischargeReason: reason[r] }));
    const journey = journeyOf(linkedEpisodes, start, windowEnd);
    const yearEnd = start + 365;
    views.push({
      type: type[i] === 'ATR' ? 'ATR' : 'DRR',
      region: input.regionName(region[i] ?? ''),
      accommodation: accommodation[i] ?? 'unknown',
      lengthBand: lengthBandOf(months[i]),
      age: ageAt(dob[i], start),
      sex: sex[i] === 'M' || sex[i] === 'F' ? sex[i] as 'M' | 'F' : null,
      linked: journey !== null,
      status: journey?.status ?? null,
      startBand: journey?.startBand ?? null,
      daysToStart: journey?.daysToStart ?? null,
      cjit: contacts[i].some((r) => contact[r] >= start && contact[r] <= yearEnd),
      prison12m: spells[i].some((r) => reception[r] >= start && reception[r] <= yearEnd),
    });
  }

  // The deterministic baseline: exact initials + date of birth + sex, then the same window rule.
  // The same settings and tables as the community linkage: its encoded values are these values'
  // codes, and (with a blocking rule on some of them) its candidates hold every exact pair.
  const fields = ['initials', 'dob', 'sex'];
  const exact = exactAgreement(communityResult, fields) ?? deterministicLinks(community, cohort, input.community, fields, communityResult.encoded);
  const exactEpisodes: EpisodeDates[][] = Array.from({ length: cohort.rowCount }, () => []);
  for (let p = 0; p < exact.count; p++) {
    const r = exact.right[p];
    exactEpisodes[exact.left[p]].push({ triage: triage[r], discharge: discharge[r], dischargeReason: reason[r] });
  }
  const deterministicLinked = exactEpisodes.map((eps, i) => {
    const windowEnd = termination[i] === NULL_INT ? extraction : Math.min(termination[i], extraction);
    return journeyOf(eps, sentence[i], windowEnd) !== null;
  });

  return { views, community: communityResult, cjit: cjitResult, pnomis: pnomisResult, deterministicLinked };
}
