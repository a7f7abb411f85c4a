/** `pathways fit`: a multilevel logistic regression of a CSV file, as lme4's glmer would fit it. */
import { type Command, Option } from 'commander';
import { InputError } from '../../src/errors.ts';
import { readCsvTable } from '../../src/io/csv-read.ts';
import type { FormulaFit } from '../../src/methods/regression/index.ts';

interface FitCommandOptions {
  data: string;
  formula: string;
  nagq: string;
  reference: string[];
  json?: boolean;
  maxIterations: string;
}

function parseReferences(pairs: string[]): Record<string, string> {
  const reference: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new InputError(`--reference ${pair}: expected column=level`);
    reference[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return reference;
}

function wholeNumber(text: string, option: string): number {
  if (!/^\d+$/.test(text)) throw new InputError(`${option} must be a whole number, got ${text}`);
  return Number(text);
}

function format(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(digits - 1);
  return value.toFixed(digits);
}

export function fitJson(fit: FormulaFit): object {
  return {
    fixed: fit.fixed.map((f) => ({
      term: f.term,
      estimate: f.estimate,
      se: f.se,
      odds_ratio: f.oddsRatio,
      ci_low: f.ciLow,
      ci_high: f.ciHigh,
    })),
    random: { group: fit.random.group, variance: fit.random.variance },
    logLik: fit.logLik,
    converged: fit.converged,
    nAGQ: fit.nAGQ,
  };
}

export function fitText(fit: FormulaFit): string {
  const header = ['term', 'estimate', 'SE', 'z', 'p', 'OR', '95% CI'];
  const rows = fit.fixed.map((f) => [
    f.term,
    format(f.estimate),
    format(f.se),
    format(f.z, 3),
    f.p < 1e-4 ? f.p.toExponential(1) : f.p.toFixed(4),
    format(f.oddsRatio, 3),
    `${format(f.ciLow, 3)} to ${format(f.ciHigh, 3)}`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const method = fit.nAGQ === 1 ? 'Laplace approximation (nAGQ = 1)' : `adaptive Gauss-Hermite quadrature (nAGQ = ${fit.nAGQ})`;
  return [
    `Binomial GLMM (logit), ${method}`,
    `formula: ${fit.formula}`,
    `observations: ${fit.nObs}${fit.droppedRows > 0 ? ` (${fit.droppedRows} rows with missing values dropped)` : ''}; groups (${fit.random.group}): ${fit.nGroups}`,
    ...(fit.outcomeLevels ? [`outcome coded 1 = ${fit.outcomeLevels[1]}, 0 = ${fit.outcomeLevels[0]}`] : []),
    '',
    'Fixed effects',
    line(header),
    ...rows.map(line),
    '',
    `Random intercept (${fit.random.group}): variance ${format(fit.random.variance)}, SD ${format(fit.random.sd)}${fit.singular ? ' (singular fit: variance at or near zero)' : ''}`,
    `logLik: ${fit.logLik.toFixed(4)}   deviance: ${fit.deviance.toFixed(4)}`,
    `converged: ${fit.converged} (${fit.iterations} iterations, largest gradient ${fit.convergence.gradientMaxAbs.toExponential(2)})   nAGQ: ${fit.nAGQ}`,
  ].join('\n');
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description('fit a multilevel logistic regression, y ~ x1 + x2 + (1 | group), to a CSV file (agrees with R lme4 glmer)')
    .requiredOption('--data <file>', 'CSV file with a header row; numeric-looking columns are numbers, others factors')
    .requiredOption('--formula <formula>', 'R-style formula with one random intercept, e.g. "reconvicted ~ age + sex + (1 | region)"')
    .option('--nagq <n>', 'quadrature points: 1 = Laplace, 2-25 = adaptive Gauss-Hermite', '1')
    .option('--reference <column=level...>', 'baseline level of a factor (repeatable)', [])
    .addOption(new Option('--max-iterations <n>', 'optimiser iterations before giving up').default('100'))
    .option('--json', 'print {fixed, random, logLik, converged, nAGQ} as JSON')
    .action(async (options: FitCommandOptions) => {
      // The regression engine is loaded by the command that fits, not by every `pathways` start.
      const { fitFormula } = await import('../../src/methods/regression/index.ts');
      const table = readCsvTable(options.data);
      const fit = fitFormula(table, options.formula, {
        nAGQ: wholeNumber(options.nagq, '--nagq'),
        reference: parseReferences(options.reference),
        maxIterations: wholeNumber(options.maxIterations, '--max-iterations'),
      });
      if (!fit.converged) {
        const c = fit.convergence;
        throw new InputError(
          `model did not converge: ${c.message}; reached after ${c.iterations} iterations: largest gradient component ${c.gradientMaxAbs.toExponential(3)}, Newton decrement ${c.newtonDecrement.toExponential(3)}, deviance ${fit.deviance.toFixed(4)}; no estimates reported`,
        );
      }
      process.stdout.write(options.json ? `${JSON.stringify(fitJson(fit), null, 2)}\n` : `${fitText(fit)}\n`);
    });
}
