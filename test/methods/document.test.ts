/**
 * The methods document: the study's file is the defaults; layers merge in order (scenario
 * block, --methods file, flags); bad documents are refused before any work with one line
 * naming the path and the rule, exit 2, nothing written; the manifest records the resolved
 * document and its hash.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methodsFileLayer, methodsFromRecord, resolveMethods, studyMethods } from '../../src/methods/load.ts';
import { defaultSettings } from '../../src/methods/linkage/default-settings.ts';
import { ROOT, cli } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathways-methods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the methods document', () => {
  it("scenarios/methods/study.yaml is the study's defaults, and a recorded document reads back to the same hash", () => {
    const study = resolveMethods([methodsFileLayer(`${ROOT}scenarios/methods/study.yaml`)]);
    const defaults = studyMethods();
    expect(study.document).toEqual(defaults.document);
    expect(study.hash).toBe(defaults.hash);
    expect(defaults.document.linkage.settings).toEqual(defaultSettings());
    expect(methodsFromRecord(JSON.parse(JSON.stringify(defaults.document)), 'manifest').hash).toBe(defaults.hash);
  });

  it('layers merge key by key, the later over the earlier, and any change changes the hash', () => {
    const resolved = resolveMethods([
      { source: 'scenario', doc: { notes: { classifier: 'rules', sample: 100 } } },
      { source: 'file', doc: { notes: { sample: 200 }, linkage: { threshold: { match_probability: 0.99 } } } },
      { source: 'flags', doc: { notes: { bootstrap: 10 } } },
    ]);
    expect(resolved.document.notes).toMatchObject({ classifier: 'rules', sample: 200, review: 324, bootstrap: 10 });
    expect(resolved.document.linkage.threshold).toEqual({ match_probability: 0.99 });
    expect(resolved.sources.slice(1)).toEqual(['scenario', 'file', 'flags']);
    expect(resolved.hash).not.toBe(studyMethods().hash);
  });

  it('a settings file is read relative to the document that names it', () => {
    const text = readFileSync(`${ROOT}src/methods/linkage/default-settings.yaml`, 'utf8');
    expect(text).toMatch(/match_probability: 0\.5\b/);
    file('settings.yaml', text.replace(/match_probability: 0\.5\b/, 'match_probability: 0.97'));
    const doc = file('relative.yaml', 'linkage:\n  settings: settings.yaml\n');
    const resolved = resolveMethods([methodsFileLayer(doc)]);
    expect(resolved.document.linkage.settings.threshold).toEqual({ match_probability: 0.97 });
    expect(resolved.document.linkage.settings.comparisons).toEqual(defaultSettings().comparisons);
  });

  it.each([
    ['unknown key', 'notes:\n  clasifier: rules\n', /^pathways: .*unknown\.yaml: notes\.clasifier: unknown key$/],
    ['classifier that does not exist', 'notes:\n  classifier: bert\n', /^pathways: .*bert\.yaml: notes\.classifier: .*"rules".*got "bert"$/],
    ['threshold of 1.5', 'linkage:\n  threshold: { match_probability: 1.5 }\n', /^pathways: .*threshold\.yaml: linkage\.threshold\.match_probability: must be < 1, got 1\.5$/],
    ['settings file that is not there', 'linkage:\n  settings: nowhere.yaml\n', /^pathways: .*missing\.yaml: linkage\.settings: cannot read .*nowhere\.yaml: no such file/],
  ])('a %s is refused before any work: one line, exit 2, nothing written', (_, text, message) => {
    const name = { 'unknown key': 'unknown', 'classifier that does not exist': 'bert', 'threshold of 1.5': 'threshold' }[_] ?? 'missing';
    const methods = file(`${name}.yaml`, text);
    const out = join(dir, `run-${name}`);
    const before = readdirSync(dir).length;
    const result = cli(['run', '--scale', '0.01', '--methods', methods, '--progress', 'none', '--out', out]);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).length).toBe(before);
  });

  it("a scenario's methods: block is validated the same way and names the scenario", () => {
    const scenario = file('with-methods.yaml', `extends: ${ROOT}scenarios/baseline.yaml\nmethods:\n  notes:\n    sample: 0\n`);
    const result = cli(['generate', '--scale', '0.01', '--scenario', scenario, '--progress', 'none', '--out', join(dir, 'never')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/with-methods\.yaml: methods: notes\.sample: must be >= 1, got 0$/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it("the manifest records the resolved document, its hash and its layers; a scenario's block takes part, the --methods file over it", () => {
    const scenario = file('block.yaml', `extends: ${ROOT}scenarios/baseline.yaml\nmethods:\n  notes:\n    sample: 400\n    review: 40\n`);
    const methods = file('over.yaml', 'notes:\n  sample: 500\n');
    const out = join(dir, 'generated');
    const result = cli(['generate', '--scale', '0.01', '--format', 'csv', '--scenario', scenario, '--methods', methods, '--progress', 'none', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.methods.document.notes).toMatchObject({ sample: 500, review: 40 });
    expect(manifest.methods.hash).toBe(methodsFromRecord(manifest.methods.document, 'manifest').hash);
    expect(manifest.methods.sources).toHaveLength(3);
    // The scenario's hash is the world's: a methods block does not change it.
    const plain = cli(['generate', '--scale', '0.01', '--format', 'csv', '--progress', 'none', '--out', join(dir, 'plain')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(manifest.scenario.hash).toBe(JSON.parse(readFileSync(join(dir, 'plain', 'manifest.json'), 'utf8')).scenario.hash);
  });
});
