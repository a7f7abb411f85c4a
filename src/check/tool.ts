/**
 * The outside tool `pathways check` drives: a command template with {left}, {right} and {out}
 * in it, split into words as a shell would (quotes, no expansion) and run without a shell, so
 * a path with spaces is one argument and nothing in it is interpreted.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';

export interface ToolTemplate {
  text: string;
  words: string[];
}

/** Words of a command line: whitespace splits, '...' and "..." quote, \ escapes outside single quotes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError(`--tool: unclosed ${quote} in "${text}"`);
  if (inWord) words.push(word);
  return words;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Parse and check a --tool template: placeholders present, the command found. Nothing is run. */
export function parseToolTemplate(text: string, placeholders: readonly string[]): ToolTemplate {
  const words = splitWords(text);
  if (words.length === 0) throw new InputError('--tool: empty command');
  for (const p of placeholders) {
    if (!words.some((w) => w.includes(`{${p}}`))) throw new InputError(`--tool "${text}": no {${p}} in the command (the tool must be told where ${p === 'out' ? 'to write its output' : `the ${p} file is`})`);
  }
  const command = words[0];
  if (command.includes('/')) {
    if (!existsSync(command)) throw new InputError(`--tool: command ${command} does not exist`);
    if (!isExecutableFile(resolve(command))) throw new InputError(`--tool: command ${command} is not an executable file`);
  } else if (!(process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isAbsolute(dir) && isExecutableFile(join(dir, command)))) {
    throw new InputError(`--tool: command "${command}" not found on PATH`);
  }
  return { text, words };
}

export interface ToolRun {
  /** null when the tool ran to the end with exit code 0. */
  problem: string | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** What a tool may print before the rest is dropped (per stream). */
const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Run the tool with the placeholders filled; a crash, signal or timeout is a problem, not a
 * throw. Asynchronous, so a check can have several worlds' tools running at once (--jobs).
 */
export function runTool(tool: ToolTemplate, values: Record<string, string>, timeoutSeconds: number): Promise<ToolRun> {
  const words = tool.words.map((w) => w.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all));
  const started = performance.now();
  return new Promise((done) => {
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let startError: Error | null = null;
    const child = spawn(words[0], words.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (stream: 'stdout' | 'stderr') => (chunk: string) => {
      if (out[stream].length < MAX_OUTPUT) out[stream] += chunk;
    };
    child.stdout.setEncoding('utf8').on('data', collect('stdout'));
    child.stderr.setEncoding('utf8').on('data', collect('stderr'));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('error', (error) => {
      startError = error;
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      // The line that says what went wrong: an error's own line where there is one, not Node's version footer.
      const lastLine = (text: string) => {
        const lines = text.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^Node\.js v/.test(l));
        return lines.find((l) => /^[A-Za-z.]*(Error|Exception)\b/.test(l)) ?? lines.pop() ?? '';
      };
      let problem: string | null = null;
      if (timedOut) problem = `timed out after ${timeoutSeconds} s (--tool-timeout)`;
      else if (startError) problem = `could not start: ${(startError as Error).message}`;
      else if (signal) problem = `killed by ${signal}`;
      else if (status !== 0) problem = `exited with code ${status}${out.stderr.trim() ? `: ${lastLine(out.stderr)}` : ''}`;
      done({ problem, stdout: out.stdout, stderr: out.stderr, seconds });
    });
  });
}

/** What one world's tool run gave: what was read from its output, or what went wrong. */
export interface ToolOutput<T> {
  /** null when the tool failed. */
  value: T | null;
  /** The tool crashed, timed out, wrote no output or a malformed one (the message names the file and line). */
  toolProblem: string | null;
  toolLog: string;
  toolSeconds: number;
}

/**
 * Run the tool on one world's files and read its output (`values.out`) with `read`, which
 * throws an InputError naming `shownOut` (where the file is kept if the world fails) and the
 * line for a malformed file.
 */
export async function runToolAndRead<T>(tool: ToolTemplate, values: Record<string, string>, timeoutSeconds: number, shownOut: string, read: (text: string, source: string) => T): Promise<ToolOutput<T>> {
  const run = await runTool(tool, values, timeoutSeconds);
  const toolLog = `$ ${tool.text}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
  const failed = (toolProblem: string): ToolOutput<T> => ({ value: null, toolProblem, toolLog, toolSeconds: run.seconds });
  if (run.problem) return failed(`the tool ${run.problem}`);
  if (!existsSync(values.out)) return failed(`the tool wrote no ${shownOut} ({out})`);
  try {
    return { value: read(readFileSync(values.out, 'utf8'), shownOut), toolProblem: null, toolLog, toolSeconds: run.seconds };
  } catch (error) {
    if (error instanceof InputError) return failed(error.message);
    throw error;
  }
}
