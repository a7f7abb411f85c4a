/**
 * The truths consistent with the published figures, from the identify results shipped with the
 * bench (reports/identify/NAME: identify.json and posterior.csv): what a headline shows beside
 * a run's "truth in this scenario" when a plan was run on that run's scenario.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../io/package-root.ts';
import { estimateKey } from '../results/estimate.ts';

export interface ConsistentRange {
  low: number;
  high: number;
  level: number;
  plan: string;
  worlds: number;
  accepted: number;
}

/** CSV lines of plain fields (posterior.csv quotes nothing but a quantity with a comma). */
function rows(text: string): Record<string, string>[] {
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') (out.push(cur), (cur = ''));
      else cur += c;
    }
    out.push(cur);
    return out;
  };
  const [head, ...lines] = text.split('\n').filter((l) => l !== '');
  const names = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [names[i], v])));
}

/**
 * Per estimate (id and group), the interval of its truth across the accepted worlds of each
 * identify result run on `scenario`; when two plans cover one estimate, the one with more
 * accepted worlds.
 */
export function consistentRanges(scenario: string, root = join(packageRoot(), 'reports', 'identify')): Map<string, ConsistentRange> {
  const out = new Map<string, ConsistentRange>();
  if (!existsSync(root)) return out;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (name.startsWith('.') || !existsSync(join(dir, 'identify.json')) || !existsSync(join(dir, 'posterior.csv'))) continue;
    const record = JSON.parse(readFileSync(join(dir, 'identify.json'), 'utf8')) as { scenario: string; plan: { name: string; level: number }; draws: number; accepted: number };
    if (record.scenario !== scenario) continue;
    for (const r of rows(readFileSync(join(dir, 'posterior.csv'), 'utf8'))) {
      if (r.kind !== 'truth' || r.accepted_low === '' || r.accepted_high === '') continue;
      const key = estimateKey({ id: r.id, group: r.group });
      const accepted = Number(r.accepted_n);
      const have = out.get(key);
      if (have && have.accepted >= accepted) continue;
      out.set(key, { low: Number(r.accepted_low), high: Number(r.accepted_high), level: record.plan.level, plan: record.plan.name, worlds: record.draws, accepted });
    }
  }
  return out;
}

/** "55.0-83.0 (90%, 41 of 200 worlds, plan engagement)". */
export function describeRange(r: ConsistentRange, format: (x: number) => string): string {
  return `${format(r.low)}–${format(r.high)} (${Math.round(r.level * 100)}%, ${r.accepted} of ${r.worlds} worlds, plan ${r.plan})`;
}
