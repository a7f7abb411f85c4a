/**
 * Truth for reconviction within 12 months: the section 4 figures computed on the world with the
 * method's own figures function and window, at three levels so a reader can split the gap
 * between the study's figure and the truth:
 *
 *   reconviction.*                  truth: a guilty outcome for an offence in the window, by the
 *                                   true treatment status, whenever it was recorded (and even
 *                                   when the offence came after the extraction date)
 *   reconviction.followup_truth.*   the same, counting only offences committed by the
 *                                   extraction date (the follow-up the data allow)
 *   reconviction.recorded_truth.*   the same, counting only outcomes recorded by the extraction
 *                                   date (follow-up and the recording delay)
 *
 * and beside them the method's own variant
 *
 *   reconviction.convictions_only.* the method's figures from the same matches counting guilty
 *                                   outcomes only (not withdrawn or dismissed charges)
 *
 * truth - followup_truth is the cut-off follow-up, followup_truth - recorded_truth the recording
 * delay, convictions_only - recorded_truth what matching courts and linking NDTMS got wrong,
 * and recovered - convictions_only the study's definition counting withdrawn and dismissed
 * charges, which are not convictions. Every parallel estimate has the full truth beside it.
 */
import type { Table } from '../io/table.ts';
import { ints, strings } from '../io/table.ts';
import { estimateKey, type MethodEstimate } from '../results/estimate.ts';
import { reconvictionFigures, status3Of, type ReconvictionRow } from '../methods/reconviction/figures.ts';
import { countsAsReconviction, type CourtCaseDates, type ReconvictionRules } from '../methods/reconviction/reconvictions.ts';
import type { RequirementView } from '../methods/treatment/figures.ts';

export const TRUTH_LEVELS = ['followup_truth', 'recorded_truth'] as const;
export type TruthLevel = 'truth' | (typeof TRUTH_LEVELS)[number];

/** Each in-scope requirement's true reconviction at each level, keyed by requirement id. */
export function trueReconvictions(
  requirements: Table,
  courtCases: Table,
  rules: ReconvictionRules,
): Map<number, Record<TruthLevel, boolean>> {
  const casesOf = new Map<number, (CourtCaseDates & { recorded: boolean })[]>();
  const person = ints(courtCases, 'person_id');
  const offence = ints(courtCases, 'offence_date');
  const outcomeDate = ints(courtCases, 'outcome_date');
  const outcome = strings(courtCases, 'outcome');
  for (let i = 0; i < courtCases.rowCount; i++) {
    // Only a conviction is a reconviction in truth, whatever the study's definition counted.
    if (outcome[i] !== 'guilty') continue;
    const list = casesOf.get(person[i]) ?? casesOf.set(person[i], []).get(person[i])!;
    // The world records one date for hearing and outcome.
    list.push({ offenceDate: offence[i], hearingDate: outcomeDate[i], outcomeDate: outcomeDate[i], outcome: 'guilty', recorded: outcomeDate[i] <= rules.extraction });
  }
  const anyTime: ReconvictionRules = { ...rules, excludedOutcomes: [], extraction: Number.POSITIVE_INFINITY };
  const recorded: ReconvictionRules = { ...rules, excludedOutcomes: [] };
  const id = ints(requirements, 'requirement_id');
  const owner = ints(requirements, 'person_id');
  const scope = strings(requirements, 'scope');
  const sentence = ints(requirements, 'sentence_date');
  const out = new Map<number, Record<TruthLevel, boolean>>();
  for (let i = 0; i < requirements.rowCount; i++) {
    if (scope[i] !== 'in_scope') continue;
    // A person's cases count for each of their requirements, as matching by person does.
    const cases = casesOf.get(owner[i]) ?? [];
    out.set(id[i], {
      truth: cases.some((c) => countsAsReconviction(sentence[i], c, anyTime)),
      followup_truth: cases.some((c) => c.offenceDate <= rules.extraction && countsAsReconviction(sentence[i], c, anyTime)),
      recorded_truth: cases.some((c) => countsAsReconviction(sentence[i], c, recorded)),
    });
  }
  return out;
}

/** Rows for the figures function from the true views and true reconvictions. */
export function truthRows(views: Map<number, RequirementView>, reconvicted: Map<number, Record<TruthLevel, boolean>>, level: TruthLevel): ReconvictionRow[] {
  const rows: ReconvictionRow[] = [];
  for (const [id, v] of views) {
    rows.push({ type: v.type, region: v.region, lengthBand: v.lengthBand, linked: v.linked, status3: status3Of(v.linked, v.status), reconvicted: reconvicted.get(id)?.[level] ?? false });
  }
  return rows;
}

/**
 * The truth of every section 4 figure, and the parallel estimates of the truth at the other
 * levels (each with the full truth beside it).
 */
export function reconvictionTruth(views: Map<number, RequirementView>, reconvicted: Map<number, Record<TruthLevel, boolean>>): {
  truth: Map<string, number>;
  levels: MethodEstimate[];
} {
  const truth = new Map<string, number>();
  for (const e of reconvictionFigures(truthRows(views, reconvicted, 'truth'), 'truth')) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  const levels: MethodEstimate[] = [];
  const method: Record<(typeof TRUTH_LEVELS)[number], string> = {
    followup_truth: 'truth on the world: guilty, offence in the window and committed by the extraction date, true treatment status',
    recorded_truth: 'truth on the world: guilty, offence in the window and outcome recorded by the extraction date, true treatment status',
  };
  // Other parallel sets (the method's own variants) get the full truth beside them too.
  for (const prefix of ['reconviction.convictions_only']) {
    for (const e of reconvictionFigures(truthRows(views, reconvicted, 'truth'), 'truth', prefix)) if (e.estimate !== null) truth.set(estimateKey(e), e.estimate);
  }
  for (const level of TRUTH_LEVELS) {
    const prefix = `reconviction.${level}`;
    for (const e of reconvictionFigures(truthRows(views, reconvicted, level), method[level], prefix)) {
      levels.push(e);
      // Beside each, the full truth of the same figure.
      const t = truth.get(estimateKey({ id: `reconviction${e.id.slice(prefix.length)}`, group: e.group }));
      if (t !== undefined) truth.set(estimateKey(e), t);
    }
  }
  return { truth, levels };
}
