/** Byte-identical outputs across processes, and no half-written run folder on failure. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { cli, ROOT, tempDir } from '../helpers.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { silent } from '../../src/pipeline/progress.ts';
import type { Stage } from '../../src/pipeline/stage.ts';
import { stageRunFolder } from '../../src/io/run-folder.ts';

describe('run folders', () => {
  it('the same scenario and seed give byte-identical files in two processes', () => {
    const dir = tempDir('det');
    for (const name of ['a', 'b']) {
      const r = cli(['run', '--scale', '0.02', '--seed', '5', '--format', 'both', '--progress', 'none', '--out', join(dir, name)]);
      expect(r.status, r.stderr).toBe(0);
    }
    const files = (name: string) => readdirSync(join(dir, name), { recursive: true }).map(String).filter((f) => /\.(csv|parquet|json|md)$/.test(f)).sort();
    expect(files('a')).toEqual(files('b'));
    expect(files('a').length).toBeGreaterThan(30);
    for (const f of files('a')) expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f))), f).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'a', 'manifest.json'), 'utf8'));
    expect(manifest.rowCounts.ndelius_requirements).toBeGreaterThan(900);
    expect(Object.keys(manifest.rowCounts)).toContain('ndtms_community');
  });

  it('a different seed gives a different world', () => {
    const dir = tempDir('seed');
    for (const seed of ['1', '2']) expect(cli(['generate', '--scale', '0.01', '--seed', seed, '--format', 'csv', '--progress', 'none', '--out', join(dir, seed)]).status).toBe(0);
    const a = readFileSync(join(dir, '1', 'observed', 'ndelius_requirements.csv'));
    expect(a.equals(readFileSync(join(dir, '2', 'observed', 'ndelius_requirements.csv')))).toBe(false);
  });

  it('a stage that throws leaves no output folder and no staging folder', async () => {
    const dir = tempDir('throw');
    const out = join(dir, 'run');
    const failing: Stage = { name: 'boom', description: 'fails mid-way', needs: [], inputs: (records) => records, method: async () => { throw new Error('boom'); }, evaluate: async () => [] };
    const scenario = loadScenario(`${ROOT}scenarios/baseline.yaml`);
    await expect(runPipeline({ scenario, seed: 1, scale: 0.01, format: 'csv', out, stages: [failing] }, silent)).rejects.toThrow('boom');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('Ctrl-C during a run leaves no output folder and no staging folder', async () => {
    const dir = tempDir('int');
    const out = join(dir, 'run');
    const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}cli/pathways.ts`, 'run', '--scale', '0.5', '--progress', 'json', '--out', out], { cwd: ROOT });
    // Everything the child said, so that a failure shows why (an error while cleaning up).
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt once generation is well under way (the first table is being written).
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('write ')) resolve();
      });
    });
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    const said = stderr.split('\n').filter((line) => !line.startsWith('{')).join('\n');
    // It dies of the signal, as an interrupted program should, and not of an abort in DuckDB's
    // teardown (what process.exit with a query still running used to end in, now and then).
    expect([code, signal], said).toEqual([null, 'SIGINT']);
    expect(said).not.toContain('terminate called');
    expect(existsSync(out), said).toBe(false);
    expect(readdirSync(dir), said).toEqual([]);
  });

  it('an abandoned staging folder is removed even while another thread keeps creating files in it', async () => {
    // As the contact-notes worker (or DuckDB, or a queued open) may still be doing on Ctrl-C:
    // files opened by their path inside the folder, one after another; no folder made.
    const dir = tempDir('busy');
    const staging = stageRunFolder(join(dir, 'run'));
    mkdirSync(join(staging.dir, 'observed'));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const writer = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const { writeFileSync } = require('node:fs');
       const { dir, stop } = workerData;
       let made = 0;
       for (let i = 0; Atomics.load(stop, 0) === 0; i++) {
         try { writeFileSync(dir + '/observed/part-' + (i % 50) + '.csv', 'x'); made++; } catch {}
         if (made === 100) parentPort.postMessage('writing');
       }`,
      { eval: true, workerData: { dir: staging.dir, stop } },
    );
    await once(writer, 'message');
    try {
      staging.abandon();
    } finally {
      Atomics.store(stop, 0, 1);
      await once(writer, 'exit');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing run folder without --force', () => {
    const dir = tempDir('exists');
    expect(cli(['generate', '--scale', '0.01', '--format', 'csv', '--progress', 'none', '--out', dir]).stderr).toContain('already exists');
  });
});
