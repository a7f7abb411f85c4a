/**
 * `ui --identify DIR`: which truths are consistent with the published figures, one line per
 * knob and truth (its interval as a bar over its axis), the selected one's histograms (all
 * draws, accepted) as sparklines, and the method's error per figure about zero. ↑/↓ the
 * quantity, q to leave.
 */
import { useState } from 'react';
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import type { IdentifyFolder } from '../../src/identify/read.ts';
import { BAR_WIDTH, identifyScreenModel, type ErrorLine } from './identify-model.ts';

const SIGN_SHORT: Record<ErrorLine['sign'], string> = { over: 'over in every consistent world', under: 'under in every consistent world', either: 'depends on the world', none: '–' };
const SIGN_COLOUR: Record<ErrorLine['sign'], string> = { over: 'red', under: 'red', either: 'yellow', none: 'gray' };

const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export function IdentifyScreen({ folder, width = 100 }: { folder: IdentifyFolder; width?: number }) {
  const [selected, setSelected] = useState(0);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const m = identifyScreenModel(folder);
  const count = m.lines.length;
  useInput(
    (input, key) => {
      if (input === 'q' || key.escape) exit();
      else if (key.downArrow || input === 'j') setSelected((s) => (s + 1) % Math.max(1, count));
      else if (key.upArrow || input === 'k') setSelected((s) => (s - 1 + Math.max(1, count)) % Math.max(1, count));
    },
    { isActive: Boolean(isRawModeSupported) },
  );
  const { view } = m;
  const pct = `${Math.round(view.level * 100)}%`;
  const labelWidth = Math.min(44, Math.max(8, ...m.lines.map((l) => l.label.length), ...m.errors.map((e) => e.label.length)));
  const current = m.lines[selected];
  const axisWidth = Math.max(0, ...m.lines.map((l) => l.axis[0].length));
  const fact = (name: string): string => view.facts.find(([k]) => k === name)?.[1] ?? '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">
        identify {view.name}
      </Text>
      <Text dimColor wrap="truncate-end">
        {fact('worlds')}
      </Text>
      <Text dimColor wrap="truncate-end">
        matched: {fact('figures matched')}
      </Text>
      {view.caution && <Text color="yellow">{view.caution}</Text>}
      <Box marginTop={1}>
        <Text>
          <Text bold>Consistent with the published figures</Text>
          <Text dimColor> ({pct} of accepted: █ interval ┃ median ░ all draws ◆ published)</Text>
        </Text>
      </Box>
      {m.lines.map((l, i) => (
        <Text key={l.label} wrap="truncate-end" inverse={i === selected}>
          {fit(l.label, labelWidth)} {l.interval.padStart(13)} {l.median.padStart(7)}  <Text dimColor>{l.axis[0].padStart(axisWidth)}</Text> <Text color="cyan">{l.bar}</Text> <Text dimColor>{l.axis[1]}</Text>
        </Text>
      ))}
      {current && (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            histogram of <Text bold>{current.label}</Text> <Text dimColor>({current.axis[0]} to {current.axis[1]})</Text>
          </Text>
          <Text>
            {'all draws'.padEnd(10)} {current.axis[0].padStart(axisWidth)} <Text color="gray">{current.all}</Text> {current.axis[1]}
          </Text>
          <Text>
            {'accepted'.padEnd(10)} {''.padStart(axisWidth)} <Text color="cyan">{current.accepted}</Text>
          </Text>
          <Text>
            {'consistent'.padEnd(10)} {''.padStart(axisWidth)} <Text color="cyan">{current.bar}</Text>
          </Text>
        </Box>
      )}
      {m.errors.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            <Text bold>Method error (recovered − truth) across the accepted worlds</Text>
            <Text dimColor> (█ {pct} ─ range │ zero; ±{m.errorSpan.toFixed(1)} across)</Text>
          </Text>
          {m.errors.map((e) => (
            <Text key={e.label} wrap="truncate-end">
              {fit(e.label, labelWidth)} {e.interval.padStart(13)}  <Text color="yellow">{e.bar.padEnd(BAR_WIDTH)}</Text>  <Text color={SIGN_COLOUR[e.sign]}>{SIGN_SHORT[e.sign]}</Text>
            </Text>
          ))}
        </Box>
      )}
      <Box marginTop={1}>
        <Text dimColor>↑/↓ quantity · q quit</Text>
      </Box>
    </Box>
  );
}
