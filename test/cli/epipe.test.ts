/**
 * A reader that stops early closes the pipe (`pathways --help | head -1`): the CLI ends quietly,
 * with no EPIPE stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ROOT } from '../helpers.ts';

describe('pathways writing into a closed pipe', () => {
  it('exits 0 without a stack trace', async () => {
    const child = spawn(process.execPath, [`${ROOT}cli/bin.js`, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the first byte is read, as head does after its line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(status).toBe(0);
  });
});
