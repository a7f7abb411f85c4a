/**
 * The script a worker thread runs, for a worker module beside the caller. Compiled (dist/), the
 * module's .js file loads as it is. From the TypeScript sources (tests, `npm run bench`, tsx) a
 * worker thread does not take the parent's tsx loader (nor `--import tsx` in its execArgv on
 * Node 20), so a one-line module registers tsx in the worker first and then imports the .ts
 * file; it is a data: URL, which resolves no bare specifier, hence tsx's API by its file URL.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `module` is the worker's path without extension, relative to `from` (the caller's import.meta.url). */
export function workerScript(module: string, from: string): URL {
  if (!from.endsWith('.ts')) return new URL(`${module}.js`, from);
  const tsxApi = pathToFileURL(join(dirname(createRequire(from).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'));
  const worker = new URL(`${module}.ts`, from);
  const boot = `const { register } = await import(${JSON.stringify(tsxApi.href)}); register(); await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
