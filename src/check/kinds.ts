/**
 * What `pathways check` can test, as data: for each kind, the placeholders its tool template
 * must hold, the metrics its properties may name, the files a kept world holds, the worlds it
 * draws and how one world is run. The check itself (draw, judge, shrink, keep) is the same for
 * every kind.
 */
import type fc from 'fast-check';
import type { Scenario } from '../scenario/schema.ts';
import { fitWorld, linkageWorld, notesWorld, type SmallScaleOptions, type WorldDraw } from './arbitraries.ts';
import { LINK_FILES, runLinkWorld } from './link.ts';
import type { WorldOutcome } from './outcome.ts';
import { CLASSIFY_FILES, CLASSIFY_METRICS, runClassifyWorld } from './classify.ts';
import { FIT_FILES, FIT_METRICS, runFitWorld } from './fit.ts';
import { LINK_METRICS } from './property.ts';
import type { ToolTemplate } from './tool.ts';
import { WorldCache } from './world.ts';

export interface DrawOptions {
  base: Scenario;
  /** The highest identifier error rate drawn (link). */
  maxNoise: number;
  scale?: SmallScaleOptions;
}

/** Runs one drawn world in `dir`; `shownDir` is where its files are kept if it fails. */
export type WorldRunner = (scenario: Scenario, draw: WorldDraw, tool: ToolTemplate, dir: string, timeoutSeconds: number, shownDir: string) => Promise<WorldOutcome>;

export interface CheckKind {
  name: string;
  /** Placeholders the --tool template must hold, the output last. */
  placeholders: readonly string[];
  metrics: readonly string[];
  /**
   * The metrics that are judged over all the runs of a check, not world by world (fit's
   * coverage): no one world fails them, so they are reported with their worst worlds, not shrunk.
   */
  overRuns: readonly string[];
  /** The input and output files of a world, as kept. */
  files: readonly string[];
  /** What the drawn knobs are, in a few words (for messages). */
  knobs: string;
  arbitrary(o: DrawOptions): fc.Arbitrary<WorldDraw>;
  /** A runner for one check: it may keep what later worlds of the same check reuse. */
  runner(o: RunnerOptions): WorldRunner;
}

export interface RunnerOptions {
  /** Fit: the nominal level of the tool's intervals, passed as {level}. */
  level: number;
}

export const CHECK_KINDS: Record<'link' | 'classify' | 'fit', CheckKind> = {
  link: {
    name: 'link',
    placeholders: ['left', 'right', 'out'],
    metrics: LINK_METRICS,
    overRuns: [],
    files: Object.values(LINK_FILES),
    knobs: 'identifier error rates',
    arbitrary: (o) => linkageWorld({ maxRate: o.maxNoise, ...o.scale }),
    runner: () => {
      const worlds = new WorldCache();
      return (scenario, draw, tool, dir, timeout, shownDir) => runLinkWorld(scenario, draw, tool, dir, timeout, worlds, shownDir);
    },
  },
  classify: {
    name: 'classify',
    placeholders: ['notes', 'out'],
    metrics: CLASSIFY_METRICS,
    overRuns: [],
    files: Object.values(CLASSIFY_FILES),
    knobs: 'notes knobs',
    arbitrary: (o) => notesWorld(o.base, o.scale),
    runner: () => (scenario, draw, tool, dir, timeout, shownDir) => runClassifyWorld(scenario, draw, tool, dir, timeout, shownDir),
  },
  fit: {
    name: 'fit',
    placeholders: ['data', 'out'],
    metrics: FIT_METRICS,
    overRuns: FIT_METRICS,
    files: Object.values(FIT_FILES),
    knobs: 'reconviction coefficients',
    arbitrary: (o) => fitWorld(o.base, o.scale),
    runner: (r) => (scenario, draw, tool, dir, timeout, shownDir) => runFitWorld(scenario, draw, tool, dir, timeout, shownDir, r.level),
  },
};

export type CheckKindName = keyof typeof CHECK_KINDS;
