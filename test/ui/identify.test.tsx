/**
 * `ui --identify` (issue 20 item 3): the consistent intervals drawn as bars over their axes,
 * the histograms as sparklines on the same cells, the method error about zero; the screen
 * drawn with Ink (↑/↓ choose the histogram shown), the plain summary when piped or CI, JSON; a
 * folder that is not an identify run refused in one line, exit 2.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { Interval } from '../../src/identify/abc.ts';
import { readIdentifyFolder } from '../../src/identify/read.ts';
import { IdentifyScreen } from '../../cli/ui/identify-screen.tsx';
import { BAR_WIDTH, errorBar, identifyPlainText, identifyScreenModel, intervalBar, sparkline } from '../../cli/ui/identify-model.ts';
import { cli } from '../helpers.ts';
import { writeFixtureIdentify } from '../identify/identify-fixture.ts';
import { frameUntil, KEY, tempDir } from './fixture.ts';

const iv = (low: number, high: number, median: number, min = low, max = high): Interval => ({ n: 10, low, high, median, min, max });
const NONE: Interval = { n: 0, low: null, high: null, median: null, min: null, max: null };

async function fixture(budget = 60) {
  return readIdentifyFolder((await writeFixtureIdentify(tempDir('ui-identify'), budget)).dir);
}

describe('identify bars', () => {
  it('draws the accepted interval, its median and all draws\u2019 range over the axis, and the published figure', () => {
    // Ten cells over 0-10: all draws 1-9, accepted 3-6, median 4.5.
    expect(intervalBar(iv(3, 6, 4.5), iv(2, 8, 5, 1, 9), 0, 10, 10)).toBe('·░░█┃██░░·');
    expect(intervalBar(iv(3, 6, 4.5), iv(2, 8, 5, 1, 9), 0, 10, 10, 8.2)).toBe('·░░█┃██░◆·');
    // Nothing accepted: the range of all draws alone.
    expect(intervalBar(NONE, iv(2, 8, 5, 1, 9), 0, 10, 10)).toBe('·░░░░░░░░·');
    // An interval narrower than a cell still shows.
    expect(intervalBar(iv(5.1, 5.2, 5.15), iv(0, 10, 5), 0, 10, 10)).toBe('░░░░░┃░░░░');
  });

  it('draws an error about zero: its interval, its range, zero always', () => {
    // Twenty across (±10) in ten cells of 2: the interval 2-6 fills cells 6-8, its range 1-8 adds nothing beyond.
    expect(errorBar(iv(2, 6, 4, 1, 8), 10, 10)).toBe('     │███ ');
    expect(errorBar(iv(-4, 4, 0, -8, 8), 10, 10)).toBe(' ──██│██─ ');
    expect(errorBar(NONE, 10, 10)).toBe('··········');
  });

  it('keeps every bar the width asked for, whatever the values', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.integer({ min: 3, max: 60 }), (a, w1, w2, width) => {
        const i = iv(a, a + w1, a + w1 / 2, a - w2, a + w1 + w2);
        expect([...intervalBar(i, i, a - 10, a + 60, width)]).toHaveLength(width);
        const e = errorBar(i, Math.max(Math.abs(i.min!), Math.abs(i.max!)) || 1, width);
        expect([...e]).toHaveLength(width);
        expect(e).toContain('│');
      }),
    );
  });

  it('draws histograms as sparklines on a shared maximum', () => {
    expect(sparkline([0, 1, 4, 8], 8)).toBe(' ▁▄█');
    expect(sparkline([0, 2], 0)).toBe('  ');
  });
});

describe('ui --identify', () => {
  it('lines every histogram up under its bar, one cell a bin', async () => {
    const folder = await fixture();
    const m = identifyScreenModel(folder);
    expect(m.lines).toHaveLength(m.view.posterior.length);
    for (const l of m.lines) {
      expect([...l.bar]).toHaveLength(BAR_WIDTH);
      expect([...l.all]).toHaveLength(BAR_WIDTH);
      expect([...l.accepted]).toHaveLength(BAR_WIDTH);
    }
    expect(m.view.posterior[0].histogram.all.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('draws the intervals, the selected histogram and the errors, and moves with the keys', async () => {
    const folder = await fixture();
    const m = identifyScreenModel(folder);
    const app = render(<IdentifyScreen folder={folder} width={160} />);
    let frame = await frameUntil(app.lastFrame, (f) => f.includes('identify fx'));
    expect(frame).toMatch(/60 run, \d+ accepted/);
    for (const l of m.lines) expect(frame).toContain(l.bar);
    expect(frame).toContain(`histogram of ${m.lines[0].label}`);
    expect(frame).toContain(m.lines[0].all);
    expect(frame).toMatch(/Method error/);
    for (const e of m.errors) expect(frame).toContain(e.bar);
    app.stdin.write(KEY.down);
    frame = await frameUntil(app.lastFrame, (f) => f.includes(`histogram of ${m.lines[1].label}`));
    app.stdin.write(KEY.up);
    app.stdin.write(KEY.up);
    frame = await frameUntil(app.lastFrame, (f) => f.includes(`histogram of ${m.lines[m.lines.length - 1].label}`));
    expect(frame).toContain(m.lines[m.lines.length - 1].accepted);
    app.unmount();
  });

  it('prints the summary when not in a terminal, JSON with --json, and refuses a folder that is not an identify run', async () => {
    const folder = await fixture(30);
    const text = identifyPlainText(folder);
    expect(text.split('\n')[0]).toBe('identify fx: fixture: which intercepts and noise give the published linked shares');
    expect(text).toMatch(/^knob noise\.multiplier\s+\S+\s+\S+\s+0\.500 .{30} 3\.000$/m);
    expect(text).toMatch(/^link\.structured\.pct \(ATR\)\s+/m);
    const piped = cli(['ui', '--identify', folder.dir], { CI: 'true' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(text);
    const json = cli(['ui', '--identify', folder.dir, '--json']);
    expect(json.status).toBe(0);
    const model = JSON.parse(json.stdout);
    expect(model.view.name).toBe('fx');
    expect(model.lines).toHaveLength(5);
    const empty = join(tempDir('ui-identify-bad'), 'empty');
    mkdirSync(empty);
    const bad = cli(['ui', '--identify', empty], { CI: 'true' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^pathways: --identify .*empty: not an identify folder \(no identify\.json\)$/);
    expect(bad.stdout).toBe('');
  });
});
