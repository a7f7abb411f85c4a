/**
 * A run in a child process, so generation never blocks the render loop. Cancelling sends
 * SIGINT: the CLI's exit handler removes its staging folder, and we check that it did.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProgressEvent } from '../../src/pipeline/progress.ts';
import { CLI_ENTRY, CLI_NODE_ARGS, REPO_ROOT, stagingFolders } from './paths.ts';
import { parseProgressLine } from './progress-model.ts';

export interface RunRequest {
  scenario: string;
  seed: number;
  scale: number;
  out: string;
  /** Replace `out` if it exists (`start` replaces its run folder); otherwise an existing one is an error. */
  replace?: boolean;
}

export type RunExit =
  | { status: 'finished'; dir: string }
  /** `leftovers` are staging folders the child failed to remove (we remove them and say so). */
  | { status: 'cancelled'; leftovers: string[] }
  | { status: 'failed'; message: string; leftovers: string[] };

export interface RunHandle {
  pid: number | undefined;
  cancel(): void;
  /** Cancel, and kill the child outright if it has not ended within `graceMs`; resolves when it is gone and its folders removed. */
  stop(graceMs: number): Promise<RunExit>;
  done: Promise<RunExit>;
}

/** Runs started and not yet ended, so that an interrupted UI can stop them all before it dies. */
const running = new Set<RunHandle>();

/** Stop every run still going (Ctrl-C in the UI); each gets `graceMs` to clean up, then is killed. */
export async function stopRuns(graceMs: number): Promise<void> {
  await Promise.all([...running].map((run) => run.stop(graceMs)));
}

/** How long a cancelled child may take to clean up before it is killed outright. */
const CANCEL_GRACE_MS = 10_000;

export function runArgs(request: RunRequest): string[] {
  return [
    ...CLI_NODE_ARGS,
    CLI_ENTRY,
    'run',
    '--scenario',
    resolve(request.scenario),
    '--seed',
    String(request.seed),
    '--scale',
    String(request.scale),
    '--out',
    resolve(request.out),
    ...(request.replace ? ['--force'] : []),
    '--progress',
    'json',
  ];
}

export function startRun(request: RunRequest, onProgress: (event: ProgressEvent) => void): RunHandle {
  const out = resolve(request.out);
  // cwd is the repository so that `--import tsx` (when running the sources) resolves from its node_modules.
  const child = spawn(process.execPath, runArgs(request), { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const otherLines: string[] = [];
  let cancelled = false;
  let killTimer: NodeJS.Timeout | null = null;

  createInterface({ input: child.stderr }).on('line', (line) => {
    const event = parseProgressLine(line);
    if (event) onProgress(event);
    else if (line.trim()) otherLines.push(line.trim());
  });

  // A UI that quits mid-run must not leave its child writing on.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);

  const done = new Promise<RunExit>((resolveExit) => {
    let settled = false;
    const finish = (code: number | null, error?: Error) => {
      if (settled) return;
      settled = true;
      process.off('exit', onExit);
      if (killTimer) clearTimeout(killTimer);
      const leftovers = child.pid === undefined ? [] : stagingFolders(out, child.pid);
      for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
      // A cancel that arrives as the run completes is too late: the folder is whole, so say so.
      if (code === 0) resolveExit({ status: 'finished', dir: out });
      else if (cancelled) resolveExit({ status: 'cancelled', leftovers });
      else {
        const message = error?.message ?? failureMessage(otherLines, code);
        resolveExit({ status: 'failed', message, leftovers });
      }
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });

  const cancelWithin = (graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (!cancelled) {
      cancelled = true;
      child.kill('SIGINT');
    }
    // A child busy in a long synchronous step handles SIGINT only when the step ends.
    if (killTimer) clearTimeout(killTimer);
    killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    killTimer.unref();
  };
  const handle: RunHandle = {
    pid: child.pid,
    cancel() {
      if (!cancelled) cancelWithin(CANCEL_GRACE_MS);
    },
    stop(graceMs: number) {
      cancelWithin(graceMs);
      return done;
    },
    done,
  };
  running.add(handle);
  void done.then(() => running.delete(handle));
  return handle;
}

/** What went wrong, from the child's stderr: its error line and the few lines after, no stack. */
export function failureMessage(lines: string[], code: number | null): string {
  const useful = lines.filter((l) => !/^at\s/.test(l) && !l.startsWith('Node.js v') && !l.startsWith('pathways: interrupted'));
  const first = useful.findIndex((l) => /^pathways: |Error\b/.test(l));
  const picked = first < 0 ? useful.slice(-3) : useful.slice(first, first + 3);
  return picked.join('\n') || `exit code ${code}`;
}
