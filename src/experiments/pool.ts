/**
 * A pool of worker threads for work made of independent jobs: a sweep's units, identify's
 * draws. Each worker loads the module that does the work (`module`, its export `handler`
 * given `setup`, plain data cloned once per worker) and is handed the next job when it finishes
 * one; a job may send back several results before it is done. The order jobs finish in is the
 * callers' to undo (they sort their rows). The first error stops every worker.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../io/worker-script.ts';

/** What a worker is given once: the module and export that make the job handler, and its setup. */
export interface PoolWork {
  /** URL of the module (import.meta.url of the caller's module, .ts from the sources, .js compiled). */
  module: string;
  /** Name of the module's export: (setup) => handler. */
  handler: string;
  setup: unknown;
}

/** A job handler inside a worker: runs one job, sending each result as it is ready. */
export type JobHandler<J, R> = (job: J, send: (result: R) => void) => Promise<void>;

export type PoolMessage<R> = { type: 'result'; result: R } | { type: 'done' } | { type: 'error'; message: string };

export async function runOnPool<J, R>(work: PoolWork, jobs: readonly J[], count: number, onResult: (result: R) => void): Promise<void> {
  const script = workerScript('./pool-worker', import.meta.url);
  const pool: Worker[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      let failed = false;
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const give = (worker: Worker): void => {
        if (failed) return;
        if (next >= jobs.length) {
          if (busy === 0) resolve();
          return;
        }
        busy++;
        worker.postMessage(jobs[next++]);
      };
      for (let k = 0; k < Math.min(count, jobs.length); k++) {
        // The young generation the CLI's --max-semi-space-size=64 gives the main thread: a world
        // allocates millions of short-lived strings that should die there.
        const worker = new Worker(script, { workerData: work, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
        pool.push(worker);
        worker.on('message', (m: PoolMessage<R>) => {
          if (m.type === 'result') {
            try {
              onResult(m.result);
            } catch (error) {
              fail(error as Error);
            }
          } else if (m.type === 'done') {
            busy--;
            give(worker);
          } else fail(new Error(`worker: ${m.message}`));
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`worker exited with code ${code}`));
        });
        give(worker);
      }
      if (jobs.length === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
