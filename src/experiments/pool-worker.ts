/**
 * A pool's worker thread: loads the module named in its work, makes the job handler from the
 * setup, then runs each job it is sent, sending back each result, a note when the job is done,
 * or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobHandler, PoolMessage, PoolWork } from './pool.ts';

const work = workerData as PoolWork;
const send = (m: PoolMessage<unknown>): void => parentPort!.postMessage(m);
const made = ((await import(work.module)) as Record<string, (setup: unknown) => JobHandler<unknown, unknown> | Promise<JobHandler<unknown, unknown>>>)[work.handler];
if (typeof made !== 'function') throw new Error(`${work.module} has no export ${work.handler}`);
const handle = await made(work.setup);
parentPort?.on('message', async (job: unknown) => {
  try {
    await handle(job, (result) => send({ type: 'result', result }));
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});
