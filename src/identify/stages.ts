/**
 * Which method stage gives an estimate, so that a draw (or a sweep keeping some estimands) runs
 * only the stages its figures need (and those they rest on), and evaluates only the stages whose
 * estimates it keeps. Read from the estimate's id, as the stages name their estimates; a test
 * runs every stage once and checks each estimate came from the stage named here.
 */
import type { AnyStage } from '../pipeline/stage.ts';
import { STAGES } from '../pipeline/stages/index.ts';

const BY_PREFIX: [RegExp, string][] = [
  [/^cohort\./, 'cohort'],
  [/^(nlp|any_treatment|manual_review|termination)\./, 'notes'],
  [/^(reconviction|regression)\./, 'reconviction'],
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

/**
 * What keeping these estimands (ids, or id prefixes ending in *) asks to run: the stages, the
 * stages whose evaluation runs (the others run their method alone, for the stages after them),
 * and `keeps(prefix)`: whether an estimate whose id starts with `prefix` may be kept (an
 * evaluation leaves out costly estimates nobody keeps). No estimands: everything. An estimand
 * whose stage cannot be read from its id keeps every stage and every evaluation.
 */
export interface Needed {
  stages: AnyStage[];
  evaluated: ReadonlySet<string>;
  keeps: (prefix: string) => boolean;
}

export function neededFor(estimands: readonly string[] | undefined, all: readonly AnyStage[] = STAGES): Needed {
  if (estimands === undefined) return { stages: [...all], evaluated: new Set(all.map((s) => s.name)), keeps: () => true };
  const bases = estimands.map((e) => (e.endsWith('*') ? e.slice(0, -1) : e));
  const keeps = (prefix: string): boolean => estimands.some((e, i) => (e.endsWith('*') ? prefix.startsWith(bases[i]) || bases[i].startsWith(prefix) : e.startsWith(prefix)));
  const named = bases.map((b) => stageOfFigure(b));
  if (named.some((s) => s === null)) return { stages: [...all], evaluated: new Set(all.map((s) => s.name)), keeps };
  return { stages: stagesFor(bases, all), evaluated: new Set(named as string[]), keeps };
}
