/**
 * The study's regressions on worker threads. Each model is fitted by `fitStudyModel`, the same
 * code on the same rows, so the reports are those `fitStudyModels` gives, number for number;
 * the six fits only share the cores. At scale 1 they are the longest single step of a run
 * (a second or more each), and the pipeline runs other stages on the main thread meanwhile.
 * A table too small for a thread's start-up to pay is fitted here, as is everything when a
 * worker cannot start.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';
import { workerScript } from '../../io/worker-script.ts';
import type { Table } from '../../io/table.ts';
import { fitStudyModels, studyModels, type ModelReport, type ModelSpec } from './models.ts';

/** Below this many rows the fits stay on the calling thread (a worker's start-up costs ~0.3 s). */
export const FIT_THREADS_MIN_ROWS = 20_000;

export interface FitThreadsOptions {
  /** Workers at most (default: the machine's parallelism, at most one per model; 1 on a worker thread). */
  threads?: number;
  /** Fewer rows than this: fitted on the calling thread (default FIT_THREADS_MIN_ROWS). */
  minRows?: number;
}

/** What a fit worker is given, and what it answers for each model index it is sent. */
export interface FitJob {
  table: Table;
  specs: ModelSpec[];
}
export type FitAnswer = { type: 'fit'; index: number; report: ModelReport } | { type: 'error'; message: string };

function startWorker(job: FitJob): Worker {
  return new Worker(workerScript('./fit-worker', import.meta.url), { workerData: job });
}

/**
 * How many threads fit `models` models. By default the machine's parallelism, but one where the
 * caller is itself a worker thread (a sweep's or identify's): those already keep every core busy
 * with other replicates, so more threads would only add their start-up and share the same cores.
 */
export function fitThreadCount(models: number, threads: number | undefined, onMainThread = isMainThread, cores = availableParallelism()): number {
  return Math.min(models, threads ?? (onMainThread ? cores : 1));
}

/** `fitStudyModels(table, specs)`, the models shared among worker threads; the reports in `specs` order. */
export async function fitStudyModelsOnThreads(table: Table, specs: ModelSpec[] = studyModels(), options: FitThreadsOptions = {}): Promise<ModelReport[]> {
  const threads = fitThreadCount(specs.length, options.threads);
  if (threads < 2 || table.rowCount < (options.minRows ?? FIT_THREADS_MIN_ROWS)) return fitStudyModels(table, specs);
  const job: FitJob = { table, specs };
  const workers: Worker[] = [];
  try {
    for (let k = 0; k < threads; k++) workers.push(startWorker(job));
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    return fitStudyModels(table, specs);
  }
  // The models on both requirement types first: they have the most rows, so no thread is left with a long one at the end.
  const order = specs.map((_, i) => i).sort((a, b) => Number(specs[b].group === 'all') - Number(specs[a].group === 'all') || a - b);
  const reports: ModelReport[] = new Array(specs.length);
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const give = (worker: Worker): void => {
        if (next < order.length) worker.postMessage(order[next++]);
      };
      for (const worker of workers) {
        worker.on('message', (m: FitAnswer) => {
          if (m.type === 'error') return reject(new Error(`regression worker: ${m.message}`));
          // The spec the caller passed, not the worker's copy of it.
          reports[m.index] = { ...m.report, spec: specs[m.index] };
          if (++done === specs.length) resolve();
          else give(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`regression worker exited with code ${code}`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return reports;
}
