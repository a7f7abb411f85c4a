import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenarioDocument, deepMerge, validateScenario, loadScenario } from '../../src/scenario/load.ts';
import { ROOT, cli, tempDir } from '../helpers.ts';

const base = () => readScenarioDocument(`${ROOT}scenarios/baseline.yaml`);
const problem = (edit: Record<string, unknown>) => {
  try {
    validateScenario(deepMerge(base(), edit), 'test.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('scenario validation', () => {
  it('accepts every shipped scenario', () => {
    for (const name of ['baseline', 'clean', 'nhs-number']) expect(() => loadScenario(`${ROOT}scenarios/${name}.yaml`)).not.toThrow();
  });

  it('names the path and the rule for a probability above 1', () => {
    expect(problem({ noise: { ndtms: { dob: { transpose: 1.5 } } } })).toBe('test.yaml: noise.ndtms.dob.transpose: must be <= 1, got 1.5');
  });

  it('refuses an unknown key, naming it', () => {
    expect(problem({ noise: { ndtms: { dob: { tranpose: 0.1 } } } })).toBe('test.yaml: noise.ndtms.dob.tranpose: unknown key');
  });

  it('refuses shares that do not sum to 1', () => {
    expect(problem({ people: { region: { N07: 0.03 } } })).toBe('test.yaml: people.region: shares must sum to 1, got 0.9');
  });

  it('refuses a start date after the end date', () => {
    expect(problem({ window: { start: '2024-01-01' } })).toBe('test.yaml: window.start: start must be before end');
  });

  it('refuses a negative probability', () => {
    expect(problem({ treatment: { cjit_contact: { ATR: -0.1 } } })).toBe('test.yaml: treatment.cjit_contact.ATR: must be >= 0, got -0.1');
  });

  it('takes a model coefficient as one number or one per requirement type, and names what is wrong with either', () => {
    const coefficient = (value: unknown) => problem({ reconviction: { model: { coefficients: { male: value } } } });
    expect(coefficient(0.3)).toBe('no error');
    expect(coefficient({ ATR: 0.3, DRR: 0.1 })).toBe('no error');
    expect(coefficient({ ATR: 0.3 })).toBe('test.yaml: reconviction.model.coefficients.male.DRR: required (number)');
    expect(coefficient({ ATR: 0.3, DRR: 0.1, all: 0.2 })).toBe('test.yaml: reconviction.model.coefficients.male.all: unknown key');
    expect(coefficient({ ATR: 0.3, DRR: 'high' })).toBe('test.yaml: reconviction.model.coefficients.male.DRR: must be number, got "high"');
    expect(coefficient('high')).toBe('test.yaml: reconviction.model.coefficients.male: must be a number or one per requirement type ({ ATR: number, DRR: number }), got "high"');
  });

  it('is refused by the CLI before any work: one line, exit 2, no output folder', () => {
    const dir = tempDir('bad');
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `extends: ${ROOT}scenarios/baseline.yaml\nname: bad\nnoise:\n  ndtms:\n    dob:\n      transpose: 1.5\n`);
    const out = join(dir, 'run');
    const result = cli(['generate', '--scenario', file, '--scale', '0.01', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`pathways: ${file}: noise.ndtms.dob.transpose: must be <= 1, got 1.5`]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a scale outside 0.01-4 and a bad seed with exit 2', () => {
    const bad = cli(['generate', '--scale', '5', '--out', join(tmpdir(), 'never')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--scale: must be a number from 0.01 to 4, got "5"');
    const seed = cli(['generate', '--seed', '-1', '--out', join(tmpdir(), 'never')]);
    expect(seed.status).toBe(2);
  });
});
