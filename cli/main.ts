/**
 * The `pathways` program as a function: `runCli(argv)` parses and runs one command and returns
 * its exit code (0, 1 for a check that failed, 2 for a usage or input error). cli/pathways.ts calls it for the process;
 * tests call it in-process, which spares them a Node start per case.
 */
import { Command, CommanderError } from 'commander';
import { CheckFailure, InputError } from '../src/errors.ts';
import { commands } from './commands/index.ts';
import { packageVersion } from '../src/io/package-version.ts';

export function buildProgram(): Command {
  const program = new Command('pathways')
    .description(
      'A test bench for linking justice and health records: generate a synthetic England with known truth, ' +
        'run the published methods on the records alone, and score every estimate against the truth.',
    )
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)');
  // Set before the commands are added, so that each inherits it and a usage error exits 2.
  program.exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Run one command line (argv as process.argv: node, script, then the arguments); the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command that ran to its end may still fail its check (calibrate below --min-share, a
    // failed property): it sets process.exitCode, which is taken here and cleared, so the
    // next in-process run starts clean.
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return code;
  } catch (error) {
    // Commander has already printed its message; usage errors exit 2, help and version 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError || error instanceof CheckFailure) {
      process.stderr.write(`pathways: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
