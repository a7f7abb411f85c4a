/** Every `pathways` command, in the order `--help` lists them. Each file registers one command. */
import type { Command } from 'commander';
import { registerStart } from './start.ts';
import { registerGenerate } from './generate.ts';
import { registerRun } from './run.ts';
import { registerFit } from './fit.ts';
import { registerClassify } from './classify.ts';
import { registerLink } from './link.ts';
import { registerScoreLinks } from './score-links.ts';
import { registerUi } from './ui.ts';
import { registerReconvictions } from './reconvictions.ts';
import { registerNotes } from './notes.ts';
import { registerExplain } from './explain.ts';
import { registerExportSplink } from './export-splink.ts';
import { registerCheck } from './check.ts';
import { registerReport } from './report.ts';
import { registerCalibrate } from './calibrate.ts';
import { registerTrain } from './train.ts';
import { registerMerge, registerSweep } from './sweep.ts';
import { registerIdentify } from './identify.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerStart, registerGenerate, registerRun, registerSweep, registerIdentify, registerMerge, registerReport, registerCalibrate, registerFit, registerClassify, registerLink, registerScoreLinks, registerUi, registerTrain, registerReconvictions, registerNotes, registerExplain, registerExportSplink, registerCheck];
