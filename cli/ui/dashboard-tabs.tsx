/**
 * The dashboard's tabs, each as a list of one-line elements: the screen scrolls through them
 * and the plain-text output prints them all, so both show the same lines.
 */
import type { ReactElement } from 'react';
import { Text } from 'ink';
import { Bar } from './bar.tsx';
import { EstimateHeader, EstimateLine, MissingLine } from './estimate-line.tsx';
import { cell, fitLabel, formatCi, formatGap, formatValue, TONE_COLOUR, TONE_MARK } from './format.ts';
import { labelWidth } from './estimate-line.tsx';
import type { DashboardModel, Row } from './dashboard-model.ts';

export interface Tab {
  key: string;
  title: string;
  lines: (model: DashboardModel, width: number) => ReactElement[];
  /** Line indexes where a section starts, for jumping with n / p. */
  anchors?: (model: DashboardModel) => number[];
  /** Lines that stay put above the scrolling ones (default 1: a table header or a note). */
  pinned?: number;
}

function note(key: string, text: string): ReactElement {
  return (
    <Text key={key} dimColor wrap="truncate">
      {text}
    </Text>
  );
}

function headlineLines(model: DashboardModel, width: number): ReactElement[] {
  if (model.headline.length === 0) return [note('none', 'No headline figure in this run (stages: ' + model.run.stages.join(', ') + ').')];
  return [
    <EstimateHeader key="h" width={width} title="headline figure" />,
    ...model.headline.map((row) => <EstimateLine key={`${row.id}|${row.group}`} row={row} width={width} />),
    note('legend', 'gap: green within 2, yellow ~ within 5, red ! beyond (pt: points, %: relative)'),
    note('truth', 'truth: truth in this scenario (one world, its true rates chosen by the scenario)'),
    ...model.consistent.map((c) => note(`consistent:${c.label}`, `consistent with the published figures, ${c.label}: ${c.text}`)),
  ];
}

/** Precision and recall come as pct (0-100) or as a 0-1 ratio; bars want 0-100. */
function percent(row: Row | null): number | null {
  if (!row || row.estimate === null) return null;
  return row.unit === 'pct' ? row.estimate : row.estimate * 100;
}

function linkageLines(model: DashboardModel, width: number): ReactElement[] {
  if (model.linkage.length === 0) {
    return [
      <Text key="t" bold>
        Linkage precision and recall
      </Text>,
      note('none', `not in this run (stages: ${model.run.stages.join(', ')}); they appear once a linkage stage has run`),
    ];
  }
  const groupWidth = Math.max(10, Math.min(28, width - 50));
  const barWidth = Math.max(8, Math.floor((width - groupWidth - 24) / 2));
  const value = (v: number | null) => cell(v === null ? '–' : v.toFixed(1), 6, 'right');
  // Precision and recall sit near 100; bars start lower down so that groups can be told apart.
  const values = model.linkage.flatMap((g) => [percent(g.precision), percent(g.recall)]).filter((v): v is number => v !== null);
  const from = Math.max(0, Math.min(90, Math.floor(Math.min(100, ...values) / 10) * 10 - 10));
  const scaled = (v: number | null) => (v === null ? null : ((v - from) / (100 - from)) * 100);
  const lines = [
    <Text key="t" dimColor wrap="truncate">
      {cell('group', groupWidth)} {cell(`precision (${from}-100)`, barWidth + 7)}   {cell(`recall (${from}-100)`, barWidth + 7)}
    </Text>,
    ...model.linkage.flatMap((g, i) => {
      // Rows come by key (sex, age, region...): the key once as a heading, each row its value, so a
      // long value (Kent, Surrey and Sussex) is not cut to make room for `region=`.
      const part = g.group.replace(/^all\|/, '');
      const key = part.includes('=') ? part.slice(0, part.indexOf('=')) : null;
      const previous = i > 0 ? model.linkage[i - 1].group.replace(/^all\|/, '') : '';
      const heading = key !== null && !previous.startsWith(`${key}=`);
      const label = key === null ? part : `  ${part.slice(key.length + 1)}`;
      return [
        ...(heading ? [<Text key={`by:${key}`} dimColor>{`by ${key}`}</Text>] : []),
        linkageRow(g, label, groupWidth, barWidth, scaled, value),
      ];
    }),
    note('legend', 'scored on truth: precision = true links / links made; recall = true found'),
  ];
  const { precision, recall } = model.linkageExpected;
  if (precision || recall) {
    const said = (r: typeof precision) =>
      r && r.estimate !== null ? `${r.estimate.toFixed(1)}${r.ci ? ` [${r.ci[0].toFixed(1)}, ${r.ci[1].toFixed(1)}]` : ''}` : '–';
    // Two lines: on one, an 80-column terminal would cut the recall.
    lines.push(note('expected', 'label-free (from match probabilities, no truth):'), note('expected2', `  precision ${said(precision)}, recall ${said(recall)}`));
  }
  return lines;
}

