#!/usr/bin/env node
// The bench's own multilevel logistic regression as an outside fitter, the way
// `pathways check --kind fit` runs any other: read the analysis data (reconvicted, region and
// the covariates), fit `reconvicted ~ covariates + (1 | region)`, write term,estimate,lower,upper
// with Wald intervals at LEVEL (default 0.95).
//
//   node examples/tools/bench-fitter.mjs DATA.csv OUT.csv [LEVEL]
//   pathways check --kind fit --tool 'node examples/tools/bench-fitter.mjs {data} {out} {level}' --property 'coverage >= 0.9'
//
// As bench-linker.mjs, it imports the bench by its package name: plain `node` where the bench
// is installed and built, else `node --import tsx --conditions=source` inside this repository.
import { fitIntervals } from './glmm-intervals.mjs';

const [data, out, level = '0.95'] = process.argv.slice(2);
if (!out) {
  console.error('usage: bench-fitter.mjs DATA.csv OUT.csv [LEVEL]');
  process.exit(2);
}
fitIntervals(data, out, Number(level));
