/**
 * The worker side of the link's thread pool (compare-parallel.ts). Jobs, answered in the order
 * they come: `compare` returns the comparison vectors of a range of candidate pairs; `u` returns
 * the u estimate (uOfSettings). Each compiles the comparisons from the settings and encoded
 * values it is sent, as the main thread does; the level functions and the u estimate are pure
 * functions of the records (the u sample drawn from a seeded stream), so the answers are the
 * ones the main thread would have found.
 */
import { parentPort } from 'node:worker_threads';
import { comparePairs, compileComparisons } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import type { ComparisonSettings, LinkageSettings } from './settings.ts';
import { uOfSettings, type Population } from './training/u.ts';

export type WorkerJob =
  | { id: number; kind: 'compare'; comparisons: ComparisonSettings[]; encoded: Encoded; left: Int32Array; right: Int32Array }
  | { id: number; kind: 'u'; settings: LinkageSettings; encoded: Encoded; population: Population };

parentPort?.on('message', (job: WorkerJob) => {
  try {
    if (job.kind === 'compare') {
      const gamma = comparePairs({ left: job.left, right: job.right, count: job.left.length }, compileComparisons(job.comparisons, job.encoded));
      parentPort!.postMessage({ id: job.id, value: gamma }, [gamma.buffer as ArrayBuffer]);
    } else {
      const u = uOfSettings(job.settings, compileComparisons(job.settings.comparisons, job.encoded), job.encoded, job.population);
      parentPort!.postMessage({ id: job.id, value: u });
    }
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
