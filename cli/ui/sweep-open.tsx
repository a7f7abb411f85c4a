/**
 * `ui --sweep DIR`: drawn with Ink in a terminal; the plain summary table when stdout is not a
 * terminal or CI is set; the screen's models as JSON with `json`.
 */
import { render } from 'ink';
import { readSweepFolder } from '../../src/experiments/read.ts';
import { estimandsOf } from '../../src/experiments/knob-view.ts';
import { shouldDraw } from './open.tsx';
import { SweepScreen } from './sweep-screen.tsx';
import { sweepPlainText, sweepScreenModel } from './sweep-model.ts';

export interface SweepUiOptions {
  dir: string;
  json?: boolean;
  stdout?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export async function openSweepUi(options: SweepUiOptions): Promise<void> {
  const folder = readSweepFolder(options.dir);
  const stdout = options.stdout ?? process.stdout;
  if (options.json) {
    const models = estimandsOf(folder).map((_, i) => sweepScreenModel(folder, i));
    stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    return;
  }
  if (!shouldDraw(stdout, options.env ?? process.env)) {
    stdout.write(sweepPlainText(folder));
    return;
  }
  const instance = render(<SweepScreen folder={folder} width={Math.max(60, (stdout.columns ?? 100) - 1)} />, { stdout });
  await instance.waitUntilExit();
}
