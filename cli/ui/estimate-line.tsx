/** One estimate as one table line: published, recovered and truth, with gaps coloured. */
import { Text } from 'ink';
import { cell, formatGap, formatValue, TONE_COLOUR, TONE_MARK, type Gap } from './format.ts';
import type { Row } from './dashboard-model.ts';

/** published, recovered, truth (9 each) and two gaps (8 each), with a space before each. */
const NUMBERS_WIDTH = 3 * 10 + 2 * 9;

export function labelWidth(width: number): number {
  return Math.max(12, width - NUMBERS_WIDTH - 1);
}

function GapCell({ gap }: { gap: Gap | null }) {
  const text = cell(gap ? `${formatGap(gap)}${TONE_MARK[gap.tone]}` : '– ', 8, 'right');
  return gap ? <Text color={TONE_COLOUR[gap.tone]}>{text}</Text> : <Text dimColor>{text}</Text>;
}

export function EstimateHeader({ width, title = 'estimate [group]' }: { width: number; title?: string }) {
  return (
    <Text wrap="truncate" dimColor>
      {cell(title, labelWidth(width))} {cell('published', 9, 'right')} {cell('recovered', 9, 'right')} {cell('truth', 9, 'right')}{' '}
      {cell('vs truth', 8, 'right')} {cell('vs publ.', 8, 'right')}
    </Text>
  );
}

export function EstimateLine({ row, width, label = row.label }: { row: Row; width: number; label?: string }) {
  return (
    <Text wrap="truncate">
      {cell(label, labelWidth(width))} {cell(formatValue(row.published, row.unit), 9, 'right')}{' '}
      <Text bold>{cell(formatValue(row.estimate, row.unit), 9, 'right')}</Text> {cell(formatValue(row.truth, row.unit), 9, 'right')}{' '}
      <GapCell gap={row.gapTruth} /> <GapCell gap={row.gapPublished} />
    </Text>
  );
}

export function MissingLine({ label, width }: { label: string; width: number }) {
  return (
    <Text wrap="truncate" dimColor>
      {cell(label, labelWidth(width))} not in this run
    </Text>
  );
}
