import { beforeAll, describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../cli/ui/app.tsx';
import { listScenarios } from '../../cli/ui/paths.ts';
import type { RunExit, RunRequest, startRun } from '../../cli/ui/run-child.ts';
import { frameUntil, KEY, ROOT, settle, smallRun, tempDir, widestLine } from './fixture.ts';

const SIZE = { width: 80, height: 24 };
const scenarios = listScenarios(join(ROOT, 'scenarios'));
let runsDir: string;
let dir: string;

beforeAll(async () => {
  runsDir = tempDir('app');
  dir = await smallRun('small', 'both', runsDir);
});

/** What a frame must respect in an 80x24 terminal (one row is left for the cursor). */
function fits(frame: string): void {
  expect(widestLine(frame)).toBeLessThanOrEqual(80);
  expect(frame.split('\n').length).toBeLessThanOrEqual(23);
}

describe('app', () => {
  it('opens the dashboard of --run and moves between screens with 1-4, each fitting 80x24', async () => {
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} runDir={dir} size={SIZE} random={() => 0} />);
    fits(await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort')));
    expect(lastFrame()).toMatch(/←\/→ Tab tab .* \? help · q quit/);

    stdin.write('3');
    fits(await frameUntil(lastFrame, (f) => /Person \d+ · CRN/.test(f) && f.includes('True timeline')));
    stdin.write('4');
    const runs = await frameUntil(lastFrame, (f) => f.includes(`Run folders in ${runsDir}`));
    expect(runs).toContain(basename(dir));
    fits(runs);
    stdin.write('1');
    const run = await frameUntil(lastFrame, (f) => f.includes('Run a scenario'));
    expect(run).toContain('baseline');
    expect(run).toContain('nhs-number');
    fits(run);
    stdin.write('2');
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    unmount();
  });

  it('shows every key under ? and closes the help with any key', async () => {
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} runDir={dir} size={SIZE} />);
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    // The key listener attaches after the first frame (as in the other tests): let it, or '?' is lost under load.
    await settle();
    stdin.write('?');
    const help = await frameUntil(lastFrame, (f) => f.includes('Keys on the Dashboard screen'));
    for (const text of ['n/p', 'next/previous section', 'Everywhere', '1 2 3 4', 'quit (cancels a run in progress)']) expect(help).toContain(text);
    fits(help);
    await settle();
    stdin.write('x');
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort') && !f.includes('Keys on the'));
    unmount();
  });

  it('opens a run folder from the list with Enter', async () => {
    const second = await smallRun('another', 'csv', runsDir);
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} size={SIZE} />);
    // Without --run the app opens on the list of finished runs, newest first.
    const list = await frameUntil(lastFrame, (f) => f.includes('newest first'));
    expect(list.indexOf('another')).toBeLessThan(list.indexOf('small'));
    await settle();
    stdin.write(KEY.down);
    await frameUntil(lastFrame, (f) => /❯ small/.test(f));
    stdin.write(KEY.enter);
    const dashboard = await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    expect(dashboard).toMatch(/small · baseline seed 42 scale 0\.01 · stages cohort/);
    expect(dashboard).not.toContain(basename(second));
    unmount();
  });

  it('keeps digits for the seed field while typing, then opens the finished run with Enter', async () => {
    const requests: RunRequest[] = [];
    let finish: (exit: RunExit) => void = () => {};
    const start = ((request: RunRequest) => {
      requests.push(request);
      const done = new Promise<RunExit>((resolve) => (finish = resolve));
      return { pid: 1, cancel: () => {}, stop: () => done, done };
    }) as typeof startRun;
    const { lastFrame, stdin, unmount } = render(<App scenarios={scenarios} runsDir={runsDir} scenario={join(ROOT, 'scenarios', 'clean.yaml')} size={SIZE} start={start} />);
    await frameUntil(lastFrame, (f) => f.includes('Seed (0 to 4294967295)'));
    await settle();
    stdin.write('3');
    await frameUntil(lastFrame, (f) => /Seed.*: 423/.test(f));
    expect(lastFrame()).toContain('Run a scenario');
    // While typing, q and ? belong to the field, so the foot line does not offer them.
    expect(lastFrame()).toMatch(/Enter next · Esc back\s*$/);
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('Scale (0.01 to 4'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('starting…'));
    expect(requests[0]).toMatchObject({ seed: 423, scale: 0.1, out: join(runsDir, 'ui-clean-423-0.1') });
    // Pretend it finished into the small run, which has results to show.
    finish({ status: 'finished', dir });
    await frameUntil(lastFrame, (f) => f.includes('Finished:'));
    await settle();
    stdin.write(KEY.enter);
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    unmount();
  });

  it('starts the scenario at once with autoStart (npm start in a terminal) and opens the dashboard when it finishes', async () => {
    const requests: RunRequest[] = [];
    let finish: (exit: RunExit) => void = () => {};
    const start = ((request: RunRequest) => {
      requests.push(request);
      const done = new Promise<RunExit>((resolve) => (finish = resolve));
      return { pid: 1, cancel: () => {}, stop: () => done, done };
    }) as typeof startRun;
    const out = join(runsDir, 'baseline');
    const { lastFrame, unmount } = render(
      <App scenarios={scenarios} runsDir={runsDir} scenario={join(ROOT, 'scenarios', 'baseline.yaml')} initialSeed={5} initialScale={1} autoStart={out} size={SIZE} start={start} />,
    );
    const starting = await frameUntil(lastFrame, (f) => f.includes('starting…'));
    expect(starting).toContain(`→ ${out}`);
    expect(requests).toEqual([{ scenario: join(ROOT, 'scenarios', 'baseline.yaml'), seed: 5, scale: 1, out, replace: true }]);
    finish({ status: 'finished', dir });
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    unmount();
  });
});
