/**
 * A context-rule classifier in the NegEx / ConText style: a sentence indicates engagement
 * when it names a treatment and an engagement act ("attended CGL", "on a methadone script"),
 * unless a cue in the same clause says the act was negated ("did not attend"), hypothetical
 * or planned ("will attend", "referral made"), historical ("last year", "used to") or someone
 * else's ("partner attends AA"). A note is engaged if any sentence is.
 *
 * compromise is used once, at load, to inflect the engagement verbs (attend -> attends,
 * attended, attending). It is not used per note: measured on this machine, compromise's
 * full parse takes about 0.7 ms a note and even its tokenizer about 0.08 ms, i.e. 80 s or
 * more for a million notes against a budget of a few seconds. Sentences and clauses are
 * split here with plain string scans instead, which is all these rules need.
 */
import { createRequire } from 'node:module';
import type { NoteClassifier, NoteLabel, NoteText } from './types.ts';

export interface RuleSettings {
  treatmentTerms: readonly string[];
  engagementVerbs: readonly string[];
  /** Engagement phrases that are not a single verb. */
  engagementPhrases: readonly string[];
  negationCues: readonly string[];
  planCues: readonly string[];
  historicalCues: readonly string[];
  otherPersonCues: readonly string[];
  /** Words that end a cue's scope inside a sentence. */
  scopeTerminators: readonly string[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  treatmentTerms: [
    'cgl', 'change grow live', 'we are with you', 'wawy', 'turning point', 'humankind', 'forward trust', 'inclusion',
    'tp', 'cjit', 'keyworker', 'key worker', 'key work', 'kw', 'drug worker', 'alcohol worker', 'alc worker', 'recovery worker',
    'recovery service', 'recovery team', 'drug and alcohol service', 'd&a service', 'prison drug team', 'treatment',
    'script', 'methadone', 'buprenorphine', 'subutex', 'espranor', 'ost', 'opiate substitution treatment', 'detox',
    'rehab', 'aa', 'na', 'ca', 'smart', 'smart recovery', 'mutual aid', 'group work', 'group sessions', 'group',
    'antabuse', 'acamprosate', 'substance misuse groups', 'programme', 'sponsor', 'drop-in',
  ],
  engagementVerbs: ['attend', 'engage', 'collect', 'continue', 'remain', 'start', 'complete', 'access', 'go', 'take', 'meet', 'see', 'visit'],
  engagementPhrases: [
    'seen by', 'on a', 'on an', 'on his', 'on her', 'on methadone', 'on buprenorphine', 'on subutex', 'on ost',
    'on antabuse', 'on acamprosate', 'on script', 'picking up', 'compliant', 'present', 'currently in', 'in rehab',
    'in detox', 'been to', 'prescribed', 'x2', 'x3', 'weekly', 'twice a week', 'has a sponsor', 'engagement',
  ],
  negationCues: [
    'not', "n't", 'no', 'never', 'dna', "dna'd", 'did not attend', 'failed to', 'fails to', 'refused', 'refuses',
    'declined', 'declines', 'unable to', 'missed', 'no longer', 'disengaged', 'non-attendance', 'stopped', 'came off',
    'taken off', 'yet to', 'no show', 'cancelled', 'discharged',
  ],
  planCues: [
    'will', 'would', 'plan', 'plans', 'planned', 'refer', 'referral', 'referred', 'self-referral', 'waiting list',
    'awaiting', 'going to', 'intends', 'intend', 'agreed to', 'to be', 'should', 'encouraged', 'advised to',
    'interested in', 'considering', 'hopes to', 'wants to', 'would like', 'booked', 'due to start', 'option of',
    'details for',
  ],
  historicalCues: [
    'previously', 'previous', 'last year', 'years ago', 'used to', 'in the past', 'history of', 'historically',
    'prior to', 'before this order', 'before the order', 'before his order', 'before her order', 'before sentence',
    'formerly', 'was on', 'had been', 'relapsed after',
  ],
  otherPersonCues: [
    'partner', 'wife', 'husband', 'girlfriend', 'boyfriend', 'mum', 'mother', 'dad', 'father', 'brother', 'sister',
    'son', 'daughter', 'friend', 'housemate', 'family member',
  ],
  scopeTerminators: ['but', 'however', 'although', 'though', 'whereas', 'despite'],
};

/**
 * Negation cues only, as plain NegEx: no hypothetical, historical or other-person context.
 * An ablation that shows what the ConText cues are worth, and a stand-in for a classifier
 * that, like the study's, reads plans and other people's treatment as engagement.
 */
export const NEGEX_ONLY_SETTINGS: RuleSettings = {
  ...DEFAULT_RULE_SETTINGS,
  planCues: [],
  historicalCues: [],
  otherPersonCues: [],
};

/**
 * ConText without its hypothetical cues: negation, history and other people are read, but
 * plans and referrals ("referral made to CGL", "will attend group") count as engagement. That
 * is the known weak spot of zero-shot entailment classifiers (modality), so this stands in
 * for the study's tool; which classifier carries the study's figures is a stage setting.
 */
export const NO_PLAN_CUES_SETTINGS: RuleSettings = {
  ...DEFAULT_RULE_SETTINGS,
  planCues: [],
};

type Nlp = typeof import('compromise').default;
let nlpModule: Nlp | null = null;
/** compromise takes most of a second to load: only commands that classify notes pay for it. */
function nlp(text: string): ReturnType<Nlp> {
  nlpModule ??= createRequire(import.meta.url)('compromise') as Nlp;
  return nlpModule(text);
}

/** Inflections of each verb from compromise, with a suffix fallback where it returns none. */
export function inflect(verbs: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const verb of verbs) {
    forms.add(verb);
    const conjugated = nlp(verb).verbs().conjugate() as Record<string, string>[];
    if (conjugated.length > 0) {
      for (const [tense, form] of Object.entries(conjugated[0])) {
        if (tense !== 'FutureTense' && typeof form === 'string' && !form.includes(' ')) forms.add(form.toLowerCase());
      }
    } else {
      const stem = verb.endsWith('e') ? verb.slice(0, -1) : verb;
      for (const form of [`${verb}s`, `${stem}ed`, `${stem}ing`]) forms.add(form);
    }
  }
  return [...forms];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(terms: readonly string[], flags = ''): RegExp {
  // An empty cue list must match nothing, not (as an empty alternation would) everything.
  if (terms.length === 0) return new RegExp('(?!)', flags);
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()))].sort((a, b) => b.length - a.length);
  return new RegExp(`(?:^|[^a-z0-9'])(?:${sorted.map(escape).join('|')})(?![a-z0-9])`, flags);
}

