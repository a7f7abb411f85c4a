/**
 * Truth for the notes figures: who was truly engaged in any treatment while their requirement
 * ran (truth_requirements.engaged_in_window), and each note's true label.
 */
import { bools, ints, strings } from '../io/table.ts';
import type { TruthView } from './view.ts';
import type { Reviewer } from '../methods/notes/review.ts';
import type { NotesAnalysis } from '../methods/notes/analyse.ts';
import type { RequirementWindow } from '../methods/notes/engagement.ts';
import { terminationEngagement } from '../methods/notes/termination.ts';
import { estimateKey, type Estimate } from '../results/estimate.ts';
import { TERMINATION_ID } from '../methods/notes/figures.ts';
import { hashString, mix32 } from '../random/stream.ts';
import type { ReviewerConfig } from '../scenario/review.ts';

/** How often a reviewer takes a note of each true kind as showing engagement. */
export type ReadsAsEngaged = ReviewerConfig['reads_as_engaged'];

/** A reader who never errs: engaged exactly when a note truly says so. */
export const PERFECT_READER: ReadsAsEngaged = {
  engagement: 1,
  claimed_engagement: 0,
  plan: 0,
  historical: 0,
  other_person: 0,
  non_engagement: 0,
  substance_talk: 0,
  routine: 0,
};

/**
 * Whether the reviewer takes this note as showing engagement. The draw is the note's own
 * (its id hashed with the seed), so a reviewer with higher rates takes every note a lower one
 * took and more (common random numbers), and the answer never depends on which other notes
 * were asked about.
 */
export function readsAsEngaged(noteId: string, kind: string, rates: ReadsAsEngaged, seed: number): boolean {
  const rate = (rates as Record<string, number>)[kind] ?? 0;
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  const u = mix32(hashString(noteId, mix32(seed >>> 0) ^ 0x2e5a11c3)) / 4294967296;
  return u < rate;
}

/**
 * The study's manual reviewer (section 1.3.2): a person who reads each note and takes it as
 * showing engagement at the scenario's rates for what the note is truly about
 * (`manual_review.reads_as_engaged`). With PERFECT_READER the review recovers exactly the
 * engagement the notes show.
 */
export function manualReviewer(truth: TruthView, rates: ReadsAsEngaged = truth.scenario.manual_review.reads_as_engaged): Reviewer {
  const seed = truth.facts.seed;
  return {
    async engagedNotes(noteIds) {
      const labels = await truth.truthWhere('truth_contact_notes', { column: 'note_id', in: noteIds });
      const id = strings(labels, 'note_id');
      const kind = strings(labels, 'note_kind');
      const engaged = new Set<string>();
      for (let i = 0; i < labels.rowCount; i++) if (readsAsEngaged(id[i] ?? '', kind[i] ?? '', rates, seed)) engaged.add(id[i] ?? '');
      return engaged;
    },
  };
}

/** A reviewer who reads every note perfectly (engaged exactly when a note truly says so). */
export function perfectReviewer(truth: TruthView): Reviewer {
  return manualReviewer(truth, PERFECT_READER);
}

export interface NotesTruth {
  /** What only the truth knows about each of the sample's notes: its label, voice and hard-case type. */
  notes: ReadonlyMap<string, { label: string; voice: string; hardCase: string }>;
  forClassifier(analysis: NotesAnalysis): Promise<Map<string, number>>;
  /**
   * The classifier's errors by note kind, which only the truth knows: of the sample's keyword
   * notes of each kind, the share it labelled engaged (estimate) against the share truly
   * engaged (truth). A plan or another person's treatment read as engagement shows here.
   */
  errorsByNoteKind(analysis: NotesAnalysis, method: string, idSuffix: string): Estimate[];
}

