/** What each benchmark file exports: a name for `npm run bench -- NAME` and a run that prints its figures. */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

/** Peak resident set size of this process so far, in MiB (Linux reports VmHWM). */
export async function peakRssMiB(): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1048576;
}