function linkageRow(
  g: DashboardModel['linkage'][number],
  label: string,
  groupWidth: number,
  barWidth: number,
  scaled: (v: number | null) => number | null,
  value: (v: number | null) => string,
): ReactElement {
  return (
    <Text key={g.group} wrap="truncate">
      {cell(label, groupWidth)} <Bar value={scaled(percent(g.precision))} width={barWidth} />
      <Text bold>{value(percent(g.precision))}</Text>
      {'   '}
      <Bar value={scaled(percent(g.recall))} width={barWidth} />
      <Text bold>{value(percent(g.recall))}</Text>
    </Text>
  );
}

function engagementLines(model: DashboardModel, width: number): ReactElement[] {
  return [
    <EstimateHeader key="h" width={width} title="step (group all)" />,
    ...model.engagement.map((step) =>
      step.row ? <EstimateLine key={step.id} row={step.row} width={width} /> : <MissingLine key={step.id} label={step.title} width={width} />,
    ),
    note('legend', 'study: 49% linked + 81% of unlinked engaged in notes = "up to 90%"'),
  ];
}

function reconvictionLines(model: DashboardModel, width: number): ReactElement[] {
  if (model.reconviction.length === 0) {
    return [note('none', `Reconviction by treatment status (reconviction.pct.status): not in this run`)];
  }
  return [
    <EstimateHeader key="h" width={width} title="reconvicted in 12 months, %" />,
    ...model.reconviction.map((row) => <EstimateLine key={row.group} row={row} width={width} />),
  ];
}

/** Whether the interval holds the truth: what a reader of an odds ratio wants to know first. */
function covers(row: Row): boolean | null {
  return row.ci && row.truth !== null ? row.ci[0] <= row.truth && row.truth <= row.ci[1] : null;
}

function oddsLines(model: DashboardModel, width: number): ReactElement[] {
  if (model.oddsRatios.length === 0) return [note('none', 'Odds ratios (regression.*): not in this run')];
  const labelWidth = Math.max(12, width - 50);
  return [
    // The legend is pinned above the table: on a long page it would sit at the very bottom.
    note('legend', '* the 95% CI misses the true odds ratio · vs truth: recovered minus true, %'),
    <Text key="h" dimColor wrap="truncate">
      {cell('model, group, term', labelWidth)} {cell('truth', 8, 'right')} {cell('recovered', 9, 'right')} {cell('95% CI', 19, 'right')}{' '}
      {cell('vs truth', 8, 'right')}
    </Text>,
    ...model.oddsRatios.map((row) => {
      const held = covers(row);
      return (
        <Text key={`${row.id}|${row.group}`} wrap="truncate">
          {cell(row.label, labelWidth)} {cell(formatValue(row.truth, row.unit), 8, 'right')}{' '}
          <Text bold>{cell(formatValue(row.estimate, row.unit), 9, 'right')}</Text>{' '}
          {held === false ? <Text color="red">{cell(`${formatCi(row.ci, row.unit)}*`, 19, 'right')}</Text> : cell(formatCi(row.ci, row.unit), 19, 'right')}{' '}
          {row.gapTruth ? (
            <Text color={TONE_COLOUR[row.gapTruth.tone]}>{cell(`${formatGap(row.gapTruth)}${TONE_MARK[row.gapTruth.tone]}`, 8, 'right')}</Text>
          ) : (
            <Text dimColor>{cell('– ', 8, 'right')}</Text>
          )}
        </Text>
      );
    }),
  ];
}

function allLines(model: DashboardModel, width: number): ReactElement[] {
  const lines: ReactElement[] = [<EstimateHeader key="h" width={width} />];
  for (const section of model.sections) {
    lines.push(
      <Text key={`s:${section.prefix}`} bold color="cyan" wrap="truncate">
        {`▸ ${section.title} (${section.prefix}*, ${section.rows.length})`}
      </Text>,
    );
    for (const row of section.rows) {
      const label = fitLabel(row.id.slice(section.prefix.length) || row.id, row.group, labelWidth(width));
      lines.push(<EstimateLine key={`${row.id}|${row.group}`} row={row} width={width} label={label} />);
    }
  }
  return lines;
}

function allAnchors(model: DashboardModel): number[] {
  const anchors: number[] = [];
  let line = 1;
  for (const section of model.sections) {
    anchors.push(line);
    line += 1 + section.rows.length;
  }
  return anchors;
}

export const TABS: Tab[] = [
  { key: 'headline', title: 'Headline', lines: headlineLines },
  { key: 'linkage', title: 'Linkage', lines: linkageLines },
  { key: 'engagement', title: 'Engagement', lines: engagementLines },
  { key: 'reconviction', title: 'Reconviction', lines: reconvictionLines },
  { key: 'odds', title: 'Odds ratios', lines: oddsLines, pinned: 2 },
  { key: 'all', title: 'All estimates', lines: allLines, anchors: allAnchors },
];