/** Compiled rule patterns. */
interface Compiled {
  treatment: RegExp;
  trigger: RegExp;
  negation: RegExp;
  plan: RegExp;
  historical: RegExp;
  year: RegExp;
  otherPerson: RegExp;
  terminator: RegExp;
}

function compile(settings: RuleSettings): Compiled {
  return {
    treatment: alternation(settings.treatmentTerms),
    trigger: alternation([...inflect(settings.engagementVerbs), ...settings.engagementPhrases], 'g'),
    // "n't" follows a letter, so it has its own pattern without a leading boundary.
    negation: new RegExp(`${alternation(settings.negationCues.filter((c) => c !== "n't")).source}|n't(?![a-z])`),
    plan: alternation(settings.planCues),
    historical: alternation(settings.historicalCues),
    year: settings.historicalCues.length === 0 ? /(?!)/ : /\b(?:in|since) (?:19|20)\d\d\b/,
    otherPerson:
      settings.otherPersonCues.length === 0
        ? /(?!)/
        : new RegExp(`(?:^|[^a-z0-9])(?<!with )(?<!by )(?:${settings.otherPersonCues.map(escape).join('|')})(?![a-z0-9])`),
    terminator: alternation(settings.scopeTerminators, 'g'),
  };
}

/** Sentence ends: full stops, other terminal marks, semicolons, newlines and shorthand dashes. */
const SENTENCE_SPLIT = /[.!?;\n]+(?:\s+|$)|\s+-\s+/;

/** Outcome of one sentence: 2 engaged, 1 trigger blocked by a cue, 0 nothing. */
function classifySentence(sentence: string, rules: Compiled): number {
  if (!rules.treatment.test(sentence)) return 0;
  // Clauses: cue scope ends at a terminator ("but", "however"), as in ConText.
  const clauses = rules.terminator.test(sentence) ? sentence.split(rules.terminator) : [sentence];
  rules.terminator.lastIndex = 0;
  let blocked = false;
  for (const clause of clauses) {
    if (!rules.treatment.test(clause)) continue;
    rules.trigger.lastIndex = 0;
    let match: RegExpExecArray | null;
    const historicalOrPlan = rules.historical.test(clause) || rules.plan.test(clause) || rules.year.test(clause);
    while ((match = rules.trigger.exec(clause)) !== null) {
      if (historicalOrPlan) {
        blocked = true;
        break;
      }
      // Negation and other-person cues act forwards: they must come before the act.
      const before = clause.slice(0, match.index + 1);
      if (rules.negation.test(before) || rules.otherPerson.test(before)) {
        blocked = true;
        continue;
      }
      return 2;
    }
    if (rules.negation.test(clause)) blocked = true;
  }
  return blocked ? 1 : 0;
}

export function classifyNoteText(text: string, rules: Compiled): NoteLabel['score'] {
  const sentences = text.toLowerCase().split(SENTENCE_SPLIT);
  let best = 0;
  for (const sentence of sentences) {
    const outcome = classifySentence(sentence, rules);
    if (outcome === 2) return 0.9;
    if (outcome > best) best = outcome;
  }
  return best === 1 ? 0.2 : 0.05;
}

export function rulesClassifier(settings: RuleSettings = DEFAULT_RULE_SETTINGS, name = 'rules'): NoteClassifier {
  const rules = compile(settings);
  return {
    name,
    classify(notes: readonly NoteText[]): NoteLabel[] {
      return notes.map((note) => {
        const score = classifyNoteText(note.text, rules);
        return { noteId: note.noteId, label: score >= 0.5 ? 'engaged' : 'not_engaged', score };
      });
    },
  };
}
