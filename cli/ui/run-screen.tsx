/** Choose a scenario, seed and scale, then run it in a child process with live progress. */
import { useEffect, useRef, useState } from 'react';
import { basename, resolve } from 'node:path';
import { Box, Text, useStdin } from 'ink';
import { Select, TextInput } from '@inkjs/ui';
import { parseScale, parseSeed } from '../options.ts';
import { applyEvent, finishAll, initialProgress, type ProgressState } from './progress-model.ts';
import { RunProgress } from './run-progress.tsx';
import { startRun, type RunExit, type RunHandle, type RunRequest } from './run-child.ts';
import { uiRunDir, type ScenarioFile } from './paths.ts';
import { useKeys } from './use-keys.ts';
import type { KeyHint } from './key-help.tsx';

export const DEFAULT_UI_SCALE = 0.1;

type Step = 'scenario' | 'seed' | 'scale' | 'running' | 'ended';

export interface RunScreenProps {
  scenarios: ScenarioFile[];
  runsDir: string;
  width: number;
  active: boolean;
  initialScenario?: string;
  initialSeed?: number;
  initialScale?: number;
  /** Run the initial scenario at once into this folder and open its dashboard when it finishes. */
  autoStart?: string;
  /** The screen is typing or running: the app must leave keys (digits, q, Esc) to it. */
  onLock: (locked: boolean) => void;
  /** The keys this screen takes now, for the help line. */
  onKeys: (keys: KeyHint[]) => void;
  onFinished: (dir: string) => void;
  onOpen: (dir: string) => void;
  /** For tests: start a run some other way than a child process. */
  start?: typeof startRun;
}

export function runScreenKeys(step: Step): KeyHint[] {
  if (step === 'scenario') return [{ keys: '↑/↓ Enter', does: 'choose scenario' }];
  if (step === 'seed' || step === 'scale') return [{ keys: 'Enter', does: 'next' }, { keys: 'Esc', does: 'back' }];
  if (step === 'running') return [{ keys: 'Esc/q', does: 'cancel the run' }];
  return [{ keys: 'Enter', does: 'open the dashboard' }, { keys: 'r', does: 'new run' }];
}

