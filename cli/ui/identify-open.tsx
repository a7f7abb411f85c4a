/**
 * `ui --identify DIR`: drawn with Ink in a terminal; the plain summary when stdout is not a
 * terminal or CI is set; the screen's model as JSON with `json`.
 */
import { render } from 'ink';
import { readIdentifyFolder } from '../../src/identify/read.ts';
import { shouldDraw } from './open.tsx';
import { IdentifyScreen } from './identify-screen.tsx';
import { identifyPlainText, identifyScreenModel } from './identify-model.ts';

export interface IdentifyUiOptions {
  dir: string;
  json?: boolean;
  stdout?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export async function openIdentifyUi(options: IdentifyUiOptions): Promise<void> {
  const folder = readIdentifyFolder(options.dir);
  const stdout = options.stdout ?? process.stdout;
  if (options.json) {
    stdout.write(`${JSON.stringify(identifyScreenModel(folder), null, 2)}\n`);
    return;
  }
  if (!shouldDraw(stdout, options.env ?? process.env)) {
    stdout.write(identifyPlainText(folder));
    return;
  }
  const instance = render(<IdentifyScreen folder={folder} width={Math.max(60, (stdout.columns ?? 100) - 1)} />, { stdout });
  await instance.waitUntilExit();
}
