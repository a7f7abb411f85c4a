/**
 * `sweep`'s progress: an Ink view on a terminal (tasks done, rate, time left, the shard, the
 * last task), the same facts as one plain line per task on stderr otherwise (piped, CI).
 */
import { Box, Text, render, type Instance } from 'ink';
import { Bar } from './bar.tsx';
import { formatSeconds } from './format.ts';

export interface SweepProgressState {
  name: string;
  done: number;
  total: number;
  task: string;
  /** Seconds since the sweep started. */
  elapsed: number;
  /** `K/N` when sharded. */
  shard?: string;
  /** Tasks a resumed sweep had finished before this process started (not counted in the rate). */
  resumed?: number;
}

export interface SweepProgressFacts {
  percent: number;
  /** Tasks a minute so far; null before the first task ends. */
  rate: number | null;
  /** Seconds left at that rate; null before the first task ends. */
  left: number | null;
}

export function sweepProgressFacts(s: SweepProgressState): SweepProgressFacts {
  const percent = s.total > 0 ? (100 * s.done) / s.total : 0;
  const ran = s.done - (s.resumed ?? 0);
  if (ran <= 0 || s.elapsed <= 0) return { percent, rate: null, left: null };
  return { percent, rate: (ran / s.elapsed) * 60, left: (s.elapsed / ran) * (s.total - s.done) };
}

/** The plain line written per task when there is no terminal to draw on. */
export function sweepProgressLine(s: SweepProgressState): string {
  const f = sweepProgressFacts(s);
  const shard = s.shard ? `, shard ${s.shard}` : '';
  return `sweep ${s.name}: ${s.done}/${s.total} tasks (${s.task})${shard}, ${f.rate === null ? '–' : f.rate.toFixed(1)} a minute, ~${f.left === null ? '?' : Math.round(f.left)} s left`;
}

export function SweepProgressView({ state }: { state: SweepProgressState }) {
  const f = sweepProgressFacts(state);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold color="cyan">
          sweep {state.name}
        </Text>
        {state.shard ? <Text dimColor> shard {state.shard}</Text> : null}
      </Text>
      <Text>
        <Bar value={f.percent} width={30} /> {state.done}/{state.total} tasks
      </Text>
      <Text dimColor>
        {f.rate === null ? 'first task running' : `${f.rate.toFixed(1)} tasks a minute · ${formatSeconds(f.left ?? 0)} left`} · {formatSeconds(state.elapsed)} so far
        {state.task ? ` · last ${state.task}` : ''}
      </Text>
    </Box>
  );
}

export interface SweepProgressSink {
  update(state: SweepProgressState): void;
  end(): void;
}

/** Ink on `stream` when it is a terminal and CI is not set; plain lines otherwise. */
export function sweepProgressSink(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): SweepProgressSink {
  if (!stream.isTTY || env.CI) {
    return { update: (s) => stream.write(`${sweepProgressLine(s)}\n`), end: () => {} };
  }
  let instance: Instance | null = null;
  return {
    update(state) {
      if (instance) instance.rerender(<SweepProgressView state={state} />);
      else instance = render(<SweepProgressView state={state} />, { stdout: stream, exitOnCtrlC: false, patchConsole: false });
    },
    end() {
      instance?.unmount();
      instance = null;
    },
  };
}
