/** The worker side of contact-notes generation: one job in, the written tables (or the error) out. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeContactNotes, type ContactNotesJob } from './contact-notes.ts';

const job = workerData as ContactNotesJob;
try {
  const written = await writeContactNotes(job, (done, total) => parentPort?.postMessage({ type: 'progress', done, total }));
  parentPort?.postMessage({ type: 'done', written });
} catch (error) {
  parentPort?.postMessage({ type: 'error', message: (error as Error).stack ?? String(error) });
}
