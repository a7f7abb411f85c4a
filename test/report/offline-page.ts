/**
 * A report page opened as a reader would open it from disk with no network: Debian's Chromium
 * driven by playwright-core, every non-file request blocked and recorded, console errors and
 * page errors collected, and each chart's drawing measured. Shared by the browser tests of the
 * run's, the sweep's and the identify run's pages. Without Chromium a test skips, saying so, outside CI and fails under it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { expect, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Stop a test that needs Chromium when there is none: a failure under CI, else a skip with a warning. */
export function requireChromium(ctx: TestContext, what: string): void {
  if (chromiumPresent) return;
  if (inCi) expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs it from Debian (apt-get install chromium)`);
  console.warn(`${what} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  ctx.skip();
}

/** Run `use` with a headless Chromium, closed after. */
export async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

export interface OfflinePage {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every request the page tried beyond file: URLs (all blocked). */
  attempted: string[];
}

/** A new page in its own context with every non-file request blocked and recorded. */
export async function offlinePage(browser: Browser, viewport?: { width: number; height: number }): Promise<OfflinePage> {
  const context = await browser.newContext(viewport ? { viewport } : {});
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
    if (!request.url().startsWith('file:') && !attempted.includes(request.url())) attempted.push(request.url());
  });
  return { page, errors, attempted };
}

export interface DrawnChart {
  key: string | null;
  marks: number;
  width: number;
  height: number;
}

/** Each chart figure's key, the marks its SVG holds and the size it was laid out at. */
export function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('figure.chart', (figures) =>
    figures.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { key: f.getAttribute('data-key'), marks: svg ? svg.querySelectorAll('.role-mark > path, .role-mark > line').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
    }),
  );
}

/** Every chart spec in `reportDir` drawn on the page: marks in an SVG laid out at a readable size. */
export function expectEveryChartDrawn(charts: readonly DrawnChart[], reportDir: string): void {
  const specs = readdirSync(reportDir).filter((f) => f.endsWith('.vl.json')).map((f) => f.replace(/\.vl\.json$/, ''));
  expect(charts.map((c) => c.key).sort()).toEqual(specs.sort());
  for (const c of charts) {
    expect(c.marks, `${c.key}: marks`).toBeGreaterThan(0);
    expect(c.width, `${c.key}: width`).toBeGreaterThan(100);
    expect(c.height, `${c.key}: height`).toBeGreaterThan(50);
  }
}
