/**
 * The worker side of contact-notes generation: the job's settings come with the worker, its
 * subjects in the first message (the main thread makes them once it has the cohort, while this
 * thread is still loading); the written tables (or the error) go back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeContactNotes, type ContactNotesJob } from './contact-notes.ts';
import type { NoteSubject } from '../records/notes/subject.ts';

const settings = workerData as Omit<ContactNotesJob, 'subjects'>;
parentPort?.once('message', async (subjects: NoteSubject[]) => {
  try {
    const written = await writeContactNotes({ ...settings, subjects }, (done, total) => parentPort?.postMessage({ type: 'progress', done, total }));
    parentPort?.postMessage({ type: 'done', written });
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});
