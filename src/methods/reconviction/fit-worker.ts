/** The worker side of `fitStudyModelsOnThreads`: the table and models come with the worker, a model's index in each message. */
import { parentPort, workerData } from 'node:worker_threads';
import { fitStudyModel } from './models.ts';
import type { FitAnswer, FitJob } from './fit-threads.ts';

const job = workerData as FitJob;
parentPort?.on('message', (index: number) => {
  let answer: FitAnswer;
  try {
    answer = { type: 'fit', index, report: fitStudyModel(job.table, job.specs[index]) };
  } catch (error) {
    answer = { type: 'error', message: (error as Error).stack ?? String(error) };
  }
  parentPort?.postMessage(answer);
});
