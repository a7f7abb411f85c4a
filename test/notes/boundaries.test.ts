/** Methods read records only (DESIGN.md): no notes method may import world, evaluate or truth code. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('methods/notes boundaries', () => {
  it('imports nothing from the world, evaluation or the records stage', () => {
    const offenders: string[] = [];
    for (const file of files('src/methods/notes')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
        if (/\/(world|evaluate|records)\//.test(match[1])) offenders.push(`${file}: ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
