/** docs/scenario.md is generated from the zod schemas; this keeps the file in step with them. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { scenarioDocs } from '../../src/docs/scenario-docs.ts';
import { methodsSchema } from '../../src/methods/document.ts';
import { ROOT } from '../helpers.ts';

describe('docs/scenario.md', () => {
  const text = scenarioDocs();

  it('is what `npm run docs` writes from the schemas now', () => {
    expect(readFileSync(`${ROOT}docs/scenario.md`, 'utf8'), 'docs/scenario.md is stale: run `npm run docs`').toBe(text);
  });

  it('lists every methods key with its default, and the scenario keys a reader edits most', () => {
    const json = z.toJSONSchema(methodsSchema, { io: 'input' }) as { properties: Record<string, { properties: Record<string, unknown> }> };
    for (const [section, schema] of Object.entries(json.properties)) {
      for (const key of Object.keys(schema.properties)) expect(text).toContain(`| \`${section}.${key}\` |`);
    }
    expect(text).toMatch(/\| `notes\.sample` \| .* \| whole number, >= 1 \| `5271` \|/);
    for (const key of ['window.start', 'noise.multiplier', 'noise.ndtms.dob.transpose', 'cohort.requirements']) expect(text).toContain(`| \`${key}\` |`);
  });
});
