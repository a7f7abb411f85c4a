/**
 * Deterministic simulated data for the regression tests: a logistic model with a normal
 * random intercept per group, drawn from the bench's named random streams.
 */
import { stream } from '../../src/random/stream.ts';

export interface FactorSpec {
  name: string;
  levels: string[];
  /** Probability of each level (sums to 1). */
  probabilities: number[];
  /** Log-odds effect of each level (the first is the baseline's, usually 0). */
  effects: number[];
}

export interface SimulationSpec {
  seed: number;
  name: string;
  /** Rows in each group. */
  groupSizes: number[];
  groupName: string;
  /** Names of the groups (defaults to G01, G02, ...). */
  groupLabels?: string[];
  intercept: number;
  /** Standard normal numeric predictors with these log-odds slopes. */
  numeric: { name: string; slope: number; mean?: number; sd?: number }[];
  factors: FactorSpec[];
  /** SD of the random intercept on the logit scale. */
  sigma: number;
  /** Share of rows whose first numeric predictor is missing (written as NA). */
  missingShare?: number;
  outcomeName?: string;
}

export interface SimulatedData {
  csv: string;
  rows: number;
}

export function simulate(spec: SimulationSpec): SimulatedData {
  const outcome = spec.outcomeName ?? 'y';
  const header = [outcome, ...spec.numeric.map((n) => n.name), ...spec.factors.map((f) => f.name), spec.groupName];
  const lines = [header.join(',')];
  const groupDraws = stream(spec.seed, `${spec.name}/groups`);
  const rowDraws = stream(spec.seed, `${spec.name}/rows`);
  let row = 0;
  spec.groupSizes.forEach((size, j) => {
    const label = spec.groupLabels?.[j] ?? `G${String(j + 1).padStart(2, '0')}`;
    const b = spec.sigma * groupDraws.at(j).normal();
    for (let k = 0; k < size; k++, row++) {
      const rng = rowDraws.at(row);
      let eta = spec.intercept + b;
      const fields: string[] = [];
      const numbers = spec.numeric.map((n) => {
        const v = (n.mean ?? 0) + (n.sd ?? 1) * rng.normal();
        eta += n.slope * v;
        return v;
      });
      const levels = spec.factors.map((f) => {
        let u = rng.next();
        let at = 0;
        while (at < f.levels.length - 1 && u >= f.probabilities[at]) u -= f.probabilities[at++];
        eta += f.effects[at];
        return f.levels[at];
      });
      const y = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      const missing = spec.missingShare !== undefined && rng.next() < spec.missingShare;
      fields.push(String(y));
      numbers.forEach((v, i) => fields.push(missing && i === 0 ? 'NA' : String(v)));
      for (const level of levels) fields.push(level.includes(',') ? `"${level}"` : level);
      fields.push(label);
      lines.push(fields.join(','));
    }
  });
  return { csv: lines.join('\n') + '\n', rows: row };
}
