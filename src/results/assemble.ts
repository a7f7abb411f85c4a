/** Estimate meets truth and the published figure; results.json is read, merged and written here. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedValue } from '../evaluate/targets.ts';
import { atomicFilePath } from '../io/run-folder.ts';
import { estimateKey, resultsSchema, type Estimate, type MethodEstimate, type Results } from './estimate.ts';

/** Put the truth (by id + group) and the published value beside each method estimate. */
export function withTruth(estimates: MethodEstimate[], truth: Map<string, number>, scale: number): Estimate[] {
  return estimates.map((e) => {
    const t = truth.get(estimateKey(e));
    // A rate over an empty group (small scales) has no value: null, never NaN, and say why.
    const defined = e.estimate === null || Number.isFinite(e.estimate);
    const ci = e.ci && e.ci.every(Number.isFinite) ? e.ci : null;
    return {
      ...e,
      estimate: defined ? e.estimate : null,
      ci,
      ...(defined ? {} : { note: e.note ?? 'not defined on this run (an empty group or a zero denominator)' }),
      truth: t === undefined || !Number.isFinite(t) ? null : t,
      published: publishedValue(e.id, e.group, scale),
    };
  });
}

export function readResults(runDir: string): Results | null {
  const path = join(runDir, 'results.json');
  if (!existsSync(path)) return null;
  return resultsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Replace what a stage said before with what it says now, keeping every other stage's estimates. */
export function mergeResults(previous: Results | null, base: Omit<Results, 'stages' | 'estimates'>, stage: string, estimates: Estimate[]): Results {
  const fresh = new Set(estimates.map(estimateKey));
  const kept = (previous?.estimates ?? []).filter((e) => !fresh.has(estimateKey(e)));
  const stages = [...new Set([...(previous?.stages ?? []), stage])];
  return { ...base, stages, estimates: [...kept, ...estimates] };
}

export function writeResults(runDir: string, results: Results): void {
  resultsSchema.parse(results);
  const file = atomicFilePath(join(runDir, 'results.json'));
  writeFileSync(file.temp, `${JSON.stringify(results, null, 2)}\n`);
  file.commit();
}
