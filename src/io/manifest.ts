/**
 * manifest.json: what a run folder holds and how it was made. No timestamps or host names, so
 * the same scenario, seed and scale give a byte-identical manifest in any process.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  scenario: z.object({ name: z.string(), path: z.string(), hash: z.string() }),
  seed: z.number().int(),
  scale: z.number().positive(),
  format: z.enum(['csv', 'parquet', 'both']),
  packageVersion: z.string(),
  rowCounts: z.record(z.string(), z.number().int()),
  tables: z.record(z.string(), z.object({ side: z.enum(['observed', 'truth']), files: z.array(z.string()) })),
  files: z.record(z.string(), z.string()),
  /** The methods document the run's stages start from (resolved: its linkage settings inline), its hash and its layers. */
  methods: z.object({ hash: z.string(), sources: z.array(z.string()), document: z.unknown() }).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function readManifest(runDir: string): Manifest {
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) throw new InputError(`${runDir}: not a run folder (no manifest.json); make one with \`pathways generate\``);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new InputError(`${path}: not a manifest this version reads (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  return parsed.data;
}
