/**
 * Stage: identification in treatment. The method links the cohort's records to NDTMS, CJIT and
 * p-NOMIS and reads each requirement's journey; evaluation computes the same figures on the
 * world and scores every link against the people behind the records.
 */
import { linkageMethod } from '../../methods/treatment/stage.ts';
import { evaluateLinkage } from '../../evaluate/stages/linkage.ts';
import { recordsOnly } from '../stage.ts';

export { LINKAGE_STAGE as LINKAGE_FOLDER, LINKED_REQUIREMENTS_COLUMNS } from '../../methods/treatment/stage.ts';

export const linkageStage = recordsOnly(linkageMethod, evaluateLinkage);
