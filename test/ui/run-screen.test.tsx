import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { RunScreen } from '../../cli/ui/run-screen.tsx';
import { failureMessage, runArgs, startRun, type RunExit, type RunRequest } from '../../cli/ui/run-child.ts';
import { listScenarios, stagingFolders, uiRunDir } from '../../cli/ui/paths.ts';
import { applyEvent, initialProgress, parseProgressLine, secondsLeft } from '../../cli/ui/progress-model.ts';
import { stageFinished, type ProgressEvent } from '../../src/pipeline/progress.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { BASELINE, frameUntil, settle, KEY, ROOT, tempDir } from './fixture.ts';

const scenarios = listScenarios(join(ROOT, 'scenarios'));

/** A run that the test drives by hand: it reports progress and ends when told. */
function fakeRun() {
  const calls: RunRequest[] = [];
  let report: (e: ProgressEvent) => void = () => {};
  let end: (exit: RunExit) => void = () => {};
  let cancelled = 0;
  const start = ((request: RunRequest, onProgress: (e: ProgressEvent) => void) => {
    calls.push(request);
    report = onProgress;
    const done = new Promise<RunExit>((resolve) => {
      end = resolve;
    });
    return {
      pid: 1,
      cancel: () => {
        cancelled++;
      },
      stop: () => done,
      done,
    };
  }) as typeof startRun;
  return { start, calls, report: (e: ProgressEvent) => report(e), end: (exit: RunExit) => end(exit), cancelled: () => cancelled };
}

function screen(start: typeof startRun, runsDir = tempDir('runs'), opened: string[] = []) {
  const locks: boolean[] = [];
  const app = render(
    <RunScreen scenarios={scenarios} runsDir={runsDir} width={80} active onLock={(l) => locks.push(l)} onKeys={() => {}} onFinished={() => {}} onOpen={(d) => opened.push(d)} start={start} />,
  );
  return { ...app, locks, runsDir, opened };
}