export function RunScreen(props: RunScreenProps) {
  const { scenarios, runsDir, width, active, onLock, onKeys, onFinished, onOpen } = props;
  const { isRawModeSupported } = useStdin();
  const typingAllowed = active && Boolean(isRawModeSupported);
  const [scenario, setScenario] = useState<ScenarioFile | null>(() => findScenario(scenarios, props.initialScenario));
  // A scenario given on the command line skips straight to its seed.
  const [step, setStep] = useState<Step>(scenario ? 'seed' : 'scenario');
  const [seed, setSeed] = useState(props.initialSeed ?? 42);
  const [scale, setScale] = useState(props.initialScale ?? DEFAULT_UI_SCALE);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressState>(() => initialProgress(Date.now()));
  const [now, setNow] = useState(Date.now());
  const [ended, setEnded] = useState<RunExit | null>(null);
  const handle = useRef<RunHandle | null>(null);
  // autoStart's folder is for the first run only; runs started afterwards go to runs/ui-*.
  const [fixedOut, setFixedOut] = useState<string | undefined>(props.autoStart);
  // The folder of the run started: once it exists, uiRunDir would name the next free one.
  const [runOut, setRunOut] = useState<string | null>(null);

  useEffect(() => {
    onLock(step === 'seed' || step === 'scale' || step === 'running');
    onKeys(runScreenKeys(step));
  }, [step]);
  useEffect(() => {
    if (step !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [step]);
  // Leaving the screen or quitting the app mid-run cancels the run.
  useEffect(() => () => handle.current?.cancel(), []);
  useEffect(() => {
    if (props.autoStart && scenario) begin({ scenario: scenario.path, seed, scale, out: props.autoStart, replace: true });
  }, []);

  const begin = (request: RunRequest) => {
    const started = Date.now();
    setRunOut(request.out);
    setProgress(initialProgress(started));
    setNow(started);
    setEnded(null);
    setStep('running');
    const run = (props.start ?? startRun)(request, (event) => setProgress((p) => applyEvent(p, event, Date.now())));
    handle.current = run;
    void run.done.then((exit) => {
      handle.current = null;
      setProgress((p) => (exit.status === 'finished' ? finishAll(p, Date.now()) : p));
      setNow(Date.now());
      setEnded(exit);
      setStep('ended');
      if (exit.status === 'finished') {
        onFinished(exit.dir);
        if (request.out === props.autoStart) onOpen(exit.dir);
      }
    });
  };

  const out = (step === 'running' || step === 'ended' ? runOut : null) ?? fixedOut ?? (scenario ? uiRunDir(runsDir, scenario.name, seed, scale) : '');

  useKeys((input, key) => {
    if (step === 'running' && (key.escape || input === 'q')) handle.current?.cancel();
    else if ((step === 'seed' || step === 'scale') && key.escape) {
      setError(null);
      setStep(step === 'scale' ? 'seed' : 'scenario');
    } else if (step === 'ended') {
      if (key.return && ended?.status === 'finished') onOpen(ended.dir);
      else if (input === 'r') {
        setFixedOut(undefined);
        setStep('scenario');
      }
    }
  }, active);

  return (
    <Box flexDirection="column">
      <Text bold>Run a scenario</Text>
      <Text wrap="truncate">
        scenario <Text bold color="cyan">{scenario?.name ?? '…'}</Text> · seed <Text bold>{step === 'scenario' ? '…' : seed}</Text> · scale{' '}
        <Text bold>{step === 'scenario' || step === 'seed' ? '…' : scale}</Text>
        {step === 'running' || step === 'ended' ? <Text dimColor> → {out}</Text> : null}
      </Text>
      {step === 'scenario' ? (
        scenarios.length === 0 ? (
          <Text color="red">No scenarios/*.yaml found.</Text>
        ) : (
          <Select
            isDisabled={!typingAllowed}
            visibleOptionCount={Math.min(8, scenarios.length)}
            options={scenarios.map((s) => ({ label: `${s.name}  (${basename(s.path)})`, value: s.path }))}
            onChange={(path) => {
              setScenario(scenarios.find((s) => s.path === path) ?? null);
              setStep('seed');
            }}
          />
        )
      ) : null}
      {step === 'seed' ? (
        <Box>
          <Text>Seed (0 to 4294967295): </Text>
          <TextInput
            isDisabled={!typingAllowed}
            defaultValue={String(seed)}
            onSubmit={(text) => {
              try {
                setSeed(parseSeed(text.trim()));
                setError(null);
                setStep('scale');
              } catch (e) {
                setError((e as Error).message);
              }
            }}
          />
        </Box>
      ) : null}
      {step === 'scale' ? (
        <Box>
          <Text>Scale (0.01 to 4; 1 = England): </Text>
          <TextInput
            isDisabled={!typingAllowed}
            defaultValue={String(scale)}
            onSubmit={(text) => {
              try {
                const value = parseScale(text.trim());
                setScale(value);
                setError(null);
                if (scenario) begin({ scenario: scenario.path, seed, scale: value, out: uiRunDir(runsDir, scenario.name, seed, value) });
              } catch (e) {
                setError((e as Error).message);
              }
            }}
          />
        </Box>
      ) : null}
      {error ? <Text color="red">{error}</Text> : null}
      {step === 'running' || step === 'ended' ? <RunProgress state={progress} now={now} width={width} live={step === 'running'} /> : null}
      {ended ? <RunEnd exit={ended} /> : null}
    </Box>
  );
}

function findScenario(scenarios: ScenarioFile[], wanted: string | undefined): ScenarioFile | null {
  if (!wanted) return null;
  return scenarios.find((s) => s.path === resolve(wanted) || s.name === wanted) ?? null;
}

function RunEnd({ exit }: { exit: RunExit }) {
  if (exit.status === 'finished') {
    return (
      <Text color="green" bold wrap="truncate">
        Finished: {exit.dir} · Enter opens its dashboard
      </Text>
    );
  }
  const leftovers =
    exit.leftovers.length === 0
      ? 'no run folder was left behind'
      : `the run left ${exit.leftovers.length} staging folder(s); the UI removed them`;
  if (exit.status === 'cancelled') {
    return (
      <Text color="yellow" bold wrap="truncate">
        Cancelled: {leftovers}. r starts a new run.
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        The run failed ({leftovers}):
      </Text>
      <Text color="red">{exit.message}</Text>
    </Box>
  );
}
