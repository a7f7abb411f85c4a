/**
 * The sweep's report page in a real browser (Debian's Chromium, playwright-core), as the run's
 * page is tested: opened from disk with every non-file request blocked, every chart drawn (an
 * SVG with marks, laid out at a size), no console error. The sweep folder is written by the
 * real writer from made-up rows (test/experiments/sweep-fixture.ts). Skipped, saying so, only
 * when Chromium is absent outside CI.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { readSweepFolder } from '../../src/experiments/read.ts';
import { writeSweepReport } from '../../src/report/sweep.ts';
import { writeFixtureSweep } from '../experiments/sweep-fixture.ts';
import { tempDir } from '../helpers.ts';
import { expectEveryChartDrawn, needChromium, openInBrowser } from './open-in-browser.ts';

describe('the sweep report in a browser', () => {
  it('opens from disk with the network blocked, draws every chart, and logs no error', async (ctx) => {
    needChromium(ctx, 'sweep report');
    const dir = await writeFixtureSweep(tempDir('sweep-browser'), 'fx', { replicates: 5 });
    const out = await writeSweepReport(readSweepFolder(dir), join(dir, 'report'));
    expectEveryChartDrawn(await openInBrowser(join(out, 'index.html')), 4);
  });
});
