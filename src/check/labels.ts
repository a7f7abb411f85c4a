/**
 * Scoring labels against the truth: each record's predicted label beside its true one, for a
 * two-class question (one label the positive class). A record with no prediction counts as
 * predicted negative, so a classifier that skips the hard records is not flattered.
 */
export interface LabelScore {
  records: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  accuracy: number;
  /** Of the truly positive, the share labelled positive (NaN when there are none). */
  sensitivity: number;
  /** Of the truly negative, the share labelled negative (NaN when there are none). */
  specificity: number;
}

export function scoreLabels(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>, positive: string): LabelScore {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const [id, label] of truth) {
    const said = predicted.get(id) === positive;
    if (label === positive) said ? tp++ : fn++;
    else said ? fp++ : tn++;
  }
  const n = tp + fp + tn + fn;
  return {
    records: n,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    accuracy: n === 0 ? NaN : (tp + tn) / n,
    sensitivity: tp + fn === 0 ? NaN : tp / (tp + fn),
    specificity: tn + fp === 0 ? NaN : tn / (tn + fp),
  };
}
