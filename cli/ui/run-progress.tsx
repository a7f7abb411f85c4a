/** Live progress of a run: one line per stage with its bar, count, step and times. */
import { Box, Text } from 'ink';
import { ProgressBar, Spinner } from '@inkjs/ui';
import { cell, formatSeconds } from './format.ts';
import { secondsElapsed, secondsLeft, stagePercent, type ProgressState, type StageProgress } from './progress-model.ts';

function StageLine({ stage, now, width, live }: { stage: StageProgress; now: number; width: number; live: boolean }) {
  const finished = stage.finishedAt !== null;
  const left = secondsLeft(stage, now);
  const barWidth = width < 100 ? 12 : 24;
  const stepWidth = Math.max(8, width - barWidth - 46);
  return (
    <Box>
      <Box width={2}>{finished ? <Text color="green">✓</Text> : live ? <Spinner /> : <Text color="yellow">■</Text>}</Box>
      <Text bold>{cell(stage.stage, 13)}</Text>
      <Box width={barWidth}>{live || finished ? <ProgressBar value={stagePercent(stage)} /> : <Text dimColor>{'·'.repeat(barWidth)}</Text>}</Box>
      <Text>
        {' '}
        {cell(finished ? '' : `${stage.done}/${stage.total}`, 7, 'right')} <Text dimColor>{cell(finished ? 'done' : stage.step, stepWidth)}</Text>{' '}
        {cell(formatSeconds(secondsElapsed(stage, now)), 7, 'right')}{' '}
        <Text dimColor>{cell(finished ? '' : left === null ? 'left ?' : `~${formatSeconds(left)} left`, 12, 'right')}</Text>
      </Text>
    </Box>
  );
}

export function RunProgress({ state, now, width, live }: { state: ProgressState; now: number; width: number; live: boolean }) {
  return (
    <Box flexDirection="column">
      {state.stages.length === 0 ? <Text dimColor>starting…</Text> : null}
      {state.stages.map((s) => (
        <StageLine key={s.stage} stage={s} now={now} width={width} live={live && s.finishedAt === null} />
      ))}
      <Text>
        elapsed <Text bold>{formatSeconds(Math.max(0, now - state.startedAt) / 1000)}</Text>
      </Text>
    </Box>
  );
}
