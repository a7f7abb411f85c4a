/** The formula front door: table + R-style formula -> fitted binomial GLMM. */
import type { Table } from '../../io/table.ts';
import { buildDesign, type Design } from './design.ts';
import { parseFormula } from './formula.ts';
import { fitGlmm, type GlmmFit } from './glmm.ts';

export interface FitFormulaOptions {
  /** 1 = Laplace (default); 2..25 = adaptive Gauss-Hermite quadrature points. */
  nAGQ?: number;
  /** Baseline level per factor column; for a two-level factor outcome, the level coded 0. */
  reference?: Record<string, string>;
  /** Newton iterations before giving up with converged: false. Default 100. */
  maxIterations?: number;
}

export interface FormulaFit extends GlmmFit {
  formula: string;
  /** Rows dropped for a missing value in a formula variable (R's na.omit). */
  droppedRows: number;
  /** For a factor outcome, [level coded 0, level coded 1]. */
  outcomeLevels: [string, string] | null;
  /** Levels of each factor predictor, baseline first. */
  factorLevels: Record<string, string[]>;
}

/**
 * Fit `y ~ x1 + x2 + (1 | g)` with family binomial (logit link). Throws InputError for a
 * formula, column or outcome problem; returns converged: false (never a silent estimate)
 * when the optimiser stops short, with the state it reached in `convergence`.
 */
export function fitFormula(table: Table, formula: string, options: FitFormulaOptions = {}): FormulaFit {
  return fitDesign(buildDesign(table, parseFormula(formula), { reference: options.reference }), formula, options);
}

/** `fitFormula` on a design already built from `formula`, for a caller that reads the design again afterwards. */
export function fitDesign(design: Design, formula: string, options: Pick<FitFormulaOptions, 'nAGQ' | 'maxIterations'> = {}): FormulaFit {
  const fit = fitGlmm(design.data, { nAGQ: options.nAGQ, maxIterations: options.maxIterations });
  return {
    ...fit,
    formula,
    droppedRows: design.droppedRows,
    outcomeLevels: design.outcomeLevels,
    factorLevels: design.factorLevels,
  };
}
