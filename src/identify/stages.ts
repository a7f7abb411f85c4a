/**
 * Which method stage gives a figure, so that a draw runs only the stages its figures need
 * (and those they rest on). Read from the figure's id, as the stages name their figures; a
 * test runs every stage once and checks each published figure came from the stage named here.
 */
import type { AnyStage } from '../pipeline/stage.ts';
import { STAGES } from '../pipeline/stages/index.ts';

const BY_PREFIX: [RegExp, string][] = [
  [/^cohort\./, 'cohort'],
  [/^(nlp|any_treatment|manual_review|termination)\./, 'notes'],
  [/^reconviction\./, 'reconviction'],
  // Linkage and what is read off the linked records: outcomes, timing, status, prison.
  [/^(link|linkage|outcome|prison|time_to_treatment|status)\./, 'linkage'],
];

export function stageOfFigure(id: string): string | null {
  return BY_PREFIX.find(([re]) => re.test(id))?.[1] ?? null;
}

/** The stages (in run order) that give these figures, with every stage they need before them. */
export function stagesFor(ids: readonly string[], all: readonly AnyStage[] = STAGES): AnyStage[] {
  const wanted = new Set(ids.map((id) => stageOfFigure(id)).filter((s): s is string => s !== null));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (!wanted.has(s.name)) continue;
      for (const n of s.needs) {
        if (!wanted.has(n)) {
          wanted.add(n);
          grew = true;
        }
      }
    }
  }
  return all.filter((s) => wanted.has(s.name));
}
