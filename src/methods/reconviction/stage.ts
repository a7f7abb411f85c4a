/**
 * The reconviction stage's method (study section 4): match court outcomes to the cohort's
 * records, read each requirement's treatment status from the linkage stage, count
 * reconviction within the window, and fit the multilevel regressions on the records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bools, ints, strings, type Table } from '../../io/table.ts';
import { tableBuilder } from '../../io/table-builder.ts';
import { writeCsv } from '../../io/csv-write.ts';
import { InputError } from '../../errors.ts';
import type { MethodEstimate } from '../../results/estimate.ts';
import { cohortTable, studyCohort } from '../../study/cohort.ts';
import { lengthBandOf, regionName } from '../../study/vocabulary.ts';
import { linkIds, modelJson } from '../linkage/index.ts';
import type { MethodsDocument } from '../document.ts';
import { LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS } from '../treatment/stage.ts';
import type { MethodOutputs, MethodStage } from '../stage.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow, type Status3 } from './figures.ts';
import { factorTable, modelEstimates, studyModels, type ModelReport, type ModelSpec } from './models.ts';
import { fitStudyModelsOnThreads } from './fit-threads.ts';
import { findReconvictions, reconvictedFlags, NOT_CONVICTIONS, type ReconvictionRules, type Reconvictions } from './reconvictions.ts';
import { describeWindow, type ReconvictionWindow } from './window.ts';

export const RECONVICTION_STAGE = 'reconviction';

export interface ReconvictionOutputs extends MethodOutputs {
  /** The cohort's nDelius records, in the order of every per-requirement array. */
  cohort: Table;
  rules: ReconvictionRules;
  specs: ModelSpec[];
  /** Linkage's status per cohort record. */
  status: { linked: boolean[]; status3: Status3[] };
  found: Reconvictions;
  rows: ReconvictionRow[];
  /** The section 4 figures by the study's definition, then counting convictions only, then the fits. */
  figures: MethodEstimate[];
  convictionFigures: MethodEstimate[];
  models: MethodEstimate[];
  reports: ModelReport[];
}

function methodText(rules: ReconvictionRules): string {
  return `courts matched by PNC, names and date of birth (Fellegi-Sunter); outcome other than ${rules.excludedOutcomes.join(', ')}, ${describeWindow(rules.window)}, recorded by extraction; status from linkage`;
}

/** The document's rules for a run extracted on `extraction`. */
export function rulesOf(methods: MethodsDocument, extraction: number): ReconvictionRules {
  const { date, months, days } = methods.reconviction.window;
  const window: ReconvictionWindow = { date, length: days !== undefined ? { days } : { months: months ?? 12 } };
  return { window, excludedOutcomes: methods.reconviction.excluded_outcomes, extraction };
}

/** The document's models, in its order. */
export function specsOf(methods: MethodsDocument): ModelSpec[] {
  const all = studyModels();
  return methods.reconviction.models.map((m) => {
    const spec = all.find((s) => s.outcome === m.outcome && s.group === m.group);
    if (!spec) throw new InputError(`reconviction.models: no model for ${m.outcome} in ${m.group}`);
    return spec;
  });
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
    if (i === undefined) throw new InputError(`${LINKAGE_STAGE}/${LINKED_REQUIREMENTS}.csv has no row for cohort record ${id}: it comes from another run; run the linkage stage again`);
    out.linked.push(isLinked[i] === 1);
    out.status3.push(status3Of(isLinked[i] === 1, status[i]));
  }
  return out;
}

async function writeOutputs(dir: string, cohort: Table, found: Reconvictions, reports: ModelReport[]): Promise<void> {
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
}

export const reconvictionMethod: MethodStage<ReconvictionOutputs> = {
  name: RECONVICTION_STAGE,
  description: 'match court outcomes, reconviction within 12 months by treatment status, and the multilevel regressions',
  needs: [LINKAGE_STAGE],
  async method(records, methods) {
    const rules = rulesOf(methods, records.facts.extraction);
    const specs = specsOf(methods);
    const ndelius = await records.observed('ndelius_requirements');
    const cohort = cohortTable(ndelius, studyCohort(ndelius, records.facts).rows);
    const status = statusOf(cohort, await records.output(LINKAGE_STAGE, LINKED_REQUIREMENTS, LINKED_REQUIREMENTS_COLUMNS));
    const found = await findReconvictions({
      cohort,
      courts: await records.observed('court_outcomes'),
      rules,
      onProgress: (e) => records.progress({ stage: RECONVICTION_STAGE, step: `courts: ${e.step}`, done: e.phase === 'done' ? 1 : 0, total: 1 }),
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
    const figures = reconvictionFigures(rows, methodText(rules));
    // The same matches counting convictions only: what the study's definition adds is the rest.
    const convictionRules: ReconvictionRules = { ...rules, excludedOutcomes: [...NOT_CONVICTIONS] };
    const convictions = reconvictedFlags(ints(cohort, 'sentence_date'), found.cases, convictionRules);
    const convictionRows = rows.map((r, i) => ({ ...r, reconvicted: convictions[i] }));
    const convictionFigures = reconvictionFigures(convictionRows, methodText(convictionRules), 'reconviction.convictions_only');

    records.progress({ stage: RECONVICTION_STAGE, step: 'multilevel regressions', done: 0, total: 1 });
    // Only the models whose figures the caller keeps (all of them in a run).
    const fitted = specs.filter((s) => records.keeps?.(`regression.${s.outcome}.`) ?? true);
    const reports = fitted.length === 0 ? [] : await fitStudyModelsOnThreads(factorTable({ cohort, linked: status.linked, status3: status.status3, reconvicted: found.reconvicted }), fitted);
    const models = modelEstimates(reports, regionName);
    return {
      cohort,
      rules,
      specs,
      status,
      found,
      rows,
      figures,
      convictionFigures,
      models,
      reports,
      estimates: [...figures, ...convictionFigures, ...models],
      tables: [],
      write: (dir) => writeOutputs(dir, cohort, found, reports),
    };
  },
};
