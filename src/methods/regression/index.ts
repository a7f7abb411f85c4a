/** Multilevel logistic regression (binomial GLMM, one random intercept), checked against lme4. */
export { fitDesign, fitFormula, type FitFormulaOptions, type FormulaFit } from './fit-formula.ts';
export { fitGlmm, Z_975, type GlmmFit, type GlmmOptions, type FixedEffectEstimate, type GlmmConvergence } from './glmm.ts';
export { parseFormula, type ParsedFormula } from './formula.ts';
export { buildDesign, compareCodePoints, type Design, type DesignOptions } from './design.ts';
export type { GlmmData } from './model.ts';
