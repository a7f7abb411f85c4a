/**
 * The results.json contract (DESIGN.md, Contracts): one entry per estimate, each beside the
 * truth computed on the world and, where the study has it, the published figure.
 */
import { z } from 'zod';

export const unitSchema = z.enum(['pct', 'count', 'days', 'ratio', 'odds_ratio', 'coef', 'variance', 'loglik']);
export type Unit = z.infer<typeof unitSchema>;

export const estimateSchema = z
  .object({
    id: z.string().min(1),
    group: z.string().min(1),
    estimate: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    truth: z.number().nullable(),
    published: z.number().nullable(),
    unit: unitSchema,
    method: z.string().min(1),
    /** Optional words for a reader: what was counted, caveats. */
    note: z.string().optional(),
  })
  .strict();
export type Estimate = z.infer<typeof estimateSchema>;

/** What a method stage produces before evaluation puts truth and the published figure beside it. */
export type MethodEstimate = Omit<Estimate, 'truth' | 'published'>;

export const resultsSchema = z
  .object({
    schemaVersion: z.literal(1),
    scenario: z.string(),
    seed: z.number().int(),
    scale: z.number().positive(),
    packageVersion: z.string(),
    stages: z.array(z.string()),
    estimates: z.array(estimateSchema),
  })
  .strict();
export type Results = z.infer<typeof resultsSchema>;

export function estimateKey(e: { id: string; group: string }): string {
  return `${e.id}\u0000${e.group}`;
}
