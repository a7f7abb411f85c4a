/** The keys of each screen: one line at the foot of the screen, all of them under `?`. */
import { Box, Text } from 'ink';

export interface KeyHint {
  keys: string;
  does: string;
}

export const GLOBAL_KEYS: KeyHint[] = [
  { keys: '1 2 3 4', does: 'run / dashboard / person explorer / run folders' },
  { keys: '?', does: 'this help (any key closes it)' },
  { keys: 'Esc', does: 'back (cancels a run in progress)' },
  { keys: 'q', does: 'quit (cancels a run in progress)' },
];

/** `locked`: a field or a run has the keys, so the app's own (? and q) are not offered. */
export function HelpLine({ hints, width, locked = false }: { hints: KeyHint[]; width: number; locked?: boolean }) {
  const all = locked ? hints : [...hints, { keys: '?', does: 'help' }, { keys: 'q', does: 'quit' }];
  const text = all.map((h) => `${h.keys} ${h.does}`).join(' · ');
  return (
    <Text dimColor wrap="truncate">
      {text.length > width ? `${text.slice(0, width - 1)}…` : text}
    </Text>
  );
}

export function HelpPanel({ screen, hints }: { screen: string; hints: KeyHint[] }) {
  const all = [...hints, ...GLOBAL_KEYS];
  const keyWidth = Math.max(...all.map((h) => h.keys.length));
  return (
    <Box flexDirection="column">
      <Text bold>Keys on the {screen} screen</Text>
      {hints.map((h) => (
        <Text key={`s:${h.keys}`} wrap="truncate">
          <Text color="cyan" bold>
            {h.keys.padEnd(keyWidth)}
          </Text>{' '}
          {h.does}
        </Text>
      ))}
      <Text bold>Everywhere</Text>
      {GLOBAL_KEYS.map((h) => (
        <Text key={`g:${h.keys}`} wrap="truncate">
          <Text color="cyan" bold>
            {h.keys.padEnd(keyWidth)}
          </Text>{' '}
          {h.does}
        </Text>
      ))}
    </Box>
  );
}
