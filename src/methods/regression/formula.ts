/**
 * R-style model formulas for a binomial GLMM with one random intercept:
 *   y ~ x1 + x2 + (1 | g)     y ~ 1 + (1 | g)     y ~ (1 | g)
 * Names may be wrapped in backticks when they hold spaces. Anything wider than this grammar
 * (interactions, random slopes, several grouping factors, removing the intercept) is refused
 * with a message saying what is not supported, never fitted as something else.
 */
import { InputError } from '../../errors.ts';

export interface ParsedFormula {
  response: string;
  /** Fixed-effect variables in the order written (the intercept is always included). */
  predictors: string[];
  /** The grouping variable of the random intercept, or null when the formula has none. */
  group: string | null;
}

function unquote(name: string, formula: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith('`') && trimmed.endsWith('`') && trimmed.length >= 2) return trimmed.slice(1, -1);
  if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(trimmed)) {
    throw new InputError(
      `formula "${formula}": "${trimmed}" is not a column name (wrap names with spaces in backticks; ` +
        'interactions, transformations and other operators are not supported)',
    );
  }
  return trimmed;
}

/** Split on `+` outside parentheses and backticks. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '`') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === '+') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map((t) => t.trim());
}

export function parseFormula(formula: string): ParsedFormula {
  const sides = formula.split('~');
  if (sides.length !== 2) {
    throw new InputError(`formula "${formula}" must have exactly one "~" with the outcome on its left`);
  }
  const response = unquote(sides[0], formula);
  if (response === '') throw new InputError(`formula "${formula}" has no outcome left of "~"`);
  const predictors: string[] = [];
  let group: string | null = null;
  for (const term of splitTerms(sides[1])) {
    if (term === '') throw new InputError(`formula "${formula}" has an empty term (check the "+" signs)`);
    if (term === '1') continue;
    if (term === '0' || term === '-1' || /(^|\s)-\s*1$/.test(term)) {
      throw new InputError(`formula "${formula}": models without an intercept are not supported`);
    }
    const random = /^\(\s*(.*?)\s*\|\s*(.*?)\s*\)$/.exec(term);
    if (random) {
      if (random[1] !== '1') {
        throw new InputError(`formula "${formula}": only a random intercept (1 | group) is supported, not (${random[1]} | ${random[2]})`);
      }
      if (group !== null) {
        throw new InputError(`formula "${formula}": only one random-intercept term is supported`);
      }
      group = unquote(random[2], formula);
      continue;
    }
    if (/[:*^|()]/.test(term.replace(/`[^`]*`/g, ''))) {
      throw new InputError(`formula "${formula}": term "${term}" is not supported (main effects of columns only)`);
    }
    const name = unquote(term, formula);
    if (!predictors.includes(name)) predictors.push(name);
  }
  return { response, predictors, group };
}
