/**
 * `run` starts the stages while the run folder's files are still being written: a table a
 * stage reads from the folder (not in memory) is read only once the folder is ready.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { baseline, tempDir } from '../helpers.ts';
import { makeViews } from '../../src/pipeline/views.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { studyFacts } from '../../src/study/facts.ts';
import { writeCsv } from '../../src/io/csv-write.ts';
import { makeTable, type Column } from '../../src/io/table.ts';
import { TABLES } from '../../src/records/tables.ts';

/** A column of one row. */
function oneRow(kind: Column['kind']): Column {
  switch (kind) {
    case 'string':
      return { kind, values: ['x'] };
    case 'float':
      return { kind, values: Float64Array.of(1.5) };
    case 'bool':
      return { kind, values: Uint8Array.of(1) };
    default:
      return { kind, values: Int32Array.of(19000) };
  }
}

describe('views on a run folder still being written', () => {
  it('read a table from the folder only once it is ready', async () => {
    const dir = tempDir('ready');
    mkdirSync(join(dir, 'observed'));
    const scenario = baseline();
    let open = (): void => {};
    const ready = new Promise<void>((resolve) => (open = resolve));
    const views = makeViews({ runDir: dir, tables: [], ready: (side, name) => (side === 'observed' && name === 'court_outcomes' ? ready : Promise.resolve()) }, { ...studyFacts(scenario.window), scale: 0.01, seed: 1 }, scenario, silent);
    const reading = views.records.observed('court_outcomes');
    let settled = false;
    reading.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Read now, the file would be missing.
    expect(settled).toBe(false);
    const columns = TABLES.court_outcomes.columns;
    await writeCsv(makeTable('court_outcomes', Object.fromEntries(Object.entries(columns).map(([name, kind]) => [name, oneRow(kind)]))), join(dir, 'observed', 'court_outcomes.csv'));
    open();
    const table = await reading;
    expect(table.rowCount).toBe(1);
    expect(Object.keys(table.columns)).toEqual(Object.keys(columns));
  });
});
