/**
 * Stage: reconviction within 12 months (study section 4) and the study's multilevel logistic
 * regressions. The method matches court outcomes to the cohort's records, reads each
 * requirement's treatment status from the linkage stage, and fits the models on the records;
 * evaluation computes the same figures on the world (with and without the recording delay)
 * and puts the generating model's coefficients beside each odds ratio.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayFromIso } from '../../io/dates.ts';
import { bools, strings, type Table } from '../../io/table.ts';
import { tableBuilder } from '../../io/table-builder.ts';
import { writeCsv } from '../../io/csv-write.ts';
import { REGION_CODES, lengthBandOf } from '../../scenario/schema.ts';
import { ints } from '../../io/table.ts';
import { regionName } from '../../world/geography.ts';
import { selectCohort } from '../../methods/cohort/exclusions.ts';
import { cohortTable } from '../../methods/treatment/identify.ts';
import { linkIds, modelJson } from '../../methods/linkage/index.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow, type Status3 } from '../../methods/reconviction/figures.ts';
import { defaultRules, findReconvictions, reconvictedFlags, NOT_CONVICTIONS, type ReconvictionRules, type Reconvictions } from '../../methods/reconviction/reconvictions.ts';
import { describeWindow } from '../../methods/reconviction/window.ts';
import { factorTable, fitStudyModels, modelEstimates, type ModelReport } from '../../methods/reconviction/models.ts';
import { truthViews, truthSources } from '../../evaluate/treatment.ts';
import { directionChecks, pooledCovariateMeans, reconvictionTruth, regressionTruth, trueReconvictions, worldFitEstimates } from '../../evaluate/reconviction.ts';
import { withTruth } from '../../results/assemble.ts';
import type { Estimate, MethodEstimate } from '../../results/estimate.ts';
import { InputError } from '../../errors.ts';
import { LINKAGE_FOLDER, LINKED_REQUIREMENTS_COLUMNS } from './linkage.ts';
import type { Stage } from '../stage.ts';

export const RECONVICTION_FOLDER = 'reconviction';

function methodText(rules: ReconvictionRules): string {
  return `courts matched by PNC, names and date of birth (Fellegi-Sunter); outcome other than ${rules.excludedOutcomes.join(', ')}, ${describeWindow(rules.window)}, recorded by extraction; status from linkage`;
}

/** Linkage's status per cohort record, joined by record id (the stage may have been run apart). */
function statusOf(cohort: Table, linked: Table): { linked: boolean[]; status3: Status3[] } {
  const ids = strings(linked, 'record_id');
  const isLinked = bools(linked, 'linked');
  const status = strings(linked, 'status');
  const byId = new Map<string, number>();
  ids.forEach((id, i) => byId.set(id ?? '', i));
  const out = { linked: [] as boolean[], status3: [] as Status3[] };
  for (const id of strings(cohort, 'record_id')) {
    const i = byId.get(id ?? '');
    if (i === undefined) throw new InputError(`${LINKAGE_FOLDER}/requirements.csv has no row for cohort record ${id}: it comes from another run; run the linkage stage again`);
    out.linked.push(isLinked[i] === 1);
    out.status3.push(status3Of(isLinked[i] === 1, status[i]));
  }
  return out;
}

