/**
 * The top of a V8 CPU profile (`node --cpu-prof`): self time by source file and by function,
 * so a benchmark can say where its time went.
 */
import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileTop {
  totalMs: number;
  byFile: [string, number][];
  byFunction: [string, number][];
}

/** Several profiles (a process and its worker threads, one file each) are summed; a worker's idle time is left out. */
export function profileTop(paths: string | string[], root: string, n = 12): ProfileTop {
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
    const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
      const frame = nodeById.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)') return;
      total += us;
      const file = frame.url.replace(`file://${root}`, '').replace(/.*node_modules\//, '') || '(native / V8)';
      byFile.set(file, (byFile.get(file) ?? 0) + us);
      const fn = frame.url ? `${frame.functionName || '(anonymous)'} ${file.split('/').pop()}:${frame.lineNumber + 1}` : frame.functionName;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]): [string, number] => [k, us / 1000]);
  return { totalMs: total / 1000, byFile: top(byFile), byFunction: top(byFunction) };
}
