/** The cohort stage's method: the study's exclusions on the nDelius records, counted. */
import type { Table } from '../../io/table.ts';
import { studyCohort, type CohortSelection } from '../../study/cohort.ts';
import type { MethodOutputs, MethodStage } from '../stage.ts';
import { cohortFigures } from './figures.ts';

export interface CohortOutputs extends MethodOutputs {
  ndelius: Table;
  selection: CohortSelection;
}

export const cohortMethod: MethodStage<CohortOutputs> = {
  name: 'cohort',
  description: 'apply the exclusions to the nDelius records and count the cohort',
  needs: [],
  async method(records) {
    const ndelius = await records.observed('ndelius_requirements');
    const selection = studyCohort(ndelius, records.facts);
    return { ndelius, selection, estimates: cohortFigures(ndelius, selection), tables: [], write: async () => {} };
  },
};
