/**
 * `npm run bench -- linkage`: the independent two-file link (bench/two-file/generate.ts; by
 * default 50,000 people x 500,000 treatment episodes, 25,000 true pairs) run as a user would:
 * `pathways link --left --right` with examples/two-file/settings.yaml in a child process (so the
 * wall time includes start-up, reading the CSVs, training and writing), then
 * `pathways score-links` in file mode against the truth files. Prints wall time, peak RSS,
 * candidate pairs compared per second, precision, recall and F1 for each resolution mode.
 *
 * Knobs (environment): BENCH_TWO_FILE_SCALE (1), BENCH_TWO_FILE_SEED (2026),
 * BENCH_LINK_RESOLVE (comma-separated modes of `link --resolve`; default best-right,one-to-one),
 * BENCH_TWO_FILE_DIR (write the set there and keep it, instead of a temporary folder),
 * BENCH_CPU_PROF=1 (profile each link with `node --cpu-prof` and print where its CPU time went),
 * BENCH_FEBRL=0 (skip the FEBRL lines: 4a x 4b one-to-one, dataset 3 deduplicated into clusters).
 * Target: under 2 s wall at F1 >= 0.95 with one-to-one or per-right resolution.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../benchmark.ts';
import { buildState } from '../../cli/build-stamp.mjs';
import { DEFAULT_TWO_FILE, generateTwoFile } from './generate.ts';
import { profileTop } from './profile.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TWO_FILE_SETTINGS = join(ROOT, 'examples', 'two-file', 'settings.yaml');

export interface LinkRun {
  resolve: string;
  wallSeconds: number;
  /** User + system CPU of the link process (the machine may be shared: wall waits for a core, CPU does not). */
  cpuSeconds: number;
  peakRssMiB: number;
  candidatePairs: number;
  uSamplePairs: number;
  links: number;
  precision: number;
  recall: number;
  f1: number;
  /** The engine's own step timings, as `link` prints them. */
  steps: string[];
}

