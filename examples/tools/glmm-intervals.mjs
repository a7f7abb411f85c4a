// The fit the example fitters share: the study's multilevel logistic regression of the data
// `pathways check --kind fit` writes, by the bench's own GLMM (lme4's glmer, Laplace, then
// adaptive quadrature where Laplace stops short), each
// coefficient written with a Wald interval at the level asked for. `width` scales the
// interval around the estimate: 1 is the honest interval, anything else a planted error.
import { writeFileSync } from 'node:fs';
import { fitFormula, normalUpperTail, readCsvTable } from 'pathways-bench';

/** The z with P(Z > z) = tail, by bisection on the bench's normal tail. */
function upperQuantile(tail) {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function fitIntervals(data, out, level = 0.95, width = 1) {
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  const table = readCsvTable(data);
  const covariates = Object.keys(table.columns).filter((c) => c !== 'reconvicted' && c !== 'region');
  const formula = `reconvicted ~ ${covariates.join(' + ')} + (1 | region)`;
  let fit = fitFormula(table, formula, { nAGQ: 1 });
  if (!fit.converged) {
    // The study's Laplace fit can creep toward a region variance near zero without meeting
    // its convergence test (about one world in 80 at the check's sizes); adaptive quadrature
    // fits the same model more exactly and settles there.
    console.error(`Laplace fit did not converge (${fit.convergence.message}); refitting with nAGQ 5`);
    fit = fitFormula(table, formula, { nAGQ: 5 });
  }
  if (!fit.converged) throw new Error(`the fit did not converge: ${fit.convergence.message}`);
  const z = upperQuantile((1 - level) / 2) * width;
  const lines = ['term,estimate,lower,upper,se'];
  for (const f of fit.fixed) lines.push([f.term, f.estimate, f.estimate - z * f.se, f.estimate + z * f.se, f.se].join(','));
  writeFileSync(out, `${lines.join('\n')}\n`);
}
