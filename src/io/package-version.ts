import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.ts';

let version: string | null = null;

/** The version in package.json, recorded in every manifest and results file. */
export function packageVersion(): string {
  if (version === null) {
    version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  }
  return version;
}
