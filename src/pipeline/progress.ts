/** Progress events from long work: the CLI prints them, the UI draws them. */
export interface ProgressEvent {
  stage: string;
  step: string;
  done: number;
  total: number;
  /** The stage has ended. Stages overlap (notes beside reconviction, stages beside the writing
   * of the files), so a stage's end is said, never inferred from another one starting. */
  finished?: true;
}

/** The event that says a stage has ended. */
export function stageFinished(stage: string): ProgressEvent {
  return { stage, step: 'finished', done: 1, total: 1, finished: true };
}

export type Progress = (event: ProgressEvent) => void;

export const silent: Progress = () => {};

/** Plain lines on stderr, at most one per step change, for pipes and CI logs. */
export function plainProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  let last = '';
  const started = Date.now();
  return (e) => {
    const key = `${e.stage}:${e.step}`;
    if (key === last) return;
    last = key;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    stream.write(`[${seconds.padStart(5)}s] ${e.stage}: ${e.finished ? 'finished' : `${e.step} (${e.done}/${e.total})`}\n`);
  };
}

/** One JSON object per line, for a parent process (the UI) to follow. */
export function jsonProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  return (e) => stream.write(`${JSON.stringify({ type: 'progress', ...e })}\n`);
}
