/** A stage: a method run on the records, then its evaluation against the truth. */
import type { Estimate } from '../results/estimate.ts';
import type { StageContext } from './context.ts';

export interface Stage {
  name: string;
  description: string;
  run(ctx: StageContext): Promise<Estimate[]>;
}
