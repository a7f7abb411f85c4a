#!/usr/bin/env node
// A planted error for `pathways check --kind fit` to catch: the bench's own fit with every
// interval half as wide as its level needs (a z of 0.98 where 1.96 belongs, as a fitter that
// halves the standard error would give). Its estimates are right; its 95% intervals hold the
// truth about two times in three.
//
//   node examples/tools/narrow-fitter.mjs DATA.csv OUT.csv [LEVEL]
import { fitIntervals } from './glmm-intervals.mjs';

const [data, out, level = '0.95'] = process.argv.slice(2);
if (!out) {
  console.error('usage: narrow-fitter.mjs DATA.csv OUT.csv [LEVEL]');
  process.exit(2);
}
fitIntervals(data, out, Number(level), 0.5);
