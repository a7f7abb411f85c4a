/**
 * The comparison step split across threads: the candidate pairs dealt out in stripes, the main
 * thread comparing its own while worker threads (compare-worker.ts) compare the others, each
 * stripe's vectors copied into place. Every level function is a pure function of
 * the two records, so the vectors are the same whatever the number of threads (a test checks).
 *
 * A worker takes some tens of milliseconds to start, so one is started when the link is big
 * enough to want it (before encoding and blocking, which then hide its start-up) and is used
 * only when the candidate pairs are many.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';
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
 * than one (bench/two-file/README.md). A link run on a worker thread (a sweep's, or identify's
 * pool) takes one: its caller already shares the cores out among its workers, and the load
 * average lags a minute behind them. The links are the same for any number.
 */
export function compareThreads(threads: number | undefined, cores = availableParallelism(), load = loadavg()[0], onMainThread = isMainThread): number {
  if (threads !== undefined) return threads;
  return onMainThread ? Math.max(1, Math.min(4, cores, Math.ceil(cores - load))) : 1;
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

/** Candidate pairs per stripe when they are dealt out to the threads. */
const STRIPE = 1 << 15;

/**
 * The pair ranges [from, to) of each of `parts` threads: stripes of STRIPE pairs dealt out in
 * turn. The blocking rules emit their pairs one rule after another and the rules' pairs cost
 * differently to compare (under [dob] the date is an exact match, answered at once; under the
 * other rules it goes down its ladder of fuzzy levels), so contiguous halves would leave one
 * thread waiting for the other; dealt-out stripes give each thread the same mix.
 */
export function stripes(count: number, parts: number, stripe = STRIPE): [number, number][][] {
  const out: [number, number][][] = Array.from({ length: parts }, () => []);
  for (let from = 0, s = 0; from < count; from += stripe, s++) out[s % parts].push([from, Math.min(count, from + stripe)]);
  return out;
}

/** The values of the given ranges, one after another. */
function gather(values: Int32Array, ranges: [number, number][]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(ranges.reduce((n, [from, to]) => n + to - from, 0));
  let at = 0;
  for (const [from, to] of ranges) {
    out.set(values.subarray(from, to), at);
    at += to - from;
  }
  return out;
}

/** Vectors of gathered pairs (K per pair) put back at their ranges' places in gamma. */
function scatter(gamma: Uint8Array, vectors: Uint8Array, ranges: [number, number][], K: number): void {
  let at = 0;
  for (const [from, to] of ranges) {
    const n = (to - from) * K;
    gamma.set(vectors.subarray(at, at + n), from * K);
    at += n;
  }
}

/**
 * The comparison-vector matrix of the candidate pairs (as comparePairs), the pairs shared
 * between this thread and the pool's workers in stripes (see stripes).
 */
export async function comparePairsParallel(
  pairs: CandidatePairs,
  comparisons: CompiledComparison[],
  encoded: Encoded,
  pool: ComparePool | null,
  minPairs = PARALLEL_MIN_PAIRS,
  stripe = STRIPE,
): Promise<Uint8Array> {
  if (pool === null || pool.workers.length === 0 || pairs.count < minPairs) return comparePairs(pairs, comparisons);
  const K = comparisons.length;
  const ranges = stripes(pairs.count, pool.workers.length + 1, stripe);
  const settings = comparisons.map((c) => c.settings);
  // Only the values the comparisons read travel to the workers.
  const needed = valuesRead(settings, encoded);
  const jobs = pool.workers.map((_, w) => {
    const mine = ranges[w + 1];
    const left = gather(pairs.left, mine);
    const right = gather(pairs.right, mine);
    const job = { kind: 'compare' as const, comparisons: settings, encoded: needed, left, right };
    return { ranges: mine, done: pool.run<Uint8Array>(w, job, [left.buffer, right.buffer]) };
  });
  const gamma = new Uint8Array(pairs.count * K);
  const own = { left: gather(pairs.left, ranges[0]), right: gather(pairs.right, ranges[0]) };
  scatter(gamma, comparePairs({ ...own, count: own.left.length }, comparisons), ranges[0], K);
  // All at once: a worker failing while another's answer is awaited must still be caught here.
  const done = await Promise.all(jobs.map((job) => job.done));
  jobs.forEach((job, w) => scatter(gamma, done[w], job.ranges, K));
  return gamma;
}
