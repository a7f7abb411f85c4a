/** The study's published figures, keyed by id + group (each with its section of the study; docs/reading-the-study.md says how some are read). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const targetSchema = z.object({
  id: z.string(),
  description: z.string(),
  group: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string(),
  denominator: z.string().nullable(),
  source: z.string(),
});
export type Target = z.infer<typeof targetSchema>;

let cache: Target[] | null = null;

export function loadTargets(): Target[] {
  if (!cache) {
    const path = fileURLToPath(new URL('./reference/targets.json', import.meta.url));
    cache = z.array(targetSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
  }
  return cache;
}

/**
 * The published value for id + group, or null. Ranges such as "15-17" have no single value
 * and return null; counts are multiplied by `scale` (DESIGN.md: counts at --scale s compare
 * with the published count times s).
 */
export function publishedValue(id: string, group: string, scale: number): number | null {
  const target = loadTargets().find((t) => t.id === id && t.group === group);
  if (!target || typeof target.value !== 'number') return null;
  return target.unit === 'count' ? target.value * scale : target.value;
}
