/** A small run with every stage (scale 0.02), whose run writes its report, for the report tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { ROOT } from '../helpers.ts';

export async function smallFullRun(prefix: string, seed = 42): Promise<{ parent: string; dir: string }> {
  const parent = mkdtempSync(join(tmpdir(), `pathways-report-${prefix}-`));
  const dir = join(parent, `run-${seed}`);
  await runPipeline({ scenario: loadScenario(join(ROOT, 'scenarios', 'baseline.yaml')), seed, scale: 0.02, format: 'csv', out: dir }, silent);
  return { parent, dir };
}
