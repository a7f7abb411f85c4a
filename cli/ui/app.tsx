/** The whole UI: four screens, global keys, and a help panel. */
import { useEffect, useMemo, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { ThemeProvider } from '@inkjs/ui';
import { uiTheme } from './theme.ts';
import { DashboardScreen, DASHBOARD_KEYS } from './dashboard-screen.tsx';
import { ExplorerScreen, EXPLORER_KEYS } from './explorer-screen.tsx';
import { RunScreen, runScreenKeys } from './run-screen.tsx';
import { RunsScreen, RUNS_KEYS } from './runs-screen.tsx';
import { HelpLine, HelpPanel, type KeyHint } from './key-help.tsx';
import { loadDashboard, type DashboardModel } from './dashboard-model.ts';
import { listRuns, type ScenarioFile } from './paths.ts';
import { useKeys } from './use-keys.ts';
import { useScreenSize, type ScreenSize } from './use-screen-size.ts';
import type { startRun } from './run-child.ts';

export type ScreenName = 'run' | 'dashboard' | 'explorer' | 'runs';

const SCREENS: { name: ScreenName; key: string; title: string }[] = [
  { name: 'run', key: '1', title: 'Run' },
  { name: 'dashboard', key: '2', title: 'Dashboard' },
  { name: 'explorer', key: '3', title: 'Explorer' },
  { name: 'runs', key: '4', title: 'Run folders' },
];

export interface AppProps {
  scenarios: ScenarioFile[];
  runsDir: string;
  runDir?: string;
  scenario?: string;
  crn?: string;
  /** With runDir: open the explorer on its pick lists. */
  lists?: boolean;
  initialSeed?: number;
  initialScale?: number;
  initialScreen?: ScreenName;
  /** Start `scenario` at once into this folder, then open its dashboard (what `npm start` does in a terminal). */
  autoStart?: string;
  /** Tests fix the size; a terminal gives its own. */
  size?: ScreenSize;
  random?: () => number;
  start?: typeof startRun;
}

function firstScreen(props: AppProps): ScreenName {
  if (props.initialScreen) return props.initialScreen;
  if (props.scenario) return 'run';
  if (props.runDir) return props.crn || props.lists ? 'explorer' : 'dashboard';
  return listRuns(props.runsDir).length > 0 ? 'runs' : 'run';
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const { width, height } = useScreenSize(props.size);
  const [screen, setScreen] = useState<ScreenName>(() => firstScreen(props));
  const [runDir, setRunDir] = useState<string | null>(props.runDir ?? null);
  const [locked, setLocked] = useState(false);
  const [help, setHelp] = useState(false);
  const [runKeys, setRunKeys] = useState<KeyHint[]>(runScreenKeys('scenario'));
  const [explorerKeys, setExplorerKeys] = useState<KeyHint[]>(EXPLORER_KEYS);
  // Bumped to re-list runs/ when a run finishes.
  const [runsVersion, setRunsVersion] = useState(0);
  // The explorer reads a run's tables when first shown, not before; after that it stays.
  const [visited, setVisited] = useState({ explorer: firstScreen(props) === 'explorer' });
  useEffect(() => {
    if (screen === 'explorer' && !visited.explorer) setVisited({ explorer: true });
  }, [screen]);

  const dashboard = useMemo((): { model: DashboardModel | null; error: string | null } => {
    if (!runDir) return { model: null, error: null };
    try {
      return { model: loadDashboard(runDir), error: null };
    } catch (error) {
      return { model: null, error: (error as Error).message };
    }
  }, [runDir, runsVersion]);
  const runs = useMemo(() => listRuns(props.runsDir), [props.runsDir, runsVersion, screen]);

  const open = (dir: string) => {
    setRunDir(dir);
    setScreen('dashboard');
  };

  useKeys((input, key) => {
    if (help) {
      setHelp(false);
      return;
    }
    if (locked) return;
    const target = SCREENS.find((s) => s.key === input);
    if (target) setScreen(target.name);
    else if (input === '?') setHelp(true);
    else if (input === 'q') exit();
    else if (key.escape) setScreen('runs');
  });

  const contentHeight = Math.max(6, height - 3);
  const noRun = (
    <Text dimColor>No run folder open: press 4 to choose one or 1 to run a scenario.</Text>
  );
  const hints: KeyHint[] =
    screen === 'dashboard' ? DASHBOARD_KEYS : screen === 'explorer' ? explorerKeys : screen === 'runs' ? RUNS_KEYS : runKeys;

  return (
    <ThemeProvider theme={uiTheme}>
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate">
          <Text bold>Pathways bench</Text>
          {SCREENS.map((s) => (
            <Text key={s.name}>
              {'  '}
              {s.name === screen ? (
                <Text bold underline color="cyan">
                  {s.key} {s.title}
                </Text>
              ) : (
                <Text dimColor>
                  {s.key} {s.title}
                </Text>
              )}
            </Text>
          ))}
        </Text>
        <Box flexDirection="column" height={contentHeight}>
          {help ? <HelpPanel screen={SCREENS.find((s) => s.name === screen)?.title ?? screen} hints={hints} /> : null}
          <Box display={help || screen !== 'run' ? 'none' : 'flex'} flexDirection="column">
            <RunScreen
              scenarios={props.scenarios}
              runsDir={props.runsDir}
              width={width}
              active={!help && screen === 'run'}
              initialScenario={props.scenario}
              initialSeed={props.initialSeed}
              initialScale={props.initialScale}
              autoStart={props.autoStart}
              onLock={setLocked}
              onKeys={setRunKeys}
              onFinished={(dir) => {
                setRunDir(dir);
                setRunsVersion((v) => v + 1);
              }}
              onOpen={open}
              start={props.start}
            />
          </Box>
          {/* Every screen stays mounted (hidden when not shown), so help and screen switches keep where it was. */}
          <Box display={help || screen !== 'dashboard' ? 'none' : 'flex'} flexDirection="column">
            {dashboard.model ? (
              <DashboardScreen key={runDir ?? ''} model={dashboard.model} width={width} height={contentHeight} active={!help && screen === 'dashboard'} />
            ) : dashboard.error ? (
              <Text color="red">{dashboard.error}</Text>
            ) : (
              noRun
            )}
          </Box>
          <Box display={help || screen !== 'explorer' ? 'none' : 'flex'} flexDirection="column">
            {runDir && visited.explorer ? (
              <ExplorerScreen
                key={runDir}
                runDir={runDir}
                width={width}
                height={contentHeight}
                active={!help && screen === 'explorer'}
                onLock={setLocked}
                initialCrn={props.crn}
                initialLists={props.lists}
                onKeys={setExplorerKeys}
                random={props.random}
              />
            ) : (
              noRun
            )}
          </Box>
          <Box display={help || screen !== 'runs' ? 'none' : 'flex'} flexDirection="column">
            <RunsScreen runs={runs} runsDir={props.runsDir} active={!help && screen === 'runs'} height={contentHeight} onOpen={open} />
          </Box>
        </Box>
        <HelpLine hints={hints} width={width} locked={locked} />
      </Box>
    </ThemeProvider>
  );
}
