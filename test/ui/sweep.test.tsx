/**
 * The sweep's faces in the terminal (issue 15 item 7): `ui --sweep` drawn with Ink (bias and
 * coverage against each knob, keys to move between estimands and groups), the plain table when
 * piped or CI, JSON; and `sweep`'s progress view and plain lines.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { readSweepFolder } from '../../src/experiments/read.ts';
import { SweepScreen, levelLabel } from '../../cli/ui/sweep-screen.tsx';
import { centreBar, coverageBar, sweepPlainText, sweepScreenModel } from '../../cli/ui/sweep-model.ts';
import { SweepProgressView, sweepProgressFacts, sweepProgressLine, sweepProgressSink } from '../../cli/ui/sweep-progress.tsx';
import { cli } from '../helpers.ts';
import { writeFixtureSweep } from '../experiments/sweep-fixture.ts';
import { frameUntil, KEY, tempDir } from './fixture.ts';

async function fixture(replicates = 6) {
  return readSweepFolder(await writeFixtureSweep(tempDir('ui-sweep'), 'fx', { replicates }));
}

describe('ui --sweep', () => {
  it('draws the first estimand against each knob, and moves between estimands and groups with the keys', async () => {
    const folder = await fixture();
    const app = render(<SweepScreen folder={folder} width={140} />);
    let frame = await frameUntil(app.lastFrame, (f) => f.includes('link.structured.pct'));
    expect(frame).toMatch(/sweep fx/);
    expect(frame).toMatch(/6 replicates per point, scale 0\.1, seed 1, common random numbers/);
    expect(frame).toMatch(/against noise\.multiplier/);
    expect(frame).toMatch(/against methods\.linkage\.threshold\.match_probability/);
    expect(frame).toMatch(/group all \(1\/3\)/);
    // The model's bias for noise 2 at threshold 0.5, as drawn.
    const model = sweepScreenModel(folder, 0, 0);
    const line = model.blocks[0].lines.find((l) => l.level === '2' && l.others.includes('0.5'))!;
    expect(frame).toContain(line.bias!.value!.toFixed(2));
    expect(frame).toMatch(/┊/);
    app.stdin.write(KEY.down);
    frame = await frameUntil(app.lastFrame, (f) => f.includes('group ATR'));
    app.stdin.write(KEY.right);
    frame = await frameUntil(app.lastFrame, (f) => f.includes('linkage.precision'));
    // No truth: the mean estimate stands in for the bias; the group goes back to the first.
    expect(frame).toMatch(/mean ±SE/);
    expect(frame).toMatch(/group all \(1\/1\)/);
    app.stdin.write(KEY.right);
    await frameUntil(app.lastFrame, (f) => f.includes('link.structured.pct (1/2)'));
    app.unmount();
  });

  it('prints the summary table when not in a terminal, and JSON with --json', async () => {
    const folder = await fixture(3);
    const text = sweepPlainText(folder);
    expect(text.split('\n')[0]).toBe('sweep fx: fixture');
    expect(text).toMatch(/^link\.structured\.pct$/m);
    expect(text).toMatch(/noise\.multiplier\s+threshold\.match_probability\s+group\s+n\s+mean estimate/);
    // Every summary row printed once: 18 + 6 rows under their two headers.
    const body = text.split('\n').filter((l) => /^(0\.5|1|2)\s/.test(l));
    expect(body).toHaveLength(folder.summary.length);
    const piped = cli(['ui', '--sweep', folder.dir], { CI: 'true' });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(text);
    const json = cli(['ui', '--sweep', folder.dir, '--json']);
    expect(json.status).toBe(0);
    const models = JSON.parse(json.stdout);
    expect(models.map((m: { estimand: string }) => m.estimand)).toEqual(['link.structured.pct', 'linkage.precision']);
    expect(models[0].blocks).toHaveLength(2);
  });

  it('bars: bias centred on zero on a shared scale, coverage 0-100 with the 95% mark', () => {
    expect(centreBar(-2, 4, 9, 'bias')).toBe('  ██│    ');
    expect(centreBar(4, 4, 9, 'bias')).toBe('    │████');
    expect(centreBar(0, 4, 9, 'bias')).toBe('    │    ');
    expect(centreBar(null, 4, 9, 'bias')).toBe('·········');
    expect(centreBar(50, 100, 10, 'mean')).toBe('█████░░░░░');
    expect(coverageBar(50, 20)).toBe('██████████░░░░░░░░░┊');
    expect(coverageBar(100, 20)).toBe('███████████████████┊');
  });

  it('labels a mapping value as key=value in a fixed width', () => {
    expect(levelLabel('{"missing":0,"stale":0.1}', 30)).toBe('missing=0 stale=0.1'.padEnd(30));
    expect(levelLabel('{"missing":0,"stale":0.1}', 12)).toBe('missing=0 s…');
    expect(levelLabel('0.99', 6)).toBe('0.99  ');
  });
});

describe('sweep progress', () => {
  const state = { name: 'threshold', done: 6, total: 36, task: 'p5-r0', elapsed: 120, shard: '2/4' };

  it('gives the rate and the time left from the tasks done so far', () => {
    expect(sweepProgressFacts(state)).toEqual({ percent: (100 * 6) / 36, rate: 3, left: 600 });
    expect(sweepProgressFacts({ ...state, done: 0 })).toEqual({ percent: 0, rate: null, left: null });
    expect(sweepProgressLine(state)).toBe('sweep threshold: 6/36 tasks (p5-r0), shard 2/4, 3.0 a minute, ~600 s left');
  });

  it('draws tasks done, rate, time left and the shard with Ink', () => {
    const app = render(<SweepProgressView state={state} />);
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/sweep threshold shard 2\/4/);
    expect(frame).toMatch(/6\/36 tasks/);
    expect(frame).toMatch(/3\.0 tasks a minute · 10m00s left · 2m00s so far · last p5-r0/);
    app.unmount();
  });

  it('writes plain lines when the stream is not a terminal or CI is set', () => {
    for (const [tty, env] of [
      [false, {}],
      [true, { CI: 'true' }],
    ] as const) {
      const stream = Object.assign(new PassThrough(), { isTTY: tty }) as unknown as NodeJS.WriteStream;
      let written = '';
      (stream as unknown as PassThrough).on('data', (d: Buffer) => (written += d.toString()));
      const sink = sweepProgressSink(stream, env);
      sink.update(state);
      sink.update({ ...state, done: 7, task: 'p6-r0' });
      sink.end();
      expect(written.split('\n').filter(Boolean)).toEqual([sweepProgressLine(state), sweepProgressLine({ ...state, done: 7, task: 'p6-r0' })]);
    }
  });
});
