import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let version: string | null = null;

/** The version in package.json, recorded in every manifest and results file. */
export function packageVersion(): string {
  if (version === null) {
    const path = fileURLToPath(new URL('../../package.json', import.meta.url));
    version = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  }
  return version;
}
