/**
 * Stage: reconviction within 12 months (study section 4) and the study's multilevel logistic
 * regressions. The method matches court outcomes and fits the models on the records;
 * evaluation computes the same figures on the world and puts the generating models'
 * coefficients beside each odds ratio.
 */
import { reconvictionMethod } from '../../methods/reconviction/stage.ts';
import { evaluateReconviction, writeDirections } from '../../evaluate/stages/reconviction.ts';
import { recordsOnly } from '../stage.ts';

export { RECONVICTION_STAGE as RECONVICTION_FOLDER } from '../../methods/reconviction/stage.ts';

export const reconvictionStage = recordsOnly(reconvictionMethod, evaluateReconviction, { writeEvaluation: writeDirections });
