/**
 * Progress of a run as the screen shows it: one row per stage, from the JSON lines the child
 * `pathways run --progress json` writes on stderr.
 */
import type { ProgressEvent } from '../../src/pipeline/progress.ts';

export interface StageProgress {
  stage: string;
  step: string;
  done: number;
  total: number;
  startedAt: number;
  /** When the current count began (the count restarts when `total` changes, e.g. world -> write). */
  segmentStartedAt: number;
  finishedAt: number | null;
}

export interface ProgressState {
  startedAt: number;
  stages: StageProgress[];
}

export function initialProgress(now: number): ProgressState {
  return { startedAt: now, stages: [] };
}

export function parseProgressLine(line: string): ProgressEvent | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value.type !== 'progress') return null;
    const { stage, step, done, total, finished } = value;
    if (typeof stage !== 'string' || typeof step !== 'string' || typeof done !== 'number' || typeof total !== 'number') return null;
    return finished === true ? { stage, step, done, total, finished } : { stage, step, done, total };
  } catch {
    return null;
  }
}

export function applyEvent(state: ProgressState, event: ProgressEvent, now: number): ProgressState {
  const stages = state.stages.slice();
  const i = stages.findIndex((s) => s.stage === event.stage);
  if (event.finished) {
    // Its row keeps the last step it showed; a stage never seen before appears finished.
    if (i < 0) stages.push({ stage: event.stage, step: event.step, done: event.done, total: event.total, startedAt: now, segmentStartedAt: now, finishedAt: now });
    else if (stages[i].finishedAt === null) stages[i] = { ...stages[i], finishedAt: now };
  } else if (i < 0) {
    // Stages overlap: another starting says nothing of this one's end (it says so itself).
    stages.push({ stage: event.stage, step: event.step, done: event.done, total: event.total, startedAt: now, segmentStartedAt: now, finishedAt: null });
  } else {
    const s = stages[i];
    const restarted = event.total !== s.total || event.done < s.done;
    stages[i] = { ...s, ...event, segmentStartedAt: restarted ? now : s.segmentStartedAt };
  }
  return { ...state, stages };
}

export function finishAll(state: ProgressState, now: number): ProgressState {
  return { ...state, stages: state.stages.map((s) => (s.finishedAt === null ? { ...s, finishedAt: now } : s)) };
}

export function stagePercent(s: StageProgress): number {
  if (s.finishedAt !== null) return 100;
  return s.total > 0 ? Math.min(100, (s.done / s.total) * 100) : 0;
}

/** Seconds left in the stage's current count, from its pace so far; null before any step is done. */
export function secondsLeft(s: StageProgress, now: number): number | null {
  if (s.finishedAt !== null) return 0;
  if (s.done <= 0 || s.total <= s.done) return null;
  const perStep = Math.max(0, now - s.segmentStartedAt) / 1000 / s.done;
  return perStep * (s.total - s.done);
}

export function secondsElapsed(s: StageProgress, now: number): number {
  return Math.max(0, (s.finishedAt ?? now) - s.startedAt) / 1000;
}
