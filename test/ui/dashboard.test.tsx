import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { loadDashboard, type DashboardModel } from '../../cli/ui/dashboard-model.ts';
import { DashboardScreen, RunLine } from '../../cli/ui/dashboard-screen.tsx';
import { dashboardText } from '../../cli/ui/open.tsx';
import { fitLabel, formatGap, formatValue, gapOf, toneOf } from '../../cli/ui/format.ts';
import { TABS } from '../../cli/ui/dashboard-tabs.tsx';
import { renderToString } from 'ink';
import fc from 'fast-check';
import { frameUntil, KEY, readResultsFile, smallRun, tempDir, widestLine, withLaterStages } from './fixture.ts';

let dir: string;
let model: DashboardModel;
let later: DashboardModel;

beforeAll(async () => {
  dir = await smallRun();
  model = loadDashboard(dir);
  later = loadDashboard(withLaterStages(dir, join(tempDir('later'), 'run')));
});

describe('gaps', () => {
  it('colours percentage points green within 2, yellow within 5, red beyond', () => {
    expect(toneOf(1.9)).toBe('good');
    expect(toneOf(-2)).toBe('good');
    expect(toneOf(4.9)).toBe('warn');
    expect(toneOf(-5.1)).toBe('bad');
    expect(gapOf(49, 45, 'pct')).toEqual({ value: 4, kind: 'points', tone: 'warn' });
  });

  it('measures counts relative to the reference, so a scale does not change the colour', () => {
    expect(gapOf(1030, 1000, 'count')).toEqual({ value: 3, kind: 'percent', tone: 'warn' });
    expect(gapOf(10300, 10000, 'count')?.tone).toBe('warn');
    expect(gapOf(5, null, 'count')).toBeNull();
    expect(formatGap(gapOf(45, 49, 'pct'))).toBe('−4.0pt');
  });
});

describe('dashboard model', () => {
  it('puts every estimate of the run in a section named by its id prefix', () => {
    const results = readResultsFile(dir);
    expect(model.run.estimates).toBe(results.estimates.length);
    expect(model.sections.map((s) => s.prefix)).toEqual(['cohort.']);
    expect(model.sections.flatMap((s) => s.rows).length).toBe(results.estimates.length);
    const requirements = results.estimates.find((e) => e.id === 'cohort.requirements' && e.group === 'all');
    expect(model.headline[0]).toMatchObject({ id: 'cohort.requirements', estimate: requirements?.estimate, truth: requirements?.truth });
  });

  it('has no linkage, engagement, reconviction or odds ratio figures before those stages run', () => {
    expect(model.linkage).toEqual([]);
    expect(model.engagement.every((s) => s.row === null)).toBe(true);
    expect(model.reconviction).toEqual([]);
    expect(model.oddsRatios).toEqual([]);
  });

  it('picks up the later stages: precision and recall by group, the extrapolation, status order, odds ratios', () => {
    expect(later.linkage.map((g) => g.group)).toEqual(['all', 'all|sex=female']);
    expect(later.linkage[1].recall?.estimate).toBe(90.5);
    expect(later.engagement.find((s) => s.id === 'nlp.engaged.pct')?.row?.gapTruth?.tone).toBe('bad');
    expect(later.reconviction.map((r) => r.group)).toEqual(['ATR|status=completed', 'ATR|status=not_linked', 'DRR|status=dropout']);
    // Odds ratios only: the model's region variance stays in the All tab.
    expect(later.oddsRatios.map((r) => r.label)).toEqual(['linked ATR female', 'linked ATR male']);
    expect(later.sections.map((s) => s.prefix)).toEqual(['cohort.', 'link.', 'nlp.', 'any_treatment.', 'reconviction.', 'regression.', 'linkage.']);
  });

  it('rejects a results.json that breaks the contract, naming the field', () => {
    const broken = tempDir('broken');
    const results = readResultsFile(dir);
    writeFileSync(join(broken, 'results.json'), JSON.stringify({ ...results, estimates: [{ ...results.estimates[0], unit: 'percent' }] }));
    expect(() => loadDashboard(broken)).toThrow(/results\.json: estimates\.0\.unit: /);
    expect(() => loadDashboard(join(dir, 'observed'))).toThrow(/no results\.json/);
  });
});

