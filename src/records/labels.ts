/** How nDelius writes the world's categories (termination reasons, accommodation status). */
import type { Accommodation, Requirement } from '../world/types.ts';

export const TERMINATION_LABEL: Record<Requirement['terminationReason'], string> = {
  completed: 'Completed',
  revoked: 'Revoked',
  ssa: 'Suspended Sentence Activated',
  expired: 'Expired (Normal)',
  died: 'Died',
  other: 'Other',
};

export const ACCOMMODATION_LABEL: Record<Accommodation, string> = {
  settled: 'settled',
  no_fixed_abode: 'no fixed abode',
  rough_sleeping: 'rough sleeping',
  other_unsettled: 'other unsettled',
  unknown: 'unknown',
};
