/**
 * What the notes generator needs to know about one requirement: the world stage fills it.
 * `requirementId` is the truth key: it goes to the truth table only, never the observed one.
 */
export interface NoteSubject {
  requirementId: string;        // truth key, never written to the observed table
  crn: string;                  // as recorded in nDelius
  requirementType: 'ATR' | 'DRR';
  regionCode: string;           // N07, N50..N59
  start: number;                // sentence day (day number)
  end: number;                  // termination day, or the extraction day if still running
  terminationReason: string | null; // 'Completed' | 'Revoked' | 'Suspended Sentence Activated' | 'Expired (Normal)' | 'Died' | 'Other' | null
  /** The person's true treatment engagement of any kind while the requirement ran. */
  engagement: { from: number; to: number; kind: 'structured' | 'cjit' | 'secure' | 'other' }[];
}

export type EngagementKind = NoteSubject['engagement'][number]['kind'];
