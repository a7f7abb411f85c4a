/**
 * The sweep's report page in a real browser (Debian's Chromium, playwright-core), as the run's
 * page is tested: opened from disk with every non-file request blocked, every chart drawn (an
 * SVG with marks, laid out at a size), no console error. The sweep folder is written by the
 * real writer from made-up rows (test/experiments/sweep-fixture.ts). Skipped, saying so, only
 * when Chromium is absent outside CI.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSweepFolder } from '../../src/experiments/read.ts';
import { writeSweepReport } from '../../src/report/sweep.ts';
import { writeFixtureSweep } from '../experiments/sweep-fixture.ts';
import { tempDir } from '../helpers.ts';
import { drawnCharts, expectEveryChartDrawn, offlinePage, requireChromium, withBrowser } from './offline-page.ts';

describe('the sweep report in a browser', () => {
  it('opens from disk with the network blocked, draws every chart, and logs no error', async (ctx) => {
    requireChromium(ctx, 'sweep report browser test');
    const dir = await writeFixtureSweep(tempDir('sweep-browser'), 'fx', { replicates: 5 });
    const out = await writeSweepReport(readSweepFolder(dir), join(dir, 'report'));
    await withBrowser(async (browser) => {
      const { page, errors, attempted } = await offlinePage(browser, { width: 1280, height: 900 });
      await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
      const charts = await drawnCharts(page);
      expectEveryChartDrawn(charts, out);
      expect(charts).toHaveLength(4);
      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    });
  });
});
