/**
 * What one world of a check gives back, whatever the kind: the tool's metrics or what went
 * wrong with it, and for a fit each coefficient's interval beside its truth. Its own module so
 * the kinds share it without importing one another.
 */
export interface Interval {
  term: string;
  estimate: number;
  lower: number;
  upper: number;
}

export interface ScoredInterval extends Interval {
  truth: number;
  covered: boolean;
  /** How far outside the interval the truth lies, in half-widths of the interval (0 when covered). */
  miss: number;
}

export interface WorldOutcome {
  /** The metrics, or null when the tool failed. */
  metrics: Record<string, number> | null;
  /** What went wrong with the tool: crashed, timed out, wrote no file or a malformed one. */
  toolProblem: string | null;
  toolLog: string;
  /** How long the tool ran (its process start included). */
  toolSeconds: number;
  /** Fit: each scored coefficient's interval beside its true value (what coverage over the runs counts). */
  intervals?: ScoredInterval[] | null;
}
