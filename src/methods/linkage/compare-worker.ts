/**
 * The worker side of the parallel comparison (compare-parallel.ts): it compiles the
 * comparisons from the settings and encoded values it is sent, as the main thread does, and
 * returns the comparison vectors of its range of candidate pairs. The level functions are pure,
 * so its vectors are the ones the main thread would have made.
 */
import { parentPort } from 'node:worker_threads';
import { comparePairs, compileComparisons } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import type { ComparisonSettings } from './settings.ts';

export interface CompareJob {
  comparisons: ComparisonSettings[];
  encoded: Encoded;
  left: Int32Array;
  right: Int32Array;
}

parentPort?.on('message', (job: CompareJob) => {
  try {
    const gamma = comparePairs({ left: job.left, right: job.right, count: job.left.length }, compileComparisons(job.comparisons, job.encoded));
    parentPort!.postMessage({ gamma }, [gamma.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
