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
    /** The stage that produced it and the hash of the methods document it ran with. */
    stage: z.string().optional(),
    methods: z.string().optional(),
  })
  .strict();
export type Estimate = z.infer<typeof estimateSchema>;

/** What a method stage produces before evaluation puts truth and the published figure beside it. */
export type MethodEstimate = Omit<Estimate, 'truth' | 'published' | 'stage' | 'methods'>;

/** A stage that ran, with the methods document (by hash) it ran with. */
export const stageRunSchema = z.strictObject({ name: z.string().min(1), methods: z.string().nullable() });
export type StageRun = z.infer<typeof stageRunSchema>;

/**
 * What each estimate's `truth` is: the value on this one synthetic world, whose true rates the
 * scenario chose. Other worlds reproduce the published figures as well with other truths;
 * `pathways identify` gives the range of truths consistent with them.
 */
export const TRUTH_MEANS = 'truth in this scenario: the same quantity on this synthetic world, whose true rates the scenario chose; other worlds consistent with the published figures have other truths (pathways identify)';

export const resultsSchema = z
  .object({
    schemaVersion: z.literal(2),
    truthMeans: z.string().optional(),
    scenario: z.string(),
    seed: z.number().int(),
    scale: z.number().positive(),
    packageVersion: z.string(),
    stages: z.array(stageRunSchema),
    /** Each methods document a stage ran with, by its hash (the linkage settings inline). */
    methods: z.record(z.string(), z.unknown()),
    estimates: z.array(estimateSchema),
  })
  .strict();

/** results.json as the first version wrote it: stage names only, no methods documents. */
const resultsV1Schema = resultsSchema.extend({ schemaVersion: z.literal(1), stages: z.array(z.string()), methods: z.undefined().optional() });

/** Read either version; a version 1 file's stages ran with a document nobody recorded. */
export function parseResults(value: unknown): Results {
  const v1 = resultsV1Schema.safeParse(value);
  if (v1.success) return { ...v1.data, schemaVersion: 2, stages: v1.data.stages.map((name) => ({ name, methods: null })), methods: {} };
  return resultsSchema.parse(value);
}

export function stageNames(results: Pick<Results, 'stages'>): string[] {
  return results.stages.map((s) => s.name);
}
export type Results = z.infer<typeof resultsSchema>;

export function estimateKey(e: { id: string; group: string }): string {
  return `${e.id}\u0000${e.group}`;
}
