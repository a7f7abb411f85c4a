/** The agreement datasets: different shapes on purpose, each a case lme4 must also fit. */
import type { SimulationSpec } from './simulate.ts';

export interface AgreementCase {
  spec: SimulationSpec;
  formula: string;
  reference?: Record<string, string>;
  /** True when the random-intercept variance is expected at (or next to) zero. */
  singular?: boolean;
}

const REGIONS = ['London', 'North East', 'North West', 'South West', 'Wales'];

export const agreementCases: AgreementCase[] = [
  {
    // Small: few rows, few groups, two numeric predictors.
    spec: {
      seed: 11,
      name: 'small',
      groupSizes: [40, 55, 70, 45, 60],
      groupName: 'g',
      intercept: -0.4,
      numeric: [
        { name: 'x1', slope: 0.9 },
        { name: 'x2', slope: -0.6 },
      ],
      factors: [],
      sigma: 0.7,
    },
    formula: 'y ~ x1 + x2 + (1 | g)',
  },
  {
    // Many groups with a strong random intercept.
    spec: {
      seed: 12,
      name: 'many-groups',
      groupSizes: Array.from({ length: 60 }, (_, j) => 30 + ((j * 7) % 25)),
      groupName: 'site',
      intercept: 0.3,
      numeric: [{ name: 'score', slope: 0.5 }],
      factors: [{ name: 'arm', levels: ['control', 'treated'], probabilities: [0.5, 0.5], effects: [0, -0.8] }],
      sigma: 1.6,
    },
    formula: 'y ~ score + arm + (1 | site)',
  },
  {
    // Unbalanced groups (11 regions of very different sizes), factor predictors including a
    // 5-level factor with spaces in its levels and a chosen reference, and missing ages.
    spec: {
      seed: 13,
      name: 'unbalanced',
      groupSizes: [12, 400, 35, 150, 60, 20, 300, 90, 15, 220, 45],
      groupName: 'area',
      intercept: -1.1,
      numeric: [{ name: 'age', slope: -0.04, mean: 34, sd: 9 }],
      factors: [
        { name: 'sex', levels: ['female', 'male'], probabilities: [0.3, 0.7], effects: [0, 0.55] },
        { name: 'band', levels: ['high', 'low', 'medium'], probabilities: [0.25, 0.35, 0.4], effects: [0, -1.0, -0.45] },
        { name: 'region', levels: REGIONS, probabilities: [0.2, 0.2, 0.2, 0.2, 0.2], effects: [0, 0.4, 0.7, -0.5, 0.9] },
      ],
      sigma: 0.5,
      missingShare: 0.05,
    },
    formula: 'y ~ age + sex + band + region + (1 | area)',
    reference: { band: 'low' },
  },
  {
    // Very many groups of 2 to 7 rows: the modes are poorly determined, the hardest case for
    // Laplace. lme4's default (tolPwrss 1e-7) reports that it failed to converge here.
    spec: {
      seed: 15,
      name: 'tiny-groups',
      groupSizes: Array.from({ length: 1500 }, (_, j) => 2 + (j % 6)),
      groupName: 'household',
      intercept: 0.2,
      numeric: [{ name: 'x', slope: 0.7 }],
      factors: [],
      sigma: 1.2,
    },
    formula: 'y ~ x + (1 | household)',
  },
  {
    // No between-group variation at all: lme4 reports a singular fit (variance 0). With no true
    // variance the sample still shows some by chance in about half the seeds; since the streams
    // moved to seedrandom, seed 14 is one of those (MLE 0.027), seed 15 is not.
    spec: {
      seed: 15,
      name: 'zero-variance',
      groupSizes: [100, 120, 90, 110, 100, 95, 105, 100],
      groupName: 'g',
      intercept: 0.2,
      numeric: [{ name: 'x', slope: 1.1 }],
      factors: [],
      sigma: 0,
    },
    formula: 'y ~ x + (1 | g)',
    singular: true,
  },
];
