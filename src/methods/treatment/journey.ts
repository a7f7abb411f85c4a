/**
 * From linked NDTMS episodes to a requirement's treatment journey, as the study read it:
 * treatment counts when an episode is open at some point between sentence and the end of the
 * requirement; the first such episode says how soon treatment began; the last says how the
 * journey stood at the end of observation.
 */
import { NULL_INT } from '../../io/table.ts';

export type StartBand = 'already' | 'within3w' | '3-6w' | '6-12w' | '>12w';
/** The five end states of the study's Figures 2-3. */
export type JourneyStatus = 'completed' | 'remained' | 'dropout' | 'prison' | 'died';

export function startBand(daysFromSentence: number): StartBand {
  if (daysFromSentence < 0) return 'already';
  if (daysFromSentence <= 21) return 'within3w';
  if (daysFromSentence <= 42) return '3-6w';
  if (daysFromSentence <= 84) return '6-12w';
  return '>12w';
}

/** NDTMS discharge reason codes to end states; 83 (transferred, not in custody) is a dropout unless a later episode follows. */
export function statusFromDischarge(code: string | null): JourneyStatus {
  if (code === null) return 'remained';
  switch (code) {
    case '80':
    case '81':
    case '82':
      return 'completed';
    case '84':
    case '87':
      return 'prison';
    case '89':
      return 'died';
    default:
      return 'dropout';
  }
}

export interface EpisodeDates {
  triage: number;
  /** NULL_INT while open at extraction. */
  discharge: number;
  dischargeReason: string | null;
}

export interface Journey {
  startBand: StartBand;
  daysToStart: number;
  status: JourneyStatus;
}

/** Whether an episode was open at some point between sentence and the window's end. */
export function inWindow(e: EpisodeDates, sentence: number, windowEnd: number): boolean {
  return e.triage <= windowEnd && (e.discharge === NULL_INT || e.discharge >= sentence);
}

/** The journey of one requirement from its linked episodes, or null when none falls in its window. */
export function journeyOf(episodes: EpisodeDates[], sentence: number, windowEnd: number): Journey | null {
  const inside = episodes.filter((e) => inWindow(e, sentence, windowEnd)).sort((a, b) => a.triage - b.triage);
  if (inside.length === 0) return null;
  const first = inside[0];
  const last = inside[inside.length - 1];
  return {
    startBand: startBand(first.triage - sentence),
    daysToStart: first.triage - sentence,
    status: statusFromDischarge(last.discharge === NULL_INT ? null : last.dischargeReason),
  };
}
