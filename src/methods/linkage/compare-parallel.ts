/**
 * The comparison step split across threads: the candidate pairs cut into one range per thread,
 * the main thread comparing the first while worker threads (compare-worker.ts) compare the
 * others, each range's vectors copied into place. Every level function is a pure function of
 * the two records, so the vectors are the same whatever the number of threads (a test checks).
 *
 * A worker takes some tens of milliseconds to start, so one is started when the link is big
 * enough to want it (before encoding and blocking, which then hide its start-up) and is used
 * only when the candidate pairs are many.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../io/worker-script.ts';
import type { CandidatePairs } from './blocking.ts';
import { comparePairs, type CompiledComparison } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import type { WorkerJob } from './compare-worker.ts';
import type { ComparisonSettings, LinkageSettings } from './settings.ts';
import type { Population, UEstimate } from './training/u.ts';

/** Fewer candidate pairs than this are compared on the main thread: a worker's start-up and copies cost more than it saves. */
export const PARALLEL_MIN_PAIRS = 400_000;

/**
 * Threads of a link: the settings' `threads`, else one per core that is free (the cores less the
 * one-minute load average, rounded up), at least 1 and at most 4. A second thread costs CPU
 * (its start-up, copies and its own caches) and pays only when it gets a core of its own: on
 * the two-file benchmark at load 9-10 on two cores, two threads took more CPU and more wall
 * than one (bench/two-file/README.md). The links are the same for any number.
 */
export function compareThreads(threads: number | undefined, cores = availableParallelism(), load = loadavg()[0]): number {
  return threads ?? Math.max(1, Math.min(4, cores, Math.ceil(cores - load)));
}

export interface ComparePool {
  workers: Worker[];
  /** Send a job to worker `w`; its answer, or its error as an Error. */
  run<T>(w: number, job: WorkerJobInput, transfer?: ArrayBuffer[]): Promise<T>;
  close(): Promise<void>;
}

type WorkerJobInput = WorkerJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

/** Start `threads - 1` workers (none for one thread). */
export function startComparePool(threads: number): ComparePool {
  const script = workerScript('./compare-worker', import.meta.url);
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => new Worker(script));
  /** Jobs sent and not yet answered, by id, per worker. */
  const pending = workers.map(() => new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>());
  /** A worker that failed (say, loading its script) fails its waiting and later jobs, not the process. */
  const failed: (Error | null)[] = workers.map(() => null);
  let nextId = 0;
  workers.forEach((worker, w) => {
    // An idle worker must not keep the process alive if the link fails before closing the pool;
    // a worker with jobs waiting is ref'd.
    worker.unref();
    const settle = () => {
      if (pending[w].size === 0) worker.unref();
    };
    worker.on('message', (reply: { id: number; value?: unknown; error?: string }) => {
      const job = pending[w].get(reply.id);
      if (!job) return;
      pending[w].delete(reply.id);
      settle();
      if (reply.error === undefined) job.resolve(reply.value);
      else job.reject(new Error(`link worker: ${reply.error}`));
    });
    worker.on('error', (error) => {
      failed[w] = error;
      for (const job of pending[w].values()) job.reject(new Error(`link worker: ${error.message}`));
      pending[w].clear();
      settle();
    });
  });
  return {
    workers,
    run<T>(w: number, job: WorkerJobInput, transfer: ArrayBuffer[] = []): Promise<T> {
      const error = failed[w];
      if (error) return Promise.reject(new Error(`link worker: ${error.message}`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending[w].set(id, { resolve: resolve as (value: unknown) => void, reject });
        workers[w].ref();
        workers[w].postMessage({ ...job, id }, transfer);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The encoded values the comparisons read (what a worker needs of them). */
function valuesRead(comparisons: ComparisonSettings[], encoded: Encoded): Encoded {
  const names = new Set(comparisons.flatMap((c) => [c.column, ...c.levels.map((l) => l.column ?? c.column)]));
  return new Map([...encoded].filter(([name]) => names.has(name)));
}

/**
 * u (uOfSettings) found on the pool's first worker while this thread goes on (blocking and
 * comparing); null without a worker. The u sample never reads the candidate pairs.
 */
export function uOnWorker(pool: ComparePool | null, settings: LinkageSettings, encoded: Encoded, population: Population): Promise<UEstimate> | null {
  if (pool === null || pool.workers.length === 0) return null;
  return pool.run<UEstimate>(0, { kind: 'u', settings, encoded: valuesRead(settings.comparisons, encoded), population });
}

/**
 * The comparison-vector matrix of the candidate pairs (as comparePairs), the pairs shared
 * between this thread and the pool's workers.
 */
export async function comparePairsParallel(
  pairs: CandidatePairs,
  comparisons: CompiledComparison[],
  encoded: Encoded,
  pool: ComparePool | null,
  minPairs = PARALLEL_MIN_PAIRS,
): Promise<Uint8Array> {
  if (pool === null || pool.workers.length === 0 || pairs.count < minPairs) return comparePairs(pairs, comparisons);
  const K = comparisons.length;
  const parts = pool.workers.length + 1;
  const size = Math.ceil(pairs.count / parts);
  const settings = comparisons.map((c) => c.settings);
  // Only the values the comparisons read travel to the workers.
  const needed = valuesRead(settings, encoded);
  const jobs = pool.workers.map((_, w) => {
    const from = Math.min(pairs.count, (w + 1) * size);
    const to = Math.min(pairs.count, from + size);
    const left = pairs.left.slice(from, to);
    const right = pairs.right.slice(from, to);
    const job = { kind: 'compare' as const, comparisons: settings, encoded: needed, left, right };
    return { from, done: pool.run<Uint8Array>(w, job, [left.buffer, right.buffer]) };
  });
  const gamma = new Uint8Array(pairs.count * K);
  const mine = Math.min(size, pairs.count);
  gamma.set(comparePairs({ left: pairs.left.subarray(0, mine), right: pairs.right.subarray(0, mine), count: mine }, comparisons));
  // All at once: a worker failing while another's answer is awaited must still be caught here.
  const done = await Promise.all(jobs.map((job) => job.done));
  jobs.forEach((job, w) => gamma.set(done[w], job.from * K));
  return gamma;
}
