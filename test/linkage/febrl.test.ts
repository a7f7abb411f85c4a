/**
 * FEBRL, the standard small benchmark of record linkage (synthetic people from Peter
 * Christen's generator, as the Python Record Linkage Toolkit redistributes them), linked with
 * the settings shipped in examples/febrl/. The data are in examples/febrl/data/ (BSD-3, see its
 * README); PATHWAYS_FEBRL_DIR names another folder holding dataset3.csv, dataset4a.csv and
 * dataset4b.csv.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scoreResult } from '../../cli/commands/link-files.ts';
import { readCsvAsStrings } from '../../src/io/csv-read.ts';
import { linkTables, loadSettingsFile } from '../../src/methods/linkage/index.ts';
import { ROOT } from '../helpers.ts';
import { trueAgreement } from './agreement.ts';

const dir = process.env.PATHWAYS_FEBRL_DIR ?? join(ROOT, 'examples', 'febrl', 'data');
const present = ['dataset3.csv', 'dataset4a.csv', 'dataset4b.csv'].every((f) => existsSync(join(dir, f)));
// The data ship with the repository: a missing file is a broken checkout, not a reason to skip.
if (!present) throw new Error(`FEBRL data missing: ${dir} should hold dataset3.csv, dataset4a.csv and dataset4b.csv`);

const entity = (ids: (string | null)[]) => ids.map((id) => /^\s*rec-(\d+)/.exec(id ?? '')?.[1] ?? null);

describe('FEBRL', () => {
  it('4a x 4b: F1 at least 0.99 one-to-one, and m within 0.02 of the true agreement rates', async () => {
    const left = readCsvAsStrings(join(dir, 'dataset4a.csv'), '4a');
    const right = readCsvAsStrings(join(dir, 'dataset4b.csv'), '4b');
    const result = await linkTables(left, right, loadSettingsFile(join(ROOT, 'examples/febrl/link-4a-4b.yaml')));
    const scores = scoreResult(result)!;
    expect(scores['one-to-one'].overall.f1).toBeGreaterThanOrEqual(0.99);
    const agreement = trueAgreement(result, entity(left.columns.rec_id.values as string[]), entity(right.columns.rec_id.values as string[]));
    const report = [...agreement].map(([k, v]) => `${k}: m ${v.m.toFixed(4)} truth ${v.truth.toFixed(4)}`).join('\n');
    expect(agreement.size).toBeGreaterThanOrEqual(25);
    for (const [level, { m, truth }] of agreement) expect(Math.abs(m - truth), `${level}\n${report}`).toBeLessThanOrEqual(0.02);
  }, 120_000);

  it('dataset 3 deduplicated into clusters: F1 at least 0.95', async () => {
    const records = readCsvAsStrings(join(dir, 'dataset3.csv'), '3');
    const result = await linkTables(records, records, loadSettingsFile(join(ROOT, 'examples/febrl/dedupe-3.yaml')));
    expect(result.population.dedupe).toBe(true);
    expect(scoreResult(result)!.clusters.overall.f1).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
