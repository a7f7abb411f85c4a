/**
 * The property grammar of `pathways check`:
 *
 *   METRIC OP NUMBER [when KNOB OP NUMBER]
 *
 * OP is one of >= <= > < ==. METRIC is one the kind scores (for links: recall, precision, f1,
 * false_match_rate, left_recall). KNOB is `scale` or a scenario knob's dotted path
 * (`noise.ndtms.dob.typo`), as the schema walk lists them; `when` restricts the property to the
 * worlds whose knob satisfies it. A property whose metric is undefined in a world (recall with
 * no true pairs, precision with no links) does not apply to that world.
 */
import { InputError } from '../errors.ts';
import { numberKnobAt } from './knobs.ts';

export const COMPARISONS = ['>=', '<=', '==', '>', '<'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const LINK_METRICS = ['recall', 'precision', 'f1', 'false_match_rate', 'left_recall'] as const;

export interface Condition {
  knob: string;
  op: Comparison;
  value: number;
}

export interface Property {
  text: string;
  metric: string;
  op: Comparison;
  value: number;
  when: Condition | null;
}

export function compare(x: number, op: Comparison, y: number): boolean {
  switch (op) {
    case '>=': return x >= y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '<': return x < y;
    case '==': return x === y;
  }
}

const NUMBER = '(-?(?:\\d+\\.?\\d*|\\.\\d+)(?:e-?\\d+)?)';
const OP = '(>=|<=|==|>|<)';
const GRAMMAR = new RegExp(`^\\s*([a-z_]+)\\s*${OP}\\s*${NUMBER}\\s*(?:when\\s+([A-Za-z0-9_.]+)\\s*${OP}\\s*${NUMBER}\\s*)?$`, 'i');

/** Parse one --property; an error names the property and what is wrong with it. */
export function parseProperty(text: string, metrics: readonly string[]): Property {
  const m = GRAMMAR.exec(text);
  if (!m) throw new InputError(`--property "${text}": expected METRIC OP NUMBER [when KNOB OP NUMBER], OP one of ${COMPARISONS.join(' ')} (e.g. "recall >= 0.9 when noise.ndtms.dob.typo <= 0.02")`);
  const [, metric, op, value, knob, whenOp, whenValue] = m;
  if (!metrics.includes(metric)) throw new InputError(`--property "${text}": unknown metric "${metric}" (one of ${metrics.join(', ')})`);
  let when: Condition | null = null;
  if (knob !== undefined) {
    if (knob !== 'scale' && !numberKnobAt(knob)) {
      throw new InputError(`--property "${text}": unknown knob "${knob}" (scale, or a scenario knob's path such as noise.ndtms.dob.typo)`);
    }
    when = { knob, op: whenOp as Comparison, value: Number(whenValue) };
  }
  return { text: text.trim().replace(/\s+/g, ' '), metric, op: op as Comparison, value: Number(value), when };
}

export type Verdict = 'held' | 'failed' | 'not-applicable';

/** Whether a property applies to a world: its `when` holds there and its metric is defined. */
export function applies(property: Property, metrics: Record<string, number>, knob: (path: string) => number | undefined): boolean {
  if (property.when) {
    const v = knob(property.when.knob);
    if (v === undefined || !compare(v, property.when.op, property.when.value)) return false;
  }
  const x = metrics[property.metric];
  return x !== undefined && !Number.isNaN(x);
}

/** A property's verdict in one world, from its metrics and its knobs' values. */
export function judge(property: Property, metrics: Record<string, number>, knob: (path: string) => number | undefined): Verdict {
  if (!applies(property, metrics, knob)) return 'not-applicable';
  return compare(metrics[property.metric], property.op, property.value) ? 'held' : 'failed';
}