export async function notesTruth(ctx: TruthView, frame: RequirementWindow[], sample: RequirementWindow[]): Promise<NotesTruth> {
  const keys = await ctx.truth('truth_ndelius_requirements');
  const requirements = await ctx.truth('truth_requirements');
  const requirementOfRecord = new Map<string, number>();
  strings(keys, 'record_id').forEach((id, i) => requirementOfRecord.set(id ?? '', ints(keys, 'requirement_id')[i]));
  const engagedOf = new Map<number, boolean>();
  const reqIds = ints(requirements, 'requirement_id');
  const engaged = bools(requirements, 'engaged_in_window');
  const scope = strings(requirements, 'scope');
  const type = strings(requirements, 'requirement_type');
  for (let i = 0; i < requirements.rowCount; i++) engagedOf.set(reqIds[i], engaged[i] === 1);
  const trulyEngaged = (r: RequirementWindow) => engagedOf.get(requirementOfRecord.get(r.requirementKey) ?? -1) ?? false;

  const truth = new Map<string, number>();
  const set = (id: string, group: string, value: number) => truth.set(estimateKey({ id, group }), value);
  const groups = ['all', 'ATR', 'DRR'] as const;
  const inGroup = (g: string, t: string) => g === 'all' || g === t;
  for (const g of groups) {
    const unlinked = frame.filter((r) => inGroup(g, r.requirementType));
    const unlinkedEngaged = unlinked.filter(trulyEngaged).length;
    let total = 0;
    let totalEngaged = 0;
    for (let i = 0; i < requirements.rowCount; i++) {
      if (scope[i] !== 'in_scope' || !inGroup(g, type[i] ?? '')) continue;
      total++;
      if (engaged[i] === 1) totalEngaged++;
    }
    if (unlinked.length) set('nlp.engaged.pct', g, (100 * unlinkedEngaged) / unlinked.length);
    if (total) {
      set('any_treatment.extrapolated_unlinked.pct', g, (100 * unlinkedEngaged) / total);
      set('any_treatment.pct', g, (100 * totalEngaged) / total);
    }
    if (g === 'all') {
      set('any_treatment.extrapolated_unlinked', g, unlinkedEngaged);
      set('any_treatment.extrapolated_unlinked.direct', g, unlinkedEngaged);
      set('nlp.engaged.corrected.pct', g, (100 * unlinkedEngaged) / unlinked.length);
      set('any_treatment.corrected.pct', g, (100 * totalEngaged) / total);
      set('nlp.engaged', g, sample.filter(trulyEngaged).length);
    }
  }

  // True note labels of the sample's notes, for the termination-window engagement rates.
  const sampleRequirementIds = sample.map((r) => requirementOfRecord.get(r.requirementKey)).filter((x): x is number => x !== undefined);
  const noteTruth = sampleRequirementIds.length
    ? await ctx.truthWhere('truth_contact_notes', { column: 'requirement_id', in: sampleRequirementIds.map(String) })
    : null;
  const trueLabel = new Map<string, string>();
  const noteKind = new Map<string, string>();
  const notes = new Map<string, { label: string; voice: string; hardCase: string }>();
  if (noteTruth) {
    const labels = strings(noteTruth, 'true_label');
    const kinds = strings(noteTruth, 'note_kind');
    // Runs written before notes had voices have neither column: all theirs are the original voice.
    const voices = 'voice' in noteTruth.columns ? strings(noteTruth, 'voice') : null;
    const hards = 'hard_case' in noteTruth.columns ? strings(noteTruth, 'hard_case') : null;
    strings(noteTruth, 'note_id').forEach((id, i) => {
      trueLabel.set(id ?? '', labels[i] ?? '');
      noteKind.set(id ?? '', kinds[i] ?? '');
      notes.set(id ?? '', { label: labels[i] ?? '', voice: voices?.[i] ?? 'original', hardCase: hards?.[i] ?? 'unknown' });
    });
  }

  return {
    notes,
    errorsByNoteKind(analysis, method, idSuffix) {
      const byKind = new Map<string, { notes: number; said: number; truly: number }>();
      for (const n of analysis.classified) {
        const kind = noteKind.get(n.noteId);
        if (!n.keyword || !kind) continue;
        const k = byKind.get(kind) ?? { notes: 0, said: 0, truly: 0 };
        k.notes++;
        if (n.label === 'engaged') k.said++;
        if (trueLabel.get(n.noteId) === 'engaged') k.truly++;
        byKind.set(kind, k);
      }
      return [...byKind.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([kind, k]) => ({
          id: `nlp.note_errors.engaged.pct${idSuffix}`,
          group: `all|kind=${kind}`,
          estimate: (100 * k.said) / k.notes,
          ci: null,
          truth: (100 * k.truly) / k.notes,
          published: null,
          unit: 'pct' as const,
          method,
          note: `${k.notes} keyword notes of this kind in the sample; estimate = the share the classifier labelled engaged, truth = the share truly engaged`,
        }));
    },
    async forClassifier(analysis) {
      const out = new Map(truth);
      // The same termination-window rate, with each note's true label in place of the classifier's.
      const trueNotes = analysis.classified.map((n) => ({ ...n, label: trueLabel.get(n.noteId) === 'engaged' ? ('engaged' as const) : ('not_engaged' as const) }));
      for (const t of terminationEngagement(sample, trueNotes)) {
        const id = TERMINATION_ID[t.reason];
        if (id && t.meanRate !== null) out.set(estimateKey({ id: `termination.${id}.engagement_rate.pct`, group: 'all' }), 100 * t.meanRate);
      }
      // The classifier's true requirement-level sensitivity and specificity on the whole sample.
      const status = new Map(analysis.requirements.map((r) => [r.requirementKey, r.status === 'engaged']));
      let tp = 0, pos = 0, tn = 0, neg = 0;
      for (const r of sample) {
        const said = status.get(r.requirementKey) ?? false;
        if (trulyEngaged(r)) {
          pos++;
          if (said) tp++;
        } else {
          neg++;
          if (!said) tn++;
        }
      }
      if (pos) out.set(estimateKey({ id: 'nlp.classifier.sensitivity', group: 'all' }), (100 * tp) / pos);
      if (neg) out.set(estimateKey({ id: 'nlp.classifier.specificity', group: 'all' }), (100 * tn) / neg);
      return out;
    },
  };
}
