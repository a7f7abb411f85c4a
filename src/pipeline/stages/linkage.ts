/**
 * Stage: identification in treatment. The method links the cohort's records to NDTMS, CJIT and
 * p-NOMIS and reads each requirement's journey; evaluation computes the same figures on the
 * world and scores every link against the people behind the records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayFromIso } from '../../io/dates.ts';
import { REGION_CODES } from '../../scenario/schema.ts';
import { regionName } from '../../world/geography.ts';
import { selectCohort } from '../../methods/cohort/exclusions.ts';
import { cohortTable, identifyTreatment, type Identified } from '../../methods/treatment/identify.ts';
import { treatmentFigures } from '../../methods/treatment/figures.ts';
import { expectedErrorEstimates, linkIds, modelJson } from '../../methods/linkage/index.ts';
import { truthViews, treatmentTruth, linkageScores, recordGroups, expectedErrorTruth } from '../../evaluate/treatment.ts';
import { withTruth } from '../../results/assemble.ts';
import { estimateKey, type Estimate, type MethodEstimate } from '../../results/estimate.ts';
import { ints, strings, type Table } from '../../io/table.ts';
import { tableBuilder } from '../../io/table-builder.ts';
import { writeCsv } from '../../io/csv-write.ts';
import type { Stage } from '../stage.ts';
import type { LinkageSettings } from '../../methods/linkage/settings.ts';

export const LINKAGE_FOLDER = 'linkage';

/** Per requirement, what the linkage found: read by the notes and reconviction stages. */
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

const METHOD = 'Fellegi-Sunter linkage (initials, dob, sex, postcode) + journey in the requirement window';

function linkedRequirementsTable(cohort: Table, identified: Identified): Table {
  const b = tableBuilder('requirements', LINKED_REQUIREMENTS_COLUMNS, cohort.rowCount);
  const [id, crn, type, region, sentence, termination, reason] = [
    strings(cohort, 'record_id'), strings(cohort, 'crn'), strings(cohort, 'requirement_type'), strings(cohort, 'region_code'),
    ints(cohort, 'sentence_date'), ints(cohort, 'termination_date'), strings(cohort, 'termination_reason'),
  ];
  identified.views.forEach((v, i) => {
    b.push([id[i], crn[i], type[i], region[i], sentence[i], termination[i], reason[i], v.linked, v.status, v.startBand, v.daysToStart, v.cjit, v.prison12m]);
  });
  return b.finish();
}

async function writeOutputs(dir: string, identified: Identified, requirements: Table): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const r = identified.community;
  const links = linkIds(r, r.links.all);
  const lb = tableBuilder('links', { record_id: 'string', episode_id: 'string', match_weight: 'float', match_probability: 'float' }, links.left.length);
  r.links.all.forEach((p, k) => lb.push([links.left[k], links.right[k], r.predictions.matchWeight[p], r.predictions.matchProbability[p]]));
  await writeCsv(lb.finish(), join(dir, 'links.csv'));
  await writeCsv(requirements, join(dir, 'requirements.csv'));
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify({ community: modelJson(r), cjit: modelJson(identified.cjit), pnomis: modelJson(identified.pnomis) }, null, 2)}\n`);
}

/** The linkage stage; `community` replaces the default nDelius -> NDTMS settings (the `link --settings` option). */
export function makeLinkageStage(community?: LinkageSettings): Stage {
  return {
  name: 'linkage',
  description: 'link nDelius to NDTMS community, CJIT and p-NOMIS; journeys, outcomes and linkage quality',
  async run(ctx) {
    const extraction = dayFromIso(ctx.scenario.window.end);
    const ndelius = await ctx.observed('ndelius_requirements');
    const selection = selectCohort(ndelius, { windowStart: dayFromIso(ctx.scenario.window.start), windowEnd: extraction, regions: REGION_CODES });
    const cohort = cohortTable(ndelius, selection.rows);
    const identified = await identifyTreatment({
      cohort,
      community: await ctx.observed('ndtms_community'),
      cjit: await ctx.observed('ndtms_cjit'),
      pnomis: await ctx.observed('pnomis_spells'),
      extraction,
      regionName,
      settings: community ? { community } : undefined,
      onProgress: (what, e) => ctx.progress({ stage: 'linkage', step: `${what}: ${e.step}`, done: e.phase === 'done' ? 1 : 0, total: 1 }),
    });
    const requirements = linkedRequirementsTable(cohort, identified);
    ctx.shareOutput(LINKAGE_FOLDER, requirements);
    await writeOutputs(join(ctx.runDir, LINKAGE_FOLDER), identified, requirements);

    const estimates: MethodEstimate[] = treatmentFigures(identified.views, METHOD);
    const deterministic = identified.deterministicLinked;
    for (const g of ['all', 'ATR', 'DRR']) {
      const rows = identified.views.map((v, i) => ({ v, d: deterministic[i] })).filter(({ v }) => g === 'all' || v.type === g);
      estimates.push({
        id: 'link.structured.pct.deterministic',
        group: g,
        estimate: rows.length ? (100 * rows.filter((r) => r.d).length) / rows.length : null,
        ci: null,
        unit: 'pct',
        method: 'deterministic: exact initials + date of birth + sex, same window rule',
      });
    }

    // Evaluation: the same figures on the world, and the links scored.
    const truthRequirements = await ctx.truth('truth_requirements');
    const truthPeople = await ctx.truth('truth_people');
    const ndeliusKeys = await ctx.truth('truth_ndelius_requirements');
    const views = truthViews(
      {
        requirements: truthRequirements,
        people: truthPeople,
        community: await ctx.observed('ndtms_community'),
        communityKeys: await ctx.truth('truth_ndtms_community'),
        cjit: await ctx.observed('ndtms_cjit'),
        cjitKeys: await ctx.truth('truth_ndtms_cjit'),
        pnomis: await ctx.observed('pnomis_spells'),
        pnomisKeys: await ctx.truth('truth_pnomis_spells'),
      },
      extraction,
    );
    const truth = treatmentTruth([...views.values()]);
    for (const g of ['all', 'ATR', 'DRR']) {
      const t = truth.get(estimateKey({ id: 'link.structured.pct', group: g }));
      if (t !== undefined) truth.set(estimateKey({ id: 'link.structured.pct.deterministic', group: g }), t);
    }
    const recordIds = strings(cohort, 'record_id') as string[];
    const scores = linkageScores(
      linkIds(identified.community, identified.community.links.all),
      recordIds,
      { ndelius: ndeliusKeys, right: await ctx.truth('truth_ndtms_community'), rightId: 'episode_id' },
      recordGroups(truthRequirements, truthPeople, ndeliusKeys),
    );
    const scored: Estimate[] = scores.map((e) => ({ ...e, truth: null, published: null }));
    // The label-free error estimates beside the same figures scored against the people.
    const expected = withTruth(expectedErrorEstimates(identified.community.expected, METHOD), expectedErrorTruth(scores), ctx.scale);
    return [...withTruth(estimates, truth, ctx.scale), ...scored, ...expected];
  },
  };
}

export const linkageStage = makeLinkageStage();
