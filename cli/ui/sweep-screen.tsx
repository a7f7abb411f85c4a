/**
 * `ui --sweep DIR`: a sweep's bias and coverage against each swept knob, one estimand and group
 * at a time. ←/→ the estimand, ↑/↓ the group, q to leave. Bias bars share one scale per
 * estimand, centred on zero; coverage bars run 0-100% with the 95% mark (┊).
 */
import { useState } from 'react';
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import type { SweepFolder } from '../../src/experiments/read.ts';
import { shortKnob } from '../../src/experiments/knob-view.ts';
import { centreBar, coverageBar, sweepScreenModel, valueText } from './sweep-model.ts';

const BAR = 21;
const LEVEL_WIDTH = 24;

/** A knob value in a fixed width: a mapping as `key=value ...` (its JSON is long), cut with an ellipsis. */
export function levelLabel(text: string, width: number): string {
  let label = text;
  if (text.startsWith('{')) {
    try {
      label = Object.entries(JSON.parse(text) as Record<string, unknown>)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(' ');
    } catch {
      label = text;
    }
  }
  return label.length > width ? `${label.slice(0, width - 1)}…` : label.padEnd(width);
}

export function SweepScreen({ folder, width = 100 }: { folder: SweepFolder; width?: number }) {
  const [estimand, setEstimand] = useState(0);
  const [group, setGroup] = useState(0);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      if (input === 'q' || key.escape) exit();
      else if (key.rightArrow || input === 'n') {
        setEstimand((e) => e + 1);
        setGroup(0);
      } else if (key.leftArrow || input === 'p') {
        setEstimand((e) => e - 1);
        setGroup(0);
      } else if (key.downArrow || input === 'j') setGroup((g) => g + 1);
      else if (key.upArrow || input === 'k') setGroup((g) => g - 1);
    },
    { isActive: Boolean(isRawModeSupported) },
  );
  const m = sweepScreenModel(folder, estimand, group);
  const labelWidth = Math.min(LEVEL_WIDTH, Math.max(8, ...m.blocks.flatMap((b) => b.lines.map((l) => levelLabel(l.level, 1000).trimEnd().length))));
  // Mapping values among the other knobs read as key=value too.
  const othersText = (others: string): string => others.replace(/\{[^}]*\}/g, (json) => levelLabel(json, 1000).trimEnd());
  const othersWidth = Math.min(36, Math.max(0, ...m.blocks.flatMap((b) => b.lines.map((l) => (l.others === '-' ? 0 : othersText(l.others).length)))));
  const position = `${m.estimands.indexOf(m.estimand) + 1}/${m.estimands.length}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">
        sweep {m.name}
      </Text>
      <Text dimColor wrap="truncate-end">
        {m.facts}
      </Text>
      <Box marginTop={1}>
        <Text>
          <Text bold>{m.estimand}</Text> <Text dimColor>({position})</Text> group <Text bold>{m.group}</Text>
          <Text dimColor> ({m.groups.indexOf(m.group) + 1}/{m.groups.length})</Text>
        </Text>
      </Box>
      {m.blocks.length === 0 && <Text dimColor>No knob is swept: one grid point.</Text>}
      {m.blocks.map((b) => (
        <Box key={b.knob} flexDirection="column" marginTop={1}>
          <Text>
            against <Text bold>{b.knob}</Text>
          </Text>
          <Text dimColor>
            {`${levelLabel(shortKnob(b.knob), labelWidth)}  ${othersWidth > 0 ? 'other knobs'.padEnd(othersWidth) + '  ' : ''}${(m.centre === 'bias' ? 'bias ±MCSE' : 'mean ±SE').padEnd(16)}${''.padEnd(BAR)}  coverage %`}
          </Text>
          {b.lines.map((l) => (
            <Text key={`${l.level}-${l.others}`} wrap="truncate-end">
              {levelLabel(l.level, labelWidth)}
              {'  '}
              {othersWidth > 0 ? <Text dimColor>{levelLabel(othersText(l.others), othersWidth)}  </Text> : null}
              {valueText(l.bias).padEnd(16)}
              <Text color={m.centre === 'bias' ? 'yellow' : 'cyan'}>{centreBar(l.bias?.value ?? null, m.span, BAR, m.centre)}</Text>
              {'  '}
              {valueText(l.coverage).padEnd(12)}
              <Text color="cyan">{coverageBar(l.coverage?.value ?? null, 20)}</Text>
            </Text>
          ))}
        </Box>
      ))}
      <Box marginTop={1}>
        <Text dimColor>←/→ estimand · ↑/↓ group · q quit</Text>
      </Box>
    </Box>
  );
}
