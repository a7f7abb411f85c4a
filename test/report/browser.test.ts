/**
 * The report page in a real browser: Debian's Chromium driven by playwright-core opens
 * index.html from disk with every non-file request blocked (and recorded), and every chart
 * must have rendered (an SVG with marks, laid out at a size), with no console error.
 * Screenshots go to a temporary folder, removed after.
 *
 * Skipped, saying so, only when Chromium is absent outside CI; under CI a missing Chromium fails.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallFullRun } from './small-run.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!present) {
  describe('report in a browser', () => {
    it('needs Chromium (required under CI)', (ctx) => {
      if (inCi) expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs it from Debian (apt-get install chromium)`);
      console.warn(`report browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
      ctx.skip();
    });
  });
}

describe.runIf(present)('report in a browser', () => {
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
      page.on('requestfailed', (request) => {
        if (!request.url().startsWith('file:')) attempted.push(request.url());
      });

      const response = await page.goto(pathToFileURL(join(dir, 'report', 'index.html')).href, { waitUntil: 'load' });
      expect(response?.ok() ?? true).toBe(true);

      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            key: f.getAttribute('data-key'),
            marks: svg ? svg.querySelectorAll('.role-mark > path, .role-mark > line').length : 0,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
          };
        }),
      );
      const specs = readdirSync(join(dir, 'report')).filter((f) => f.endsWith('.vl.json')).map((f) => f.replace(/\.vl\.json$/, ''));
      expect(charts.map((c) => c.key).sort()).toEqual(specs.sort());
      expect(charts.length).toBeGreaterThan(20);
      for (const c of charts) {
        expect(c.marks, `${c.key}: marks`).toBeGreaterThan(0);
        expect(c.width, `${c.key}: width`).toBeGreaterThan(100);
        expect(c.height, `${c.key}: height`).toBeGreaterThan(50);
      }
      expect(await page.locator('h2').count()).toBeGreaterThan(15);

      await page.screenshot({ path: join(shots, 'first-screen.png') });
      await page.screenshot({ path: join(shots, 'whole-page.png'), fullPage: true });
      for (const name of ['first-screen.png', 'whole-page.png']) expect(statSync(join(shots, name)).size).toBeGreaterThan(10_000);

      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('would have seen a request the page made: the block is live', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext();
      const attempted: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        attempted.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      await page.setContent('<img src="http://example.invalid/x.png">', { waitUntil: 'load' });
      expect(attempted).toEqual(['http://example.invalid/x.png']);
    } finally {
      await browser.close();
    }
  });
});
