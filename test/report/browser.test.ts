/**
 * The report page in a real browser: Debian's Chromium driven by playwright-core opens
 * index.html from disk with every non-file request blocked (and recorded), and every chart
 * must have rendered (an SVG with marks, laid out at a size), with no console error.
 * Screenshots go to a temporary folder, removed after.
 *
 * Skipped, saying so, only when Chromium is absent outside CI; under CI a missing Chromium fails.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallFullRun } from './small-run.ts';
import { chromiumPresent, drawnCharts, expectEveryChartDrawn, offlinePage, requireChromium, withBrowser } from './offline-page.ts';

if (!chromiumPresent) {
  describe('report in a browser', () => {
    it('needs Chromium (required under CI)', (ctx) => requireChromium(ctx, 'report browser test'));
  });
}

describe.runIf(chromiumPresent)('report in a browser', () => {
  let parent: string;
  let dir: string;
  let shots: string;

  beforeAll(async () => {
    ({ parent, dir } = await smallFullRun('browser'));
    shots = mkdtempSync(join(tmpdir(), 'pathways-report-shots-'));
  });

  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
    rmSync(shots, { recursive: true, force: true });
  });

  it('opens from disk with the network blocked, draws every chart, and logs no error', async () => {
    await withBrowser(async (browser) => {
      const { page, errors, attempted } = await offlinePage(browser, { width: 1280, height: 900 });
      const response = await page.goto(pathToFileURL(join(dir, 'report', 'index.html')).href, { waitUntil: 'load' });
      expect(response?.ok() ?? true).toBe(true);

      const charts = await drawnCharts(page);
      expectEveryChartDrawn(charts, join(dir, 'report'));
      expect(charts.length).toBeGreaterThan(20);
      expect(await page.locator('h2').count()).toBeGreaterThan(15);

      await page.screenshot({ path: join(shots, 'first-screen.png') });
      await page.screenshot({ path: join(shots, 'whole-page.png'), fullPage: true });
      for (const name of ['first-screen.png', 'whole-page.png']) expect(statSync(join(shots, name)).size).toBeGreaterThan(10_000);

      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    });
  });

  it('would have seen a request the page made: the block is live', async () => {
    await withBrowser(async (browser) => {
      const { page, attempted } = await offlinePage(browser);
      await page.setContent('<img src="http://example.invalid/x.png">', { waitUntil: 'load' });
      expect(attempted).toEqual(['http://example.invalid/x.png']);
    });
  });
});
