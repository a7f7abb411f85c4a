/**
 * The study's models fitted on worker threads give the reports fitted on this thread, number for
 * number (failures and their reasons too), in the order of the specs asked for.
 */
import { describe, expect, it } from 'vitest';
import { makeTable, floatColumn, stringColumn, type Table } from '../../src/io/table.ts';
import { fitStudyModels, type ModelSpec } from '../../src/methods/reconviction/models.ts';
import { fitStudyModelsOnThreads, fitThreadCount } from '../../src/methods/reconviction/fit-threads.ts';

/** n rows in 5 regions, both requirement types, a 0/1 outcome from a logistic model of x and z. */
function simulated(n: number): Table {
  const region: string[] = [];
  const type: string[] = [];
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const y = new Float64Array(n);
  let seed = 777;
  const u = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    region.push(`R${i % 5}`);
    type.push(u() < 0.45 ? 'ATR' : 'DRR');
    x[i] = u() < 0.5 ? 1 : 0;
    z[i] = u() < 0.3 ? 1 : u() < 0.05 ? NaN : 0;
    const eta = -0.3 + 0.6 * x[i] - 0.4 * (z[i] || 0) + [0.2, -0.1, 0.05, -0.15, 0.1][i % 5];
    y[i] = u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return makeTable('t', {
    requirement_type: stringColumn(type),
    region: stringColumn(region),
    linked: floatColumn(y),
    reconvicted: floatColumn(y.map((v, i) => (i % 3 === 0 ? 1 - v : v))),
    x: floatColumn(x),
    z: floatColumn(z),
    constant: floatColumn(new Float64Array(n)),
  });
}

describe('fitting the study models on worker threads', () => {
  it('uses the cores from the main thread, one thread from a worker thread, and what the caller asks either way', () => {
    expect(fitThreadCount(6, undefined, true, 4)).toBe(4);
    expect(fitThreadCount(6, undefined, true, 16)).toBe(6);
    expect(fitThreadCount(6, undefined, false, 4)).toBe(1);
    expect(fitThreadCount(6, 3, false, 4)).toBe(3);
    expect(fitThreadCount(2, 3, true, 4)).toBe(2);
  });

  it('gives the same reports as fitting them here, in the order asked, failures included', async () => {
    const table = simulated(3000);
    const specs: ModelSpec[] = [
      { outcome: 'linked', group: 'ATR', terms: ['x', 'z'] },
      { outcome: 'linked', group: 'DRR', terms: ['x'] },
      { outcome: 'linked', group: 'all', terms: ['x', 'z'] },
      { outcome: 'reconvicted', group: 'ATR', terms: ['x', 'constant'] },
      { outcome: 'reconvicted', group: 'all', terms: ['z'] },
    ];
    const here = fitStudyModels(table, specs);
    const threaded = await fitStudyModelsOnThreads(table, specs, { threads: 2, minRows: 0 });
    expect(here.filter((r) => r.failure !== null)).toHaveLength(1);
    expect(threaded).toEqual(here);
    threaded.forEach((r, i) => expect(r.spec).toBe(specs[i]));
  }, 60_000);
});
