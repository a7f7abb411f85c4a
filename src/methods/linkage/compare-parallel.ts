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
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CandidatePairs } from './blocking.ts';
import { comparePairs, type CompiledComparison } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import type { ComparisonSettings } from './settings.ts';

/** Fewer candidate pairs than this are compared on the main thread: a worker's start-up and copies cost more than it saves. */
export const PARALLEL_MIN_PAIRS = 400_000;

/** Threads to compare with: the settings' `threads`, else the machine's cores (at most 4). */
export function compareThreads(threads: number | undefined): number {
  return threads ?? Math.min(4, availableParallelism());
}

export interface ComparePool {
  workers: Worker[];
  /** Errors of workers that failed while idle (say, loading their script). */
  failures: Map<Worker, Error>;
  close(): Promise<void>;
}

/**
 * The worker's script. The compiled CLI's worker is plain JavaScript; under the TypeScript
 * sources (tests, `npm run bench`) the worker is a .ts file, and a worker thread does not take
 * the parent's tsx loader (nor `--import tsx` in its execArgv on Node 20), so a small module
 * registers tsx in the worker first and then imports it.
 */
function workerScript(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./compare-worker.js', import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'));
  const worker = new URL('./compare-worker.ts', import.meta.url);
  const boot = `const { register } = await import(${JSON.stringify(tsxApi.href)}); register(); await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/** Start `threads - 1` workers (none for one thread). */
export function startComparePool(threads: number): ComparePool {
  const script = workerScript();
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => new Worker(script));
  const failures = new Map<Worker, Error>();
  for (const w of workers) {
    // An idle worker must not keep the process alive if the link fails before closing the pool
    // (a job refs it while it runs), and one that fails while idle fails its next job, not the process.
    w.unref();
    w.on('error', (error) => failures.set(w, error));
  }
  return {
    workers,
    failures,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function compareOnWorker(pool: ComparePool, worker: Worker, job: { comparisons: ComparisonSettings[]; encoded: Encoded; left: Int32Array; right: Int32Array }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const failed = pool.failures.get(worker);
    if (failed) {
      reject(new Error(`comparison worker: ${failed.message}`));
      return;
    }
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
    };
    const onMessage = (reply: { gamma?: Uint8Array; error?: string }) => {
      done();
      if (reply.gamma) resolve(reply.gamma);
      else reject(new Error(`comparison worker: ${reply.error}`));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.ref();
    worker.postMessage(job, [job.left.buffer as ArrayBuffer, job.right.buffer as ArrayBuffer]);
  });
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
  const { workers } = pool;
  const K = comparisons.length;
  const parts = workers.length + 1;
  const size = Math.ceil(pairs.count / parts);
  // Only the values the comparisons read travel to the workers.
  const names = new Set(comparisons.flatMap((c) => [c.settings.column, ...c.settings.levels.map((l) => l.column ?? c.settings.column)]));
  const needed: Encoded = new Map([...encoded].filter(([name]) => names.has(name)));
  const settings = comparisons.map((c) => c.settings);
  const jobs = workers.map((worker, w) => {
    const from = Math.min(pairs.count, (w + 1) * size);
    const to = Math.min(pairs.count, from + size);
    return { from, done: compareOnWorker(pool, worker, { comparisons: settings, encoded: needed, left: pairs.left.slice(from, to), right: pairs.right.slice(from, to) }) };
  });
  const gamma = new Uint8Array(pairs.count * K);
  const mine = Math.min(size, pairs.count);
  gamma.set(comparePairs({ left: pairs.left.subarray(0, mine), right: pairs.right.subarray(0, mine), count: mine }, comparisons));
  // All at once: a worker failing while another's reply is awaited must still be caught here.
  const done = await Promise.all(jobs.map((job) => job.done));
  jobs.forEach((job, w) => gamma.set(done[w], job.from * K));
  return gamma;
}
