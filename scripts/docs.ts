/** `npm run docs`: regenerate docs/scenario.md from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioDocs } from '../src/docs/scenario-docs.ts';

const path = fileURLToPath(new URL('../docs/scenario.md', import.meta.url));
writeFileSync(path, scenarioDocs());
process.stdout.write(`wrote ${path}\n`);
