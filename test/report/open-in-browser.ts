/**
 * A report page opened in a real browser (Debian's Chromium, playwright-core) from disk with
 * every non-file request blocked and recorded: what each chart drew (marks, size), the spec
 * files beside the page, console errors and the requests tried. Shared by the browser tests of
 * the sweep's and the identify run's pages. `needChromium` skips a test, saying so, only when
 * Chromium is absent outside CI; under CI a missing Chromium fails.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function needChromium(ctx: { skip: () => void }, what: string): void {
  if (present) return;
  if (inCi) expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs it from Debian (apt-get install chromium)`);
  console.warn(`${what} browser test skipped: no Chromium at ${CHROMIUM}`);
  ctx.skip();
}

export interface DrawnChart {
  key: string | null;
  marks: number;
  width: number;
  height: number;
}

export interface OpenedPage {
  charts: DrawnChart[];
  /** KEY of each KEY.vl.json beside the page. */
  specs: string[];
  errors: string[];
  attempted: string[];
}

export async function openInBrowser(html: string): Promise<OpenedPage> {
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
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { key: f.getAttribute('data-key'), marks: svg ? svg.querySelectorAll('.role-mark > path, .role-mark > line').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    const specs = readdirSync(dirname(html))
      .filter((f) => f.endsWith('.vl.json'))
      .map((f) => f.replace(/\.vl\.json$/, ''));
    return { charts, specs, errors, attempted };
  } finally {
    await browser.close();
  }
}

/** Every chart on the page drawn (marks, a size), one per spec beside it, `count` in all; no error, nothing fetched. */
export function expectEveryChartDrawn(opened: OpenedPage, count: number): void {
  const { charts, specs, errors, attempted } = opened;
  expect(charts.map((c) => c.key).sort()).toEqual([...specs].sort());
  expect(charts).toHaveLength(count);
  for (const c of charts) {
    expect(c.marks, `${c.key}: marks`).toBeGreaterThan(0);
    expect(c.width, `${c.key}: width`).toBeGreaterThan(100);
    expect(c.height, `${c.key}: height`).toBeGreaterThan(50);
  }
  expect(errors).toEqual([]);
  expect(attempted).toEqual([]);
}
