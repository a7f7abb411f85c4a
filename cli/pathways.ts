/** The `pathways` command line: each command lives in its own file under cli/commands/. */
import { constants as osConstants } from 'node:os';
import { runCli } from './main.ts';

/**
 * Ctrl-C and kill: run what is registered for the end of the process (unfinished run folders
 * removed, a UI's child run stopped), then die of the signal itself, as a shell expects of a
 * program it interrupted (status 128 + the signal's number). Not process.exit: that tears down
 * native modules while their threads may still be working, and DuckDB, destroyed mid-query,
 * aborts the process ("terminate called ...", SIGABRT).
 */
function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.exitCode = 128 + osConstants.signals[signal];
      process.emit('exit', process.exitCode);
      process.stderr.write(`\npathways: interrupted (${signal}); no unfinished output was left\n`);
      // With no listener left, the signal's default action ends the process at once.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }
}

async function main(argv: string[]): Promise<void> {
  exitOnSignals();
  // Benchmarks read the process's own peak memory this way (maxRSS is in KiB on Linux).
  // and their CPU time, which a shared machine does not inflate as it does the wall time.
  if (process.env.PATHWAYS_PEAK_RSS) {
    process.on('exit', () => {
      const r = process.resourceUsage();
      process.stderr.write(`peak-rss-kb ${r.maxRSS}\ncpu-ms ${Math.round((r.userCPUTime + r.systemCPUTime) / 1000)}\n`);
    });
  }
  // A bare `pathways` at a terminal opens the UI; piped or in CI it prints the help as before.
  if (argv.length <= 2) {
    const { openUiWhenBare } = await import('./ui/open.tsx');
    if (await openUiWhenBare(argv)) return;
  }
  process.exitCode = await runCli(argv);
}

await main(process.argv);
