/**
 * The linkage stage's method: identification in treatment (study sections 2.2-2.4). It links
 * the cohort's nDelius records to NDTMS community episodes, CJIT contacts and p-NOMIS spells,
 * reads each requirement's journey, and hands on `linkage/requirements` (what it found per
 * requirement), which the notes and reconviction stages read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ints, strings, type Table } from '../../io/table.ts';
import { tableBuilder } from '../../io/table-builder.ts';
import { writeCsv } from '../../io/csv-write.ts';
import { cohortTable, studyCohort } from '../../study/cohort.ts';
import { regionName } from '../../study/vocabulary.ts';
import { expectedErrorEstimates, linkIds, modelJson } from '../linkage/index.ts';
import { communitySettings, type Resolution } from '../document.ts';
import type { MethodEstimate } from '../../results/estimate.ts';
import type { MethodOutputs, MethodStage } from '../stage.ts';
import { chosenLinks, identifyTreatment, type Identified } from './identify.ts';
import { treatmentFigures } from './figures.ts';

export const LINKAGE_STAGE = 'linkage';

/** Per requirement, what the linkage found: read by the notes and reconviction stages. */
export const LINKED_REQUIREMENTS = 'requirements';
export const LINKED_REQUIREMENTS_COLUMNS = {
  record_id: 'string',
  crn: 'string',
  requirement_type: 'string',
  region_code: 'string',
  sentence_date: 'date',
  termination_date: 'date',
  termination_reason: 'string',
  linked: 'bool',
  status: 'string',
  start_band: 'string',
  days_to_start: 'int',
  cjit: 'bool',
  prison_12m: 'bool',
} as const;

export const DETERMINISTIC_ID = 'link.structured.pct.deterministic';
const METHOD = 'Fellegi-Sunter linkage (initials, dob, sex, postcode) + journey in the requirement window';

export interface LinkageOutputs extends MethodOutputs {
  /** The cohort's nDelius records, in the order of every per-requirement array. */
  cohort: Table;
  identified: Identified;
  /** The NDTMS community pairs counted as links (per the document's resolution). */
  links: Int32Array;
  /** The label-free error estimates (expected precision, recall, ...) from the match probabilities alone. */
  expected: MethodEstimate[];
}

function linkedRequirementsTable(cohort: Table, identified: Identified): Table {
  const b = tableBuilder(LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS, cohort.rowCount);
  const [id, crn, type, region, sentence, termination, reason] = [
    strings(cohort, 'record_id'), strings(cohort, 'crn'), strings(cohort, 'requirement_type'), strings(cohort, 'region_code'),
    ints(cohort, 'sentence_date'), ints(cohort, 'termination_date'), strings(cohort, 'termination_reason'),
  ];
  identified.views.forEach((v, i) => {
    b.push([id[i], crn[i], type[i], region[i], sentence[i], termination[i], reason[i], v.linked, v.status, v.startBand, v.daysToStart, v.cjit, v.prison12m]);
  });
  return b.finish();
}

async function writeOutputs(dir: string, identified: Identified, chosen: Int32Array, requirements: Table): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const r = identified.community;
  const links = linkIds(r, chosen);
  const lb = tableBuilder('links', { record_id: 'string', episode_id: 'string', match_weight: 'float', match_probability: 'float' }, links.left.length);
  chosen.forEach((p, k) => lb.push([links.left[k], links.right[k], r.predictions.matchWeight[p], r.predictions.matchProbability[p]]));
  await writeCsv(lb.finish(), join(dir, 'links.csv'));
  await writeCsv(requirements, join(dir, 'requirements.csv'));
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify({ community: modelJson(r), cjit: modelJson(identified.cjit), pnomis: modelJson(identified.pnomis) }, null, 2)}\n`);
}

function deterministicFigures(identified: Identified): MethodEstimate[] {
  const out: MethodEstimate[] = [];
  for (const g of ['all', 'ATR', 'DRR']) {
    const rows = identified.views.map((v, i) => ({ v, d: identified.deterministicLinked[i] })).filter(({ v }) => g === 'all' || v.type === g);
    out.push({
      id: DETERMINISTIC_ID,
      group: g,
      estimate: rows.length ? (100 * rows.filter((r) => r.d).length) / rows.length : null,
      ci: null,
      unit: 'pct',
      method: 'deterministic: exact initials + date of birth + sex, same window rule',
    });
  }
  return out;
}

export const linkageMethod: MethodStage<LinkageOutputs> = {
  name: LINKAGE_STAGE,
  description: 'link nDelius to NDTMS community, CJIT and p-NOMIS; journeys, outcomes and linkage quality',
  needs: [],
  async method(records, methods) {
    const ndelius = await records.observed('ndelius_requirements');
    const cohort = cohortTable(ndelius, studyCohort(ndelius, records.facts).rows);
    const resolve: Resolution = methods.linkage.resolve;
    const identified = await identifyTreatment({
      cohort,
      community: await records.observed('ndtms_community'),
      cjit: await records.observed('ndtms_cjit'),
      pnomis: await records.observed('pnomis_spells'),
      extraction: records.facts.extraction,
      regionName,
      settings: { community: communitySettings(methods) },
      resolve,
      onProgress: (what, e) => records.progress({ stage: LINKAGE_STAGE, step: `${what}: ${e.step}`, done: e.phase === 'done' ? 1 : 0, total: 1 }),
    });
    const requirements = linkedRequirementsTable(cohort, identified);
    const links = chosenLinks(identified.community, resolve);
    return {
      cohort,
      identified,
      links,
      expected: expectedErrorEstimates(identified.community.expected, METHOD),
      estimates: [...treatmentFigures(identified.views, METHOD), ...deterministicFigures(identified)],
      tables: [requirements],
      write: (dir) => writeOutputs(dir, identified, links, requirements),
    };
  },
};