describe('dashboard screen', () => {
  it('shows the headline figures of the run, published / recovered / truth, in 80 columns', async () => {
    const { lastFrame, unmount } = render(<DashboardScreen model={model} width={80} height={21} active />);
    const frame = await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    const requirements = model.headline[0];
    expect(frame).toContain('published recovered');
    const [published, recovered, truth] = [requirements.published, requirements.estimate, requirements.truth].map((v) => formatValue(v, 'count'));
    expect(frame).toMatch(new RegExp(`Requirements in the cohort\\s+${published}\\s+${recovered}\\s+${truth}\\s`));
    expect(frame).toContain(`seed 42 scale 0.01`);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(21);
    unmount();
  });

  it('moves between tabs with the arrow keys and says what is not in this run', async () => {
    const { lastFrame, stdin, unmount } = render(<DashboardScreen model={model} width={80} height={21} active />);
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    stdin.write(KEY.right);
    const linkage = await frameUntil(lastFrame, (f) => f.includes('Linkage precision and recall'));
    expect(linkage).toContain('not in this run');
    stdin.write(KEY.left);
    await frameUntil(lastFrame, (f) => f.includes('Requirements in the cohort'));
    stdin.write(KEY.left);
    await frameUntil(lastFrame, (f) => f.includes('▸ Cohort (cohort.*, 9)'));
    unmount();
  });

  it('draws precision and recall bars by group once linkage is in the run', async () => {
    const { lastFrame, stdin, unmount } = render(<DashboardScreen model={later} width={80} height={21} active />);
    await frameUntil(lastFrame, (f) => f.includes('Headline'));
    stdin.write(KEY.right);
    const frame = await frameUntil(lastFrame, (f) => f.includes('by sex'));
    // The key once as a heading, the value on the row: long values are not cut to fit `region=`.
    expect(frame).toMatch(/by sex\n {2}female\s+█+░*\s+99\.4\s+█+░*\s+90\.5/);
    unmount();
  });

  it('scrolls through all estimates and jumps from section to section', async () => {
    const { lastFrame, stdin, unmount } = render(<DashboardScreen model={later} width={80} height={10} active initialTab={5} />);
    const first = await frameUntil(lastFrame, (f) => f.includes('▸ Cohort'));
    expect(first).toContain('lines 1-6 of');
    stdin.write(KEY.down);
    const scrolled = await frameUntil(lastFrame, (f) => f.includes('lines 2-7 of'));
    // The table header stays; the section title has scrolled off under it.
    expect(scrolled).toContain('published recovered');
    expect(scrolled).not.toContain('▸ Cohort');
    stdin.write('n');
    const next = await frameUntil(lastFrame, (f) => f.includes('▸ Linkage to treatment'));
    expect(next.split('\n')[3]).toContain('▸ Linkage to treatment');
    stdin.write(KEY.end);
    // At 80 columns a group loses its `all|` before anything else is cut.
    const last = await frameUntil(lastFrame, (f) => f.includes('precision [sex=female]') || f.includes('recall [sex=female]'));
    expect(last).not.toContain('↓ more');
    unmount();
  });
});

describe('labels at 80 columns', () => {
  it('keeps the group whole: the part that tells rows apart', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z_.]{1,40}$/), fc.stringMatching(/^[A-Za-z ,]{1,20}$/), fc.integer({ min: 31, max: 60 }), (name, value, width) => {
        const label = fitLabel(name, `all|accommodation=${value}`, width);
        expect(label.length).toBeLessThanOrEqual(Math.max(width, value.length + 11));
        expect(label.endsWith(`${value}]`)).toBe(true);
      }),
    );
    expect(fitLabel('false_match_rate', 'all|accommodation=rough sleeping', 31)).toBe('false_m…h_rate [rough sleeping]');
    expect(fitLabel('false_match_rate', 'all|sex=male', 31)).toBe('false_match_rate [sex=male]');
  });

  it('counts the stages on the run line rather than cutting a stage name', () => {
    const line = (width: number) => renderToString(<RunLine model={later} width={width} />, { columns: width });
    expect(line(200)).toContain(`stages ${later.run.stages.join(', ')}`);
    const narrow = line(80);
    expect(narrow).toContain(`${later.run.stages.length} stages · ${later.run.estimates} estimates`);
    expect(narrow).not.toContain('…');
  });

  it('pins the odds-ratio legend above its table', () => {
    const [legend, header] = TABS.find((t) => t.key === 'odds')!.lines(later, 80);
    expect(renderToString(legend)).toMatch(/\* the 95% CI misses the true odds ratio/);
    expect(renderToString(header)).toMatch(/model, group, term/);
  });
});

describe('dashboard as plain text', () => {
  it('prints every tab one after another with the same figures and no escape codes when colour is off', () => {
    const text = dashboardText(later, 100);
    for (const title of ['== Headline ==', '== Linkage ==', '== Engagement ==', '== Reconviction ==', '== Odds ratios ==', '== All estimates ==']) expect(text).toContain(title);
    expect(text).toMatch(/Engaged in notes, unlinked\s+81\.0\s+77\.5\s+61\.0\s+\+16\.5pt!/);
    expect(text).toMatch(/linked ATR female\s+0\.50\s+0\.42\s+0\.34–0\.53\s/);
    // The interval 0.88-1.38 misses the true 2.0: marked.
    expect(text).toMatch(/linked ATR male\s+2\.00\s+1\.10\s+0\.88–1\.38\*/);
    expect(text).toContain('ATR · not_linked');
    expect(widestLine(text)).toBeLessThanOrEqual(100);
  });
});
