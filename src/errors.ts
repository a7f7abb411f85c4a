/**
 * An error in what the user gave us (a scenario, a file, an option). The CLI prints its
 * message alone on one line and exits with `exitCode`; anything else is a bug and keeps
 * its stack.
 */
export class InputError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'InputError';
    this.exitCode = exitCode;
  }
}

/**
 * A command that ran to the end and found what it checks for to be false (`pathways check`'s
 * failed property): its message is printed on one line and the process exits 1.
 */
export class CheckFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}
