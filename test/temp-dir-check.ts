/**
 * vitest globalSetup: the test run gets a temporary directory of its own (TMPDIR, which
 * os.tmpdir() and every CLI child the tests start read), and fails if anything is left in it
 * when the run ends: a test that leaks a folder is caught here, not found later in /tmp. Its own
 * directory, rather than a before/after listing of /tmp, so that other runs on the machine at
 * the same time cannot be mistaken for ours.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  // Short, since the UI tests show paths under it in 80 columns.
  const dir = mkdtempSync(join(tmpdir(), 'pwt-'));
  process.env.TMPDIR = dir;
  return () => {
    // tsx keeps its compile cache in the temporary directory (tsx-<uid>): a cache, not a leak.
    const left = readdirSync(dir).filter((name) => !/^tsx-\d+$/.test(name));
    rmSync(dir, { recursive: true, force: true });
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    if (left.length > 0) {
      // An error thrown here is printed but leaves vitest's exit status 0: fail the run by status.
      process.stderr.write(`\nFAIL the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temporary directory (removed now; fix the test that made them): ${left.sort().join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
