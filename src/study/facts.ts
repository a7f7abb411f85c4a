/**
 * The study's fixed facts a method may know: the window the requirements were sentenced in
 * and the date the data were extracted (its end). They are facts about the records (when and
 * from what window nDelius sent them), not knobs of the world.
 */
import { dayFromIso } from '../io/dates.ts';

export interface StudyFacts {
  /** First day of the study window (day number). */
  windowStart: number;
  /** The extraction date, the window's last day: journeys still open then "remained". */
  extraction: number;
}

export function studyFacts(window: { start: string; end: string }): StudyFacts {
  return { windowStart: dayFromIso(window.start), extraction: dayFromIso(window.end) };
}
