/**
 * A sweep's worker thread: the plan and resolved grid points come with the worker; each
 * message is a unit to run; each finished task's rows go back as they finish, then a note
 * that the unit is done (or the error). It writes nothing but, with --keep-runs, run folders.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runUnit, type Unit, type WorkerMessage, type WorkerSetup } from './tasks.ts';

const setup = workerData as WorkerSetup;
const send = (m: WorkerMessage): void => parentPort!.postMessage(m);
parentPort?.on('message', async (unit: Unit) => {
  try {
    await runUnit(setup.plan, setup.points, unit, (result) => send({ type: 'task', result }), setup.keepRuns);
    send({ type: 'unit' });
  } catch (error) {
    send({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});
