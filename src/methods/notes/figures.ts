/**
 * The study's notes figures (sections 1.3.2, 1.5, 2.1, 2.5, 2.6) from an analysed sample, and
 * the bench's additions: the misclassification-corrected rate and what it extrapolates to.
 */
import type { MethodEstimate, Unit } from '../../results/estimate.ts';
import type { NotesAnalysis } from './analyse.ts';
import { extrapolate } from './extrapolate.ts';
import type { CorrectedRate } from './misclassification.ts';

export interface GroupCounts {
  /** Requirements linked to structured treatment, and all requirements, per group. */
  linked: Record<'all' | 'ATR' | 'DRR', number>;
  total: Record<'all' | 'ATR' | 'DRR', number>;
}

/** nDelius termination reasons as the study's ids spell them. */
export const TERMINATION_ID: Record<string, string> = {
  Completed: 'completed',
  Revoked: 'revoked',
  'Suspended Sentence Activated': 'suspended_sentence_activated',
  'Expired (Normal)': 'expired',
  Died: 'died',
  Other: 'other',
};

export function notesFigures(
  analysis: NotesAnalysis,
  counts: GroupCounts,
  review: { reviewed: number; engaged: number; corrected: CorrectedRate | null },
  method: string,
): MethodEstimate[] {
  const out: MethodEstimate[] = [];
  const add = (id: string, group: string, estimate: number | null, unit: Unit, ci: [number, number] | null = null, m = method) =>
    out.push({ id, group, estimate, ci, unit, method: m });
  const s = analysis.summary;

  add('nlp.sample', 'all', s.all.requirements, 'count');
  add('nlp.keyword_notes', 'all', s.all.keywordNotes, 'count');
  add('nlp.requirements_with_keyword_notes', 'all', s.all.requirementsWithKeywordNotes, 'count');
  add('nlp.no_keyword_notes', 'all', s.all.noKeywordNotes, 'count');
  add('nlp.engaged', 'all', s.all.engaged, 'count');
  add('nlp.not_engaged', 'all', s.all.notEngaged, 'count');

  for (const g of ['all', 'ATR', 'DRR'] as const) {
    const summary = s[g];
    if (summary.requirements === 0) continue;
    const x = extrapolate({ sampleSize: summary.requirements, sampleEngaged: summary.engaged, linked: counts.linked[g], total: counts.total[g] });
    add('nlp.engaged.pct', g, 100 * x.sampleRate, 'pct', [100 * x.sampleRateCi[0], 100 * x.sampleRateCi[1]]);
    add('any_treatment.extrapolated_unlinked.pct', g, 100 * x.furtherShareDirect, 'pct', [
      (100 * x.extrapolatedDirectCi[0]) / counts.total[g],
      (100 * x.extrapolatedDirectCi[1]) / counts.total[g],
    ]);
    add('any_treatment.pct', g, 100 * x.combinedShare, 'pct', [100 * x.combinedShareCi[0], 100 * x.combinedShareCi[1]]);
    if (g === 'all') {
      add('any_treatment.extrapolated_unlinked', 'all', x.extrapolatedStudy, 'count', null, `${method}; the study's arithmetic: floor(rounded headline % x total) - linked`);
      add('any_treatment.extrapolated_unlinked.direct', 'all', x.extrapolatedDirect, 'count', [x.extrapolatedDirectCi[0], x.extrapolatedDirectCi[1]], `${method}; sample rate x unlinked`);
    }
  }

  add('manual_review.reviewed', 'all', review.reviewed, 'count');
  add('manual_review.engaged.pct', 'all', review.reviewed ? (100 * review.engaged) / review.reviewed : null, 'pct');
  const c = review.corrected;
  if (c) {
    const corrected = `${method}; Rogan-Gladen correction with Se/Sp from the manual review, bootstrap interval over both samples`;
    add('nlp.classifier.sensitivity', 'all', 100 * c.accuracy.sensitivity, 'pct', null, corrected);
    add('nlp.classifier.specificity', 'all', 100 * c.accuracy.specificity, 'pct', null, corrected);
    if (!Number.isFinite(c.corrected)) {
      // Se + Sp <= 1 in the review: the classifier tells engaged from not no better than chance,
      // and no correction exists. Say so rather than print a number.
      const why = `${corrected}; undefined: sensitivity + specificity <= 1 in the manual review`;
      add('nlp.engaged.corrected.pct', 'all', null, 'pct', null, why);
      add('any_treatment.corrected.pct', 'all', null, 'pct', null, why);
      return finishTermination(out, analysis, add);
    }
    const ci = c.correctedCi ? ([100 * c.correctedCi[0], 100 * c.correctedCi[1]] as [number, number]) : null;
    add('nlp.engaged.corrected.pct', 'all', 100 * c.corrected, 'pct', ci, corrected);
    const x = extrapolate({
      sampleSize: s.all.requirements,
      sampleEngaged: s.all.engaged,
      linked: counts.linked.all,
      total: counts.total.all,
      rate: { value: c.corrected, ci: c.correctedCi ?? [c.corrected, c.corrected] },
    });
    add('any_treatment.corrected.pct', 'all', 100 * x.combinedShare, 'pct', ci ? [100 * x.combinedShareCi[0], 100 * x.combinedShareCi[1]] : null, corrected);
  }

  return finishTermination(out, analysis, add);
}

/** Termination reasons of the analysed requirements that had ended (section 2.6). */
function finishTermination(
  out: MethodEstimate[],
  analysis: NotesAnalysis,
  add: (id: string, group: string, estimate: number | null, unit: Unit) => void,
): MethodEstimate[] {
  const ended = analysis.termination.reduce((n, t) => n + t.requirements, 0);
  add('termination.analysed', 'all', ended, 'count');
  for (const t of analysis.termination) {
    const id = TERMINATION_ID[t.reason] ?? t.reason.toLowerCase().replace(/\W+/g, '_');
    add(`termination.${id}`, 'all', t.requirements, 'count');
    add(`termination.${id}.pct`, 'all', ended ? (100 * t.requirements) / ended : null, 'pct');
    add(`termination.${id}.engagement_rate.pct`, 'all', t.meanRate === null ? null : 100 * t.meanRate, 'pct');
  }
  return out;
}
