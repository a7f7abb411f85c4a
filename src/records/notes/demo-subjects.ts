/**
 * Stand-in requirements for tests, the benchmark and calibration of the notes knobs, until
 * the world stage fills NoteSubject for real. They mimic UNLINKED requirements (the study's
 * NLP sample): about two in three truly engaged in some treatment at some point (the manual
 * review's 65%), completers more often and nearer the end than those revoked. These are
 * assumptions of this helper, not of the generator: the world decides engagement.
 */
import { addMonths, dayFromIso } from '../../io/dates.ts';
import { stream, type Rng } from '../../random/stream.ts';
import { REGION_CODES } from '../../study/vocabulary.ts';
import type { EngagementKind, NoteSubject } from './subject.ts';

export interface DemoSubjectOptions {
  /** Fix every requirement's length (months); otherwise the baseline's length mix. */
  lengthMonths?: number;
  /** Chance a requirement is ever truly engaged, by termination reason. */
  engagedByReason?: Partial<Record<string, number>>;
  extractionDay?: number;
}

export const EXTRACTION_DAY = dayFromIso('2023-03-31');

const REASONS: readonly [string, number][] = [
  ['Completed', 0.46],
  ['Revoked', 0.27],
  ['Suspended Sentence Activated', 0.12],
  ['Expired (Normal)', 0.13],
  ['Died', 0.01],
  ['Other', 0.01],
];

const ENGAGED_BY_REASON: Record<string, number> = {
  Completed: 0.87,
  Revoked: 0.45,
  'Suspended Sentence Activated': 0.45,
  'Expired (Normal)': 0.7,
  Died: 0.5,
  Other: 0.5,
};

/** Chance an engaged person is still engaged at termination: engagement helps completion. */
const ENGAGED_AT_END: Record<string, number> = {
  Completed: 0.4,
  Revoked: 0.1,
  'Suspended Sentence Activated': 0.1,
  'Expired (Normal)': 0.3,
  Died: 0.2,
  Other: 0.2,
};

const LENGTHS: Record<'ATR' | 'DRR', readonly [number, number, number][]> = {
  ATR: [[1, 3, 0.15], [4, 6, 0.55], [7, 9, 0.12], [10, 12, 0.17], [13, 24, 0.01]],
  DRR: [[1, 3, 0.08], [4, 6, 0.6], [7, 9, 0.1], [10, 12, 0.207], [13, 24, 0.013]],
};

const KINDS: readonly [EngagementKind, number][] = [
  ['other', 0.45],
  ['structured', 0.25],
  ['cjit', 0.15],
  ['secure', 0.15],
];

function weighted<T>(items: readonly (readonly [T, ...unknown[]])[], weights: readonly number[], rng: Rng): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i][0];
  }
  return items[items.length - 1][0];
}

function lengthMonths(type: 'ATR' | 'DRR', rng: Rng): number {
  const bands = LENGTHS[type];
  const [low, high] = weighted(bands.map((b) => [[b[0], b[1]]] as const), bands.map((b) => b[2]), rng);
  return low + rng.int(high - low + 1);
}

export function demoSubject(index: number, seed: number, options: DemoSubjectOptions = {}): NoteSubject {
  const rng = stream(seed, 'notes.demo').at(index);
  const extraction = options.extractionDay ?? EXTRACTION_DAY;
  const requirementType = rng.chance(0.46) ? 'ATR' : 'DRR';
  const months = options.lengthMonths ?? lengthMonths(requirementType, rng);
  const start = dayFromIso('2018-08-01') + rng.int(dayFromIso('2022-09-30') - dayFromIso('2018-08-01'));
  const planned = addMonths(start, months);
  let reason: string | null = weighted(REASONS, REASONS.map((r) => r[1]), rng);
  let end =
    reason === 'Completed' || reason === 'Expired (Normal)'
      ? planned
      : start + Math.round((planned - start) * (0.25 + 0.7 * rng.next()));
  if (end > extraction) {
    end = extraction;
    reason = null;
  }
  const engagement: NoteSubject['engagement'] = [];
  const everEngaged = rng.chance({ ...ENGAGED_BY_REASON, ...options.engagedByReason }[reason ?? 'Other'] ?? 0.5);
  if (everEngaged) {
    const span = Math.max(1, end - start);
    const kind = weighted(KINDS, KINDS.map((k) => k[1]), rng);
    let from = start + Math.floor(span * 0.5 * rng.next());
    let to = end;
    if (!rng.chance(ENGAGED_AT_END[reason ?? 'Other'] ?? 0.3)) {
      // Not engaged at the end: it had lapsed weeks or months before, often well before a
      // revocation, and short requirements lapse early.
      const lapsed = end - Math.round(Math.max(60, span * (0.3 + 0.3 * rng.next())));
      from = Math.max(start - 30, Math.min(from, lapsed - 30));
      to = Math.min(lapsed, from + Math.max(30, Math.round(span * (0.2 + 0.5 * rng.next()))));
    }
    engagement.push({ from, to: Math.max(from + 14, to), kind });
  }
  return {
    requirementId: `R${String(index + 1).padStart(7, '0')}`,
    crn: `${String.fromCharCode(65 + (index % 26))}${String((index * 7919) % 1_000_000).padStart(6, '0')}`,
    requirementType,
    regionCode: REGION_CODES[rng.int(REGION_CODES.length)],
    start,
    end,
    terminationReason: reason,
    engagement,
  };
}

export function demoSubjects(count: number, seed: number, options: DemoSubjectOptions = {}): NoteSubject[] {
  return Array.from({ length: count }, (_, i) => demoSubject(i, seed, options));
}
