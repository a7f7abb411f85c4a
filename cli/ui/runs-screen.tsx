/** The finished run folders under runs/, to open one's dashboard. */
import { Box, Text, useStdin } from 'ink';
import { Select } from '@inkjs/ui';
import type { RunFolder } from './paths.ts';
import type { KeyHint } from './key-help.tsx';

export const RUNS_KEYS: KeyHint[] = [{ keys: '↑/↓ Enter', does: 'open a run' }];

export interface RunsScreenProps {
  runs: RunFolder[];
  runsDir: string;
  active: boolean;
  height: number;
  onOpen: (dir: string) => void;
}

export function RunsScreen({ runs, runsDir, active, height, onOpen }: RunsScreenProps) {
  const { isRawModeSupported } = useStdin();
  if (runs.length === 0) {
    return (
      <Box flexDirection="column">
        <Text bold>Run folders in {runsDir}</Text>
        <Text dimColor>No finished run yet (a run folder holds results.json). Press 1 to run a scenario.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>
        Run folders in {runsDir} <Text dimColor>({runs.length}, newest first)</Text>
      </Text>
      <Select
        isDisabled={!active || !isRawModeSupported}
        visibleOptionCount={Math.max(3, Math.min(runs.length, height - 2))}
        options={runs.map((r) => ({ label: `${r.name}  ${new Date(r.modified).toISOString().slice(0, 16).replace('T', ' ')}`, value: r.dir }))}
        onChange={onOpen}
      />
    </Box>
  );
}
