/**
 * The identify report page in a real browser (Debian's Chromium, playwright-core), as the run's
 * and the sweep's pages are tested: opened from disk with every non-file request blocked, every
 * chart drawn (an SVG with marks, laid out at a size), no console error. The identify folder is
 * written by the real writer from a stand-in simulator (test/identify/identify-fixture.ts).
 * Skipped, saying so, only when Chromium is absent outside CI.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readIdentifyFolder } from '../../src/identify/read.ts';
import { writeIdentifyReport } from '../../src/report/identify.ts';
import { writeFixtureIdentify } from '../identify/identify-fixture.ts';
import { tempDir } from '../helpers.ts';
import { drawnCharts, expectEveryChartDrawn, offlinePage, requireChromium, withBrowser } from './offline-page.ts';

describe('the identify report in a browser', () => {
  it('opens from disk with the network blocked, draws every chart, and logs no error', async (ctx) => {
    requireChromium(ctx, 'identify report browser test');
    const { dir } = await writeFixtureIdentify(tempDir('identify-browser'), 40);
    const out = await writeIdentifyReport(readIdentifyFolder(dir), join(dir, 'report'));
    await withBrowser(async (browser) => {
      const { page, errors, attempted } = await offlinePage(browser, { width: 1280, height: 900 });
      await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
      const charts = await drawnCharts(page);
      expectEveryChartDrawn(charts, out);
      // Two knobs, two figures' truths, the linkage recall, and the method error.
      expect(charts).toHaveLength(6);
      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    });
  });
});