async function writeOutputs(dir: string, cohort: Table, found: Reconvictions, reports: ModelReport[], directions: unknown): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const ids = strings(cohort, 'record_id');
  const rb = tableBuilder('requirements', { record_id: 'string', reconvicted: 'bool', matched_outcomes: 'int' }, cohort.rowCount);
  ids.forEach((id, i) => rb.push([id, found.reconvicted[i], found.matched[i].length]));
  await writeCsv(rb.finish(), join(dir, 'requirements.csv'));
  const links = linkIds(found.link, found.link.links.all);
  const lb = tableBuilder('links', { record_id: 'string', case_id: 'string', match_probability: 'float' }, links.left.length);
  found.link.links.all.forEach((p, k) => lb.push([links.left[k], links.right[k], found.link.predictions.matchProbability[p]]));
  await writeCsv(lb.finish(), join(dir, 'links.csv'));
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify({ courts: modelJson(found.link) }, null, 2)}\n`);
  const fits = reports.map((r) => ({
    outcome: r.spec.outcome,
    group: r.spec.group,
    formula: r.formula,
    failure: r.failure,
    ...(r.fit
      ? {
          n: r.fit.nObs,
          dropped_rows: r.fit.droppedRows,
          log_lik: r.fit.logLik,
          region_variance: r.fit.random.variance,
          singular: r.fit.singular,
          iterations: r.fit.iterations,
          fixed: r.fit.fixed.map((f) => ({ term: f.term, estimate: f.estimate, se: f.se, p: f.p, odds_ratio: f.oddsRatio, ci: [f.ciLow, f.ciHigh] })),
          region_effects: Object.fromEntries(r.regionEffects),
        }
      : {}),
  }));
  writeFileSync(join(dir, 'regression.json'), `${JSON.stringify(fits, null, 2)}\n`);
  writeFileSync(join(dir, 'directions.json'), `${JSON.stringify(directions, null, 2)}\n`);
}

export const reconvictionStage: Stage = {
  name: 'reconviction',
  description: 'match court outcomes, reconviction within 12 months by treatment status, and the multilevel regressions',
  async run(ctx) {
    const extraction = dayFromIso(ctx.scenario.window.end);
    const rules = defaultRules(extraction);
    const ndelius = await ctx.observed('ndelius_requirements');
    const selection = selectCohort(ndelius, { windowStart: dayFromIso(ctx.scenario.window.start), windowEnd: extraction, regions: REGION_CODES });
    const cohort = cohortTable(ndelius, selection.rows);
    const status = statusOf(cohort, await ctx.methodOutput(LINKAGE_FOLDER, 'requirements', LINKED_REQUIREMENTS_COLUMNS));
    const found = await findReconvictions({
      cohort,
      courts: await ctx.observed('court_outcomes'),
      rules,
      onProgress: (e) => ctx.progress({ stage: 'reconviction', step: `courts: ${e.step}`, done: e.phase === 'done' ? 1 : 0, total: 1 }),
    });

    const type = strings(cohort, 'requirement_type');
    const region = strings(cohort, 'region_code');
    const months = ints(cohort, 'length_months');
    const rows: ReconvictionRow[] = found.reconvicted.map((reconvicted, i) => ({
      type: type[i] === 'ATR' ? 'ATR' : 'DRR',
      region: regionName(region[i] ?? ''),
      lengthBand: lengthBandOf(months[i]),
      linked: status.linked[i],
      status3: status.status3[i],
      reconvicted,
    }));
    const method = methodText(rules);
    const figures: MethodEstimate[] = reconvictionFigures(rows, method);
    // The same matches counting convictions only: what the study's definition adds is the rest.
    const convictionRules: ReconvictionRules = { ...rules, excludedOutcomes: NOT_CONVICTIONS };
    const convictions = reconvictedFlags(ints(cohort, 'sentence_date'), found.cases, convictionRules);
    const convictionRows = rows.map((r, i) => ({ ...r, reconvicted: convictions[i] }));
    const convictionFigures = reconvictionFigures(convictionRows, methodText(convictionRules), 'reconviction.convictions_only');

    ctx.progress({ stage: 'reconviction', step: 'multilevel regressions', done: 0, total: 1 });
    const reports = fitStudyModels(factorTable({ cohort, linked: status.linked, status3: status.status3, reconvicted: found.reconvicted }));
    const models = modelEstimates(reports, regionName);

    // Evaluation: the same figures on the world, at three levels, and the generating models.
    const views = truthViews(await truthSources((side, name) => (side === 'truth' ? ctx.truth(name as never) : ctx.observed(name as never))), extraction);
    const reconvicted = trueReconvictions(await ctx.truth('truth_requirements'), await ctx.truth('truth_court_cases'), rules);
    const { truth, levels } = reconvictionTruth(views, reconvicted);
    ctx.progress({ stage: 'reconviction', step: 'the same regressions on the true outcomes', done: 0, total: 1 });
    const worldFit = worldFitEstimates(cohort, await ctx.truth('truth_ndelius_requirements'), views, reconvicted);
    const means = pooledCovariateMeans(await ctx.truth('truth_requirements'), await ctx.truth('truth_people'));
    const estimates: Estimate[] = [
      ...withTruth(figures, truth, ctx.scale),
      // Truth at another level is not a published figure: nothing to put beside it there.
      ...withTruth([...levels, ...convictionFigures], truth, ctx.scale).map((e) => ({ ...e, published: null })),
      ...withTruth(models, regressionTruth(ctx.scenario, models, means), ctx.scale),
      ...withTruth(worldFit, regressionTruth(ctx.scenario, worldFit, means), ctx.scale),
    ];
    await writeOutputs(join(ctx.runDir, RECONVICTION_FOLDER), cohort, found, reports, directionChecks(estimates));
    return estimates;
  },
};