describe('progress model', () => {
  it('reads the JSON progress lines of the run command and ignores anything else', () => {
    expect(parseProgressLine('{"type":"progress","stage":"generate","step":"write ndtms_community","done":1,"total":16}')).toEqual({ stage: 'generate', step: 'write ndtms_community', done: 1, total: 16 });
    expect(parseProgressLine('pathways: interrupted (SIGINT)')).toBeNull();
    expect(parseProgressLine('{"type":"other"}')).toBeNull();
  });

  it('closes a stage only when it says it has finished, so overlapping stages both stay open, and estimates time left from the pace so far', () => {
    let state = initialProgress(0);
    state = applyEvent(state, { stage: 'generate', step: 'write a', done: 0, total: 16 }, 0);
    state = applyEvent(state, { stage: 'generate', step: 'write e', done: 4, total: 16 }, 2000);
    expect(secondsLeft(state.stages[0], 2000)).toBeCloseTo(6);
    // The stages start on the tables in memory while the files are still written.
    state = applyEvent(state, { stage: 'cohort', step: 'count', done: 0, total: 1 }, 3000);
    expect(state.stages.map((s) => [s.stage, s.finishedAt])).toEqual([
      ['generate', null],
      ['cohort', null],
    ]);
    state = applyEvent(state, parseProgressLine(JSON.stringify({ type: 'progress', ...stageFinished('generate') }))!, 4000);
    expect(state.stages.map((s) => [s.stage, s.step, s.finishedAt])).toEqual([
      ['generate', 'write e', 4000],
      ['cohort', 'count', null],
    ]);
    expect(secondsLeft(state.stages[0], 5000)).toBe(0);
  });

  it('follows a real run: every stage row ends finished, and notes is not closed by reconviction starting', async () => {
    const events: ProgressEvent[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    try {
      await runPipeline({ out: join(dir, 'run'), scenario: loadScenario(BASELINE), seed: 3, scale: 0.005, format: 'csv' }, (e) => events.push(e));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    let state = initialProgress(0);
    const finishedBeforeEnd = new Map<string, boolean>();
    events.forEach((e, t) => {
      state = applyEvent(state, e, t);
      if (e.finished) finishedBeforeEnd.set(e.stage, true);
    });
    expect(state.stages.length).toBeGreaterThan(3);
    expect(state.stages.filter((s) => s.finishedAt === null)).toEqual([]);
    expect([...finishedBeforeEnd.keys()].sort()).toEqual(state.stages.map((s) => s.stage).sort());
  });
});

describe('failure message', () => {
  it('keeps the error and drops the stack', () => {
    const lines = ['/x/assemble.ts:31', 'ZodError: [', '{', '"message": "NaN"', 'at parse (/x.ts:1:1)', 'Node.js v20.20.2'];
    expect(failureMessage(lines, 1)).toBe('ZodError: [\n{\n"message": "NaN"');
    expect(failureMessage([], 3)).toBe('exit code 3');
  });
});

describe('run screen', () => {
  it('takes a scenario, seed and scale, then runs into runs/ui-<scenario>-<seed>-<scale> showing each stage', async () => {
    const fake = fakeRun();
    const { lastFrame, stdin, unmount, runsDir, opened } = screen(fake.start);
    await frameUntil(lastFrame, (f) => f.includes('baseline') && f.includes('clean'));
    await settle();
    stdin.write(KEY.down);
    await frameUntil(lastFrame, (f) => /❯ clean/.test(f));
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('Seed (0 to 4294967295)'));
    await settle();
    stdin.write('\u007F');
    await frameUntil(lastFrame, (f) => /Seed.*: 4(?!2)/.test(f));
    stdin.write('\u007F');
    await frameUntil(lastFrame, (f) => !/Seed.*: 4/.test(f));
    stdin.write('7');
    await frameUntil(lastFrame, (f) => /Seed.*: 7/.test(f));
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('Scale (0.01 to 4'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('starting…'));
    expect(fake.calls).toEqual([{ scenario: join(ROOT, 'scenarios', 'clean.yaml'), seed: 7, scale: 0.1, out: uiRunDir(runsDir, 'clean', 7, 0.1) }]);
    expect(fake.calls[0].out).toBe(join(runsDir, 'ui-clean-7-0.1'));

    fake.report({ stage: 'generate', step: 'write ndtms_community', done: 3, total: 16 });
    const running = await frameUntil(lastFrame, (f) => f.includes('3/16'));
    expect(running).toMatch(/generate.*3\/16 write ndtms_community/);
    fake.report({ stage: 'cohort', step: 'count the cohort', done: 0, total: 1 });
    await frameUntil(lastFrame, (f) => f.includes('cohort'));
    expect(lastFrame()).not.toMatch(/✓ generate/);
    fake.report(stageFinished('generate'));
    await frameUntil(lastFrame, (f) => /✓ generate/.test(f));

    fake.end({ status: 'finished', dir: fake.calls[0].out });
    await frameUntil(lastFrame, (f) => f.includes('Finished:'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(() => (opened.length > 0 ? 'opened' : ''), (f) => f === 'opened');
    expect(opened).toEqual([fake.calls[0].out]);
    unmount();
  });

  it('refuses a seed out of range and stays on the seed', async () => {
    const fake = fakeRun();
    const { lastFrame, stdin, unmount } = screen(fake.start);
    await frameUntil(lastFrame, (f) => f.includes('baseline'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('Seed'));
    await settle();
    stdin.write('9999999999');
    await frameUntil(lastFrame, (f) => f.includes('429999999999') || f.includes('9999999999'));
    stdin.write(KEY.enter);
    const frame = await frameUntil(lastFrame, (f) => f.includes('--seed: must be a whole number'));
    expect(frame).toContain('Seed (0 to 4294967295)');
    expect(fake.calls).toEqual([]);
    unmount();
  });

  it('cancels with Esc or q and reports that no folder was left', async () => {
    for (const cancelKey of [KEY.escape, 'q']) {
      const fake = fakeRun();
      const { lastFrame, stdin, unmount, locks } = screen(fake.start);
      await frameUntil(lastFrame, (f) => f.includes('baseline'));
      await settle();
      stdin.write(KEY.enter);
      await frameUntil(lastFrame, (f) => f.includes('Seed'));
      await settle();
      stdin.write(KEY.enter);
      await frameUntil(lastFrame, (f) => f.includes('Scale'));
      await settle();
      stdin.write(KEY.enter);
      await frameUntil(lastFrame, (f) => f.includes('starting…'));
      // While it runs, the app's own keys (digits, q, Esc) are left to this screen.
      await frameUntil(() => String(locks.at(-1)), (v) => v === 'true');
      stdin.write(cancelKey);
      await frameUntil(() => String(fake.cancelled()), (n) => n === '1');
      fake.end({ status: 'cancelled', leftovers: [] });
      await frameUntil(lastFrame, (f) => f.includes('Cancelled: no run folder was left behind'));
      await frameUntil(() => String(locks.at(-1)), (v) => v === 'false');
      unmount();
    }
  });
});

describe('run in a child process', () => {
  it('cancelling with SIGINT mid-write removes the staging folder and leaves no run folder', async () => {
    const runsDir = tempDir('cancel');
    const out = join(runsDir, 'ui-baseline-42-0.05');
    const events: ProgressEvent[] = [];
    let stagingSeen: string[] = [];
    const handle = startRun({ scenario: BASELINE, seed: 42, scale: 0.05, out }, (e) => {
      events.push(e);
      if (e.step.startsWith('write') && stagingSeen.length === 0) {
        stagingSeen = stagingFolders(out);
        handle.cancel();
      }
    });
    const exit = await handle.done;
    // The folder being written existed when we cancelled, so its removal is what is checked.
    expect(stagingSeen.length).toBe(1);
    expect(exit).toEqual({ status: 'cancelled', leftovers: [] });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(runsDir)).toEqual([]);
    expect(events[0].stage).toBe('generate');
  });

  it('a finished run leaves the run folder, with results.json, and nothing else', async () => {
    const runsDir = tempDir('finish');
    const out = uiRunDir(runsDir, 'baseline', 3, 0.01);
    const stages: string[] = [];
    const exit = await startRun({ scenario: BASELINE, seed: 3, scale: 0.01, out }, (e) => {
      if (!stages.includes(e.stage)) stages.push(e.stage);
    }).done;
    expect(exit).toEqual({ status: 'finished', dir: out });
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    expect(stages.slice(0, 2)).toEqual(['generate', 'cohort']);
    expect(readdirSync(runsDir)).toEqual(['ui-baseline-3-0.01']);
  });

  it('a UI run never replaces a folder: it takes the next free name, and passes --force only when asked (start)', async () => {
    const runsDir = tempDir('taken');
    const taken = join(runsDir, 'ui-baseline-3-0.01');
    mkdirSync(taken);
    writeFileSync(join(taken, 'keep.txt'), 'mine');
    expect(uiRunDir(runsDir, 'baseline', 3, 0.01)).toBe(`${taken}-2`);
    mkdirSync(`${taken}-2`);
    expect(uiRunDir(runsDir, 'baseline', 3, 0.01)).toBe(`${taken}-3`);
    expect(runArgs({ scenario: BASELINE, seed: 3, scale: 0.01, out: taken })).not.toContain('--force');
    expect(runArgs({ scenario: BASELINE, seed: 3, scale: 0.01, out: taken, replace: true })).toContain('--force');
    // A run asked into a taken folder without replace is refused by the run command itself.
    const exit = await startRun({ scenario: BASELINE, seed: 3, scale: 0.01, out: taken }, () => {}).done;
    expect(exit.status === 'failed' && exit.message).toMatch(/already exists \(use --force to replace it\)/);
    expect(readFileSync(join(taken, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('a failing run says why', async () => {
    const runsDir = tempDir('fail');
    const exit = await startRun({ scenario: join(runsDir, 'missing.yaml'), seed: 1, scale: 0.01, out: join(runsDir, 'x') }, () => {}).done;
    expect(exit.status).toBe('failed');
    expect(exit.status === 'failed' && exit.message).toMatch(/^pathways: .*missing\.yaml/);
    expect(existsSync(join(runsDir, 'x'))).toBe(false);
  });
});
