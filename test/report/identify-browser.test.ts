/**
 * The identify report page in a real browser (Debian's Chromium, playwright-core), as the run's
 * and the sweep's pages are tested: opened from disk with every non-file request blocked, every
 * chart drawn (an SVG with marks, laid out at a size), no console error. The identify folder is
 * written by the real writer from a stand-in simulator (test/identify/identify-fixture.ts).
 * Skipped, saying so, only when Chromium is absent outside CI.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readIdentifyFolder } from '../../src/identify/read.ts';
import { writeIdentifyReport } from '../../src/report/identify.ts';
import { writeFixtureIdentify } from '../identify/identify-fixture.ts';
import { tempDir } from '../helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the identify report in a browser', () => {
  it('opens from disk with the network blocked, draws every chart, and logs no error', async (ctx) => {
    if (!present) {
      if (inCi) expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs it from Debian (apt-get install chromium)`);
      console.warn(`identify report browser test skipped: no Chromium at ${CHROMIUM}`);
      ctx.skip();
    }
    const { dir } = await writeFixtureIdentify(tempDir('identify-browser'), 40);
    const out = await writeIdentifyReport(readIdentifyFolder(dir), join(dir, 'report'));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const attempted: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        attempted.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { key: f.getAttribute('data-key'), marks: svg ? svg.querySelectorAll('.role-mark > path, .role-mark > line').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
      const specs = readdirSync(out).filter((f) => f.endsWith('.vl.json')).map((f) => f.replace(/\.vl\.json$/, ''));
      expect(charts.map((c) => c.key).sort()).toEqual(specs.sort());
      // Two knobs, two figures' truths, the linkage recall, and the method error.
      expect(charts).toHaveLength(6);
      for (const c of charts) {
        expect(c.marks, `${c.key}: marks`).toBeGreaterThan(0);
        expect(c.width, `${c.key}: width`).toBeGreaterThan(100);
        expect(c.height, `${c.key}: height`).toBeGreaterThan(50);
      }
      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
