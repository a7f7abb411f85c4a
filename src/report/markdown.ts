/** The run's report: every estimate beside the truth and the published figure, as Markdown. */
import { stageNames, type Estimate, type Results } from '../results/estimate.ts';
import { consistentCell, TRUTH_LABEL, type HeadlineRow } from './headlines.ts';

function fmt(value: number | null, unit: string): string {
  if (value === null) return '–';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(unit === 'pct' ? 1 : 3);
}

function gap(e: Estimate): string {
  if (e.estimate === null || e.truth === null) return '–';
  const d = e.estimate - e.truth;
  return `${d >= 0 ? '+' : ''}${fmt(d, e.unit)}`;
}

export function markdownReport(results: Results): string {
  const lines = [
    `# Pathways bench report: ${results.scenario}`,
    '',
    `Seed ${results.seed}, scale ${results.scale}, pathways-bench ${results.packageVersion}. Stages: ${stageNames(results).join(', ')}.`,
    '',
    'Each estimate was computed on the records alone; the truth is the same quantity on the synthetic world;',
    'published is the study\'s figure (counts multiplied by the scale). Gap = estimate - truth.',
    '',
    '| id | group | unit | published | estimate | truth | gap | method |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const e of results.estimates) {
    lines.push(`| ${e.id} | ${e.group} | ${e.unit} | ${fmt(e.published, e.unit)} | ${fmt(e.estimate, e.unit)} | ${fmt(e.truth, e.unit)} | ${gap(e)} | ${e.method} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** report/report.md: the headline figures and the calibration first, then every estimate as in report.md. */
export function headlinedMarkdownReport(results: Results, headlines: HeadlineRow[], calibrationLines: string[]): string {
  const lines = [
    `# Pathways bench: ${results.scenario}, seed ${results.seed}, scale ${results.scale}`,
    '',
    `| headline | published | recovered | ${TRUTH_LABEL} | truths consistent with the published figures |`,
    '|---|---:|---:|---:|---|',
    ...headlines.map((h) => {
      const e = h.estimate;
      return `| ${h.label} | ${e ? fmt(e.published, e.unit) : '–'} | ${e ? fmt(e.estimate, e.unit) : '–'} | ${e ? fmt(e.truth, e.unit) : '–'} | ${consistentCell(h)} |`;
    }),
    '',
    `The ${TRUTH_LABEL} is one world's, chosen by the scenario; where \`pathways identify\` has been run on the scenario, the last column gives the truths of every world it found that reproduces the published figures.`,
    '',
    ...calibrationLines,
    '',
    'The page `index.html` beside this file draws the study\'s figures; every estimate follows.',
    '',
  ];
  return `${lines.join('\n')}\n${markdownReport(results)}`;
}
