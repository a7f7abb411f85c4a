/** A run folder's results.json for the commands that read one, or a one-line error naming what is wrong. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../src/errors.ts';
import { resultsSchema, type Results } from '../src/results/estimate.ts';

export function runResults(dir: string, option = '--run'): Results {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${option} ${dir}: no such run folder`);
  const path = join(dir, 'results.json');
  if (!existsSync(path)) throw new InputError(`${option} ${dir}: no results.json in it (make one with \`pathways run\`)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${path}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}
