/**
 * Start-up: `pathways --help` as a user's shell runs it (cli/bin.js, the compiled CLI in dist/)
 * beside the same command from the TypeScript sources under tsx, and bare `node` for the floor.
 * Each is a fresh child process, run in turn so that the machine's load falls on all alike.
 * Target: under 150 ms for the compiled CLI.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './benchmark.ts';
import { buildState } from '../cli/build-stamp.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);

const variants: { name: string; args: string[] }[] = [
  { name: 'node -e 0 (the floor)', args: ['-e', '0'] },
  { name: 'pathways --help (dist/)', args: ['cli/bin.js', '--help'] },
  { name: 'pathways --help (tsx)', args: ['--import', 'tsx', 'cli/pathways.ts', '--help'] },
];

/**
 * CPU seconds of this process's finished children (user + system, /proc/self/stat fields 16
 * and 17, in clock ticks of 10 ms): on a shared machine the wall time carries the others' load,
 * the CPU time much less of it.
 */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: `wall time of \`pathways --help\`, compiled and under tsx (${RUNS} runs each, interleaved)`,
  async run() {
    const state = buildState(ROOT);
    if (state !== 'current') console.log(`dist/ is ${state}: cli/bin.js falls back to tsx; run \`npm run build\` first for the compiled figure`);
    const times = variants.map(() => [] as number[]);
    const cpu = variants.map(() => 0);
    for (let i = 0; i < RUNS + 1; i++) {
      variants.forEach((v, j) => {
        const t = performance.now();
        const c = childrenCpuMs();
        const r = spawnSync(process.execPath, v.args, { cwd: ROOT, encoding: 'utf8' });
        const ms = performance.now() - t;
        if (r.status !== 0) throw new Error(`${v.name} failed: ${r.stderr}`);
        // The first round warms the file cache and is not counted.
        if (i > 0) {
          times[j].push(ms);
          cpu[j] += childrenCpuMs() - c;
        }
      });
    }
    variants.forEach((v, j) => {
      const t = times[j];
      console.log(`${v.name.padEnd(26)} median ${median(t).toFixed(0).padStart(5)} ms  (min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)});  CPU ${(cpu[j] / t.length).toFixed(0)} ms a run`);
    });
  },
};