/** `pathways link` through the published binary, as a user's shell runs it, then scored. */
export function linkAndScore(set: { left: string; right: string; leftTruth: string; rightTruth: string }, out: string, resolve: string, nodeArgs: string[] = []): LinkRun {
  const bin = join(ROOT, 'cli', 'bin.js');
  const started = performance.now();
  const link = spawnSync(
    process.execPath,
    ['--max-semi-space-size=64', ...nodeArgs, bin, 'link', '--left', set.left, '--right', set.right, '--settings', TWO_FILE_SETTINGS, '--out', out, '--resolve', resolve, '--force'],
    { encoding: 'utf8', env: { ...process.env, PATHWAYS_PEAK_RSS: '1' }, maxBuffer: 1 << 26 },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  if (link.status !== 0) throw new Error(`link --resolve ${resolve} failed (exit ${link.status}): ${link.stderr}`);
  const score = spawnSync(process.execPath, [bin, 'score-links', '--links', join(out, 'links.csv'), '--truth-left', set.leftTruth, '--truth-right', set.rightTruth], { encoding: 'utf8' });
  if (score.status !== 0) throw new Error(`score-links failed: ${score.stderr}`);
  const overall = (JSON.parse(score.stdout) as { overall: { predicted: number; precision: number; recall: number; f1: number } }).overall;
  const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { u_sample_pairs?: number };
  return {
    resolve,
    wallSeconds,
    cpuSeconds: Number(/cpu-ms (\d+)/.exec(link.stderr)?.[1]) / 1000,
    peakRssMiB: Number(/peak-rss-kb (\d+)/.exec(link.stderr)?.[1]) / 1024,
    candidatePairs: Number(/from (\d+) candidate pairs/.exec(link.stdout)?.[1]),
    uSamplePairs: model.u_sample_pairs ?? 0,
    links: overall.predicted,
    precision: overall.precision,
    recall: overall.recall,
    f1: overall.f1,
    steps: link.stderr.split('\n').filter((l) => /^\s+\w+\s+[\d.]+ s/.test(l)).map((l) => l.trim()),
  };
}

export interface FebrlRun {
  name: string;
  resolve: string;
  wallSeconds: number;
  cpuSeconds: number;
  candidatePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * FEBRL, the standard small benchmark, with the settings shipped in examples/febrl/: the wall
 * time of `pathways link` as a shell runs it (start-up included) and the F1 the link's own
 * scores.json gives for the resolution mode asked for (truth from the record ids).
 */
export function febrlRun(name: string, args: string[], resolve: string, out: string): FebrlRun {
  const bin = join(ROOT, 'cli', 'bin.js');
  const started = performance.now();
  const link = spawnSync(process.execPath, ['--max-semi-space-size=64', bin, 'link', ...args, '--out', out, '--resolve', resolve, '--force', '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, PATHWAYS_PEAK_RSS: '1' },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (link.status !== 0) throw new Error(`FEBRL ${name} link failed (exit ${link.status}): ${link.stderr}`);
  const scores = JSON.parse(readFileSync(join(out, 'scores.json'), 'utf8')) as Record<string, { overall: { precision: number; recall: number; f1: number } }>;
  const overall = scores[resolve].overall;
  return {
    name,
    resolve,
    wallSeconds,
    cpuSeconds: Number(/cpu-ms (\d+)/.exec(link.stderr)?.[1]) / 1000,
    candidatePairs: Number(/from (\d+) candidate pairs/.exec(link.stdout)?.[1]),
    precision: overall.precision,
    recall: overall.recall,
    f1: overall.f1,
  };
}

const FEBRL = join(ROOT, 'examples', 'febrl');

/** The two FEBRL links issue 14 sets targets for: 4a x 4b (F1 >= 0.99 in under 3 s wall) and dataset 3 deduplicated (F1 >= 0.95). */
export function febrlRuns(work: string): FebrlRun[] {
  const data = join(FEBRL, 'data');
  return [
    febrlRun(
      'dataset4a x dataset4b',
      ['--left', join(data, 'dataset4a.csv'), '--right', join(data, 'dataset4b.csv'), '--settings', join(FEBRL, 'link-4a-4b.yaml')],
      'one-to-one',
      join(work, 'febrl-4a-4b'),
    ),
    febrlRun('dataset3 deduplicated', ['--left', join(data, 'dataset3.csv'), '--settings', join(FEBRL, 'dedupe-3.yaml')], 'clusters', join(work, 'febrl-3')),
  ];
}

export const linkageTwoFileBenchmark: Benchmark = {
  name: 'linkage',
  description: 'independent two-file link (50,000 people x 500,000 episodes) through `pathways link`, scored with `score-links`',
  async run() {
    const scale = Number(process.env.BENCH_TWO_FILE_SCALE ?? 1);
    const options = {
      leftPeople: Math.round(DEFAULT_TWO_FILE.leftPeople * scale),
      rightEpisodes: Math.round(DEFAULT_TWO_FILE.rightEpisodes * scale),
      truePairs: Math.round(DEFAULT_TWO_FILE.truePairs * scale),
      seed: Number(process.env.BENCH_TWO_FILE_SEED ?? DEFAULT_TWO_FILE.seed),
    };
    const keep = process.env.BENCH_TWO_FILE_DIR;
    const work = keep ?? mkdtempSync(join(tmpdir(), 'pathways-two-file-'));
    try {
      const state = buildState(ROOT);
      if (state !== 'current') console.log(`dist/ is ${state}: the CLI runs under tsx (about 0.5 s more start-up); \`npm run build\` first for the shipped figure`);
      const t0 = performance.now();
      const set = generateTwoFile(join(work, 'data'), options);
      console.log(
        `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (not counted): ${options.leftPeople} left people, ${options.rightEpisodes} episodes, ` +
          `${options.truePairs} true pairs (${set.leftInTreatment} left people in treatment), seed ${options.seed}`,
      );
      const modes = (process.env.BENCH_LINK_RESOLVE ?? 'best-right,one-to-one').split(',').map((m) => m.trim()).filter(Boolean);
      for (const resolve of modes) {
        const profileDir = join(work, `profile-${resolve}`);
        const r = linkAndScore(set, join(work, `links-${resolve}`), resolve, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
        console.log(`--resolve ${resolve}: ${r.steps.join('; ')}`);
        console.log(
          `  wall ${r.wallSeconds.toFixed(2)} s (whole process incl. start-up; CPU ${r.cpuSeconds.toFixed(2)} s)  peak RSS ${r.peakRssMiB.toFixed(0)} MiB  ` +
            `candidate pairs ${r.candidatePairs.toLocaleString('en-GB')} (${Math.round(r.candidatePairs / r.wallSeconds).toLocaleString('en-GB')} per second of wall; ` +
            `${Math.round((r.candidatePairs + r.uSamplePairs) / r.wallSeconds).toLocaleString('en-GB')} with the ${r.uSamplePairs.toLocaleString('en-GB')} u-sample pairs)`,
        );
        console.log(`  links ${r.links}  precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  F1 ${r.f1.toFixed(4)}`);
        if (process.env.BENCH_CPU_PROF) {
          const top = profileTop(readdirSync(profileDir).map((f) => join(profileDir, f)), ROOT);
          console.log(`  CPU profile (the process and its worker threads, idle left out): ${top.totalMs.toFixed(0)} ms sampled; self time by file, then by function:`);
          for (const [name, ms] of [...top.byFile, ['--', 0] as [string, number], ...top.byFunction]) {
            console.log(name === '--' ? '' : `    ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / top.totalMs).toFixed(1).padStart(5)}%  ${name}`);
          }
        }
      }
      if (process.env.BENCH_FEBRL !== '0') {
        for (const r of febrlRuns(work)) {
          console.log(
            `FEBRL ${r.name} (--resolve ${r.resolve}): wall ${r.wallSeconds.toFixed(2)} s (incl. start-up; CPU ${r.cpuSeconds.toFixed(2)} s)  ` +
              `candidate pairs ${r.candidatePairs.toLocaleString('en-GB')}  precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  F1 ${r.f1.toFixed(4)}`,
          );
        }
      }
    } finally {
      if (!keep && existsSync(work)) rmSync(work, { recursive: true, force: true });
    }
  },
};
