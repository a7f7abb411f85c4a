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
import { INTERVENTIONS, MUTUAL_AID, PROVIDERS, spellings, TESTS_AND_REVIEWS, TREATMENT_WORKERS } from '../../../study/treatment-vocabulary.ts';
import type { NoteClassifier, NoteExplanation, NoteLabel, NoteText } from './types.ts';

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
  /** The person's own word ("says", "claims"): engagement resting on it needs no refutation below. */
  claimCues: readonly string[];
  /** The claim not borne out: unverified ("no evidence"), or contradicted by the provider ("when I checked"). */
  unverifiedCues: readonly string[];
  /** Contexts where "AA" is an acceptable absence, not a meeting. */
  absenceCues: readonly string[];
}

/** Every spelling of the vocabulary's treatment terms, lower case. */
const VOCABULARY_TERMS = [...spellings(PROVIDERS), ...spellings(MUTUAL_AID), ...spellings(INTERVENTIONS), ...spellings(TESTS_AND_REVIEWS), ...spellings(TREATMENT_WORKERS)]
  .map((t) => t.toLowerCase())
  // Terms that are plain English words elsewhere ("group", "assessment") or too short to stand alone are kept below with care.
  .filter((t) => !['group', 'assessment', 'care plan', 'ft', 'dt', 'sms', 'nmp', 'smw', 'ca', 'na', 'aa', 'abi', 'iba', 'psi session'].includes(t));

/** Medicines a person is "on": "on Buvidal", "now on methadone". */
const MEDICINES = ['methadone', 'buprenorphine', 'bupe', 'subutex', 'espranor', 'buvidal', 'antabuse', 'disulfiram', 'acamprosate', 'campral', 'ost', 'script', 'a script', 'his script', 'her script', 'prescription'];

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  treatmentTerms: [
    ...VOCABULARY_TERMS,
    'cgl', 'change grow live', 'we are with you', 'wawy', 'turning point', 'humankind', 'forward trust', 'inclusion',
    'tp', 'cjit', 'keyworker', 'key worker', 'key work', 'kw', 'drug worker', 'alcohol worker', 'alc worker', 'recovery worker',
    'recovery service', 'recovery team', 'drug and alcohol service', 'd&a service', 'prison drug team', 'treatment',
    'script', 'methadone', 'buprenorphine', 'subutex', 'espranor', 'ost', 'opiate substitution treatment', 'detox',
    'rehab', 'aa', 'na', 'ca', 'smart', 'smart recovery', 'mutual aid', 'group work', 'group sessions', 'group',
    'antabuse', 'acamprosate', 'substance misuse groups', 'programme', 'sponsor', 'drop-in',
    // Plain-English names of services and what happens there.
    'alcohol service', 'drug service', 'drugs service', 'alcohol team', 'drug team', 'drugs worker', 'hub', 'prescriber',
    'pharmacy', 'pharmacist', 'chemist', 'groups', '1-1', '1-1s', '1:1', 'one-to-one', 'iba', 'abi', 'brief intervention',
    'assessment', 'care plan', 'meeting', 'meetings', 'sessions', 'session', 'dose', 'negative sample', 'clean test',
    'tests negative', 'test negative', 'negative tests', 'clean ua', 'provider', 'provider report', 'al-anon',
    'substance misuse team', 'drug and alcohol team',
  ],
  engagementVerbs: ['attend', 'engage', 'collect', 'continue', 'remain', 'start', 'complete', 'access', 'go', 'take', 'meet', 'see', 'visit', 'receive', 'pick up', 'confirm'],
  engagementPhrases: [
    'seen by', 'on a', 'on an', 'on his', 'on her', 'on methadone', 'on buprenorphine', 'on subutex', 'on ost',
    'on antabuse', 'on acamprosate', 'on script', 'picking up', 'compliant', 'present', 'currently in', 'in rehab',
    'in detox', 'been to', 'prescribed', 'x2', 'x3', 'weekly', 'twice a week', 'has a sponsor', 'engagement',
    ...MEDICINES.map((m) => `on ${m}`), 'now in', 'is in', 'had his', 'had her', 'had a', 'had an', 'attendance', 'att', "att'd", 'attd',
    'seen at', 'seen @', 'attending', 'came in', 'doing', 'appointment card', 'status: attending', 'stable on', 'doing well', 'went to', 'gave a negative',
  ],
  negationCues: [
    'not', "n't", 'no', 'never', 'dna', "dna'd", 'did not attend', 'failed to', 'fails to', 'refused', 'refuses',
    'declined', 'declines', 'unable to', 'missed', 'no longer', 'disengaged', 'non-attendance', 'stopped', 'came off',
    'taken off', 'yet to', 'no show', 'cancelled', 'discharged', 'fta', 'failed to attend', 'non att', 'non-att', 'non attendance',
    'non engagement', 'non-engagement', 'closed', 'closing', 'suspended',
  ],
  planCues: [
    'will', 'would', 'plan', 'plans', 'planned', 'refer', 'referral', 'referred', 'self-referral', 'waiting list',
    'awaiting', 'is going to', 'going to start', 'going to try', 'going to attend', 'going to go', 'going to be', 'going to contact', 'going to see', 'intends', 'intend', 'agreed to', 'to be', 'should', 'encouraged', 'advised to',
    'interested in', 'considering', 'hopes to', 'wants to', 'would like', 'booked', 'due to start', 'option of',
    'details for', 'ref made', 'self-ref', 'self ref', 'hoping to', 'thinking about', 'keen to', 'next step',
    'once', 'next week', 'next wk', 'details given', 'given details', 'gave him', 'gave her', 'to contact', 'to be confirmed', 'tbc',
  ],
  historicalCues: [
    'previously', 'previous', 'last year', 'years ago', 'used to', 'in the past', 'history of', 'historically',
    'prior to', 'before this order', 'before the order', 'before his order', 'before her order', 'before sentence',
    'formerly', 'was on', 'had been', 'relapsed after', 'prev', 'hx', 'pre-sentence', 'before he was', 'before she was',
    'last time', 'when he lived', 'when she lived', 'back in', 'previous order', 'his time at', 'her time at', 'ended',
  ],
  otherPersonCues: [
    'partner', 'wife', 'husband', 'girlfriend', 'boyfriend', 'mum', 'mother', 'dad', 'father', 'brother', 'sister',
    'son', 'daughter', 'friend', 'housemate', 'family member', 'cousin', 'ex-partner', 'household',
  ],
  scopeTerminators: ['but', 'however', 'although', 'though', 'whereas', 'despite'],
  claimCues: ['says', 'said', 'states', 'stated', 'claims', 'claimed', 'told me', 'reports', 'reported', 'insists', 'maintains', 'pop reports'],
  unverifiedCues: [
    'not verified', 'unable to verify', 'unable to confirm', 'no evidence', 'no proof', 'not yet confirmed', 'not been confirmed',
    'nothing to confirm', 'asked for evidence', 'awaiting confirmation', 'tbc w/ provider', "can't say which", 'could not give', 'could not tell me',
    "won't give details", 'will check', 'has not provided', 'not provided', 'verified: no', 'when i checked', 'checked with',
    'according to', 'records show', 'provider update: no', 'confirm he was not', 'confirms no', 'has not been collected',
    'not collected', 'no current prescription', 'last seen', 'deny', 'not been seen', 'have not seen him', 'have not seen her',
    'has not met', 'does not run', 'was not there', 'not known at', 'say it was stopped', 'says he has been discharged',
    'say discharged', 'confirms script suspended', 'checked w/', 'provider says',
  ],
  absenceCues: ['acceptable absence', 'aa for', 'aa given', 'aa due', 'recorded as aa', 'recorded as an aa', 'accepted (aa)', '(aa)', 'aa -'],
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
  claimCues: [],
  unverifiedCues: [],
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
  // The study's tool, like any entailment model reading "says he attends", believes a claim.
  claimCues: [],
  unverifiedCues: [],
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
  claim: RegExp;
  unverified: RegExp;
  absence: RegExp;
  /** Single treatment words and their one-letter deletions, for misspelt names ("keywrk"). */
  fuzzy: ReadonlySet<string>;
  /** The engagement verbs' forms and their one-letter deletions, for misspelt acts ("attened", "giong"). */
  fuzzyActs: ReadonlySet<string>;
}

/** What the person is to do ("to attend CGL assessment Thursday"), not what they continue to do. */
const PLAN_OPENING = /(?<!continues |continue |continued |started |starts |managed |manages |began |keeps |going |able |used |came |come |went |goes )(?<![a-z])to (?:attend|start|go|engage|see|contact|self-refer)(?![a-z])/;

/** Acts the person may do for someone else: "takes his dad to WDP". */
const ACTS_FOR_OTHERS = /^(?:take|takes|taking|took|drive|drives|driving|drove)$/;

/** Act words written with a letter dropped, doubled or swapped: "atended", "attnding", "engagin". */
const FUZZY_TRIGGER = /(?:^|[^a-z])(?:at+e?n+d(?:ed|ing|s)?|at+nd|engag\w*|enag\w*|col+ect\w*)(?![a-z])/g;

/** Words a letter away from an act word that are words in their own right ("states" from "starts"). */
const REAL_WORDS = new Set(['states', 'stated', 'stares', 'course', 'gone', 'doing', 'meets', 'taken', 'taker', 'start', 'smart', 'sheet', 'sweet', 'visits', 'visitor', 'remand', 'remanded', 'accessed', 'engine', 'attendance']);

/** Deletions of one letter: two words one edit apart share one (symmetric delete). */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Words too common in English to stand for treatment when misspelt. */
const NOT_FUZZY = new Set(['prison', 'person', 'cocaine', 'narcotics', 'alcoholics', 'meetings', 'change', 'point', 'trust', 'futures', 'turning', 'forward', 'recovery', 'service', 'session', 'group', 'online', 'worker', 'review', 'breath', 'programme', 'support', 'alcohol', 'testing', 'brief', 'intervention', 'anonymous', 'meeting', 'court', 'hearing', 'needle', 'urine', 'mouth', 'fluid', 'oral', 'plan', 'assessment', 'injection', 'exchange', 'harm', 'reduction', 'virus', 'blood-borne', 'screen', 'kit', 'doctor', 'nurse', 'peer', 'champion', 'coordinator', 'team', 'unit', 'hub', 'cafe', 'rooms', 'free', 'breaking', 'project', 'drug', 'misuse', 'substance', 'medical', 'home', 'community', 'residential', 'inpatient', 'care', 'treatment', 'triage', 'comprehensive', 'supervised', 'consumption', 'pharmacy', 'chemist', 'minimisation', 'advice', 'syringe', 'prescribing', 'substitute', 'opioid', 'opiate', 'substitution', 'mentor', 'supporter', 'rehabilitation', 'detoxification']);

function fuzzyWords(terms: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const term of terms) {
    for (const word of term.toLowerCase().split(/[^a-z]+/)) {
      if (word.length >= 6 && !NOT_FUZZY.has(word)) for (const d of deletions(word)) set.add(d);
    }
  }
  return set;
}

function compile(settings: RuleSettings): Compiled {
  return {
    treatment: alternation(settings.treatmentTerms, 'g'),
    trigger: alternation([...inflect(settings.engagementVerbs), ...settings.engagementPhrases], 'g'),
    // "n't" follows a letter, so it has its own pattern without a leading boundary.
    negation: new RegExp(`${alternation(settings.negationCues.filter((c) => c !== "n't")).source}|n't(?![a-z])`, 'g'),
    plan: alternation(settings.planCues, 'g'),
    historical: alternation(settings.historicalCues, 'g'),
    year: settings.historicalCues.length === 0 ? /(?!)/g : /\b(?:in|since) (?:19|20)\d\d\b|\((?:19|20)\d\d\)/g,
    otherPerson:
      settings.otherPersonCues.length === 0
        ? /(?!)/g
        : new RegExp(`(?:^|[^a-z0-9])(?<!with )(?<!by )(?:${settings.otherPersonCues.map(escape).join('|')})(?![a-z0-9])`, 'g'),
    terminator: alternation(settings.scopeTerminators, 'g'),
    claim: alternation(settings.claimCues, 'g'),
    unverified: alternation(settings.unverifiedCues, 'g'),
    absence: alternation(settings.absenceCues, 'g'),
    fuzzy: settings.claimCues.length === 0 ? new Set() : fuzzyWords(settings.treatmentTerms),
    fuzzyActs: settings.claimCues.length === 0 ? new Set() : new Set(inflect(settings.engagementVerbs).filter((f) => f.length >= 5 && !f.includes(' ')).flatMap(deletions)),
  };
}

/** Sentence ends: full stops, other terminal marks, semicolons, newlines, shorthand dashes and case-system field bars. */
const SENTENCE_SPLIT = /[.!?;\n|]+(?:\s+|$)|\s+-\s+/;

/** What decided a note: the rule and the phrase it matched. */
export interface RuleDecision {
  label: NoteLabel['label'];
  score: number;
  /** 'engagement', 'negation', 'plan', 'historical', 'other person', 'claim not borne out', or 'no engagement statement'. */
  rule: string;
  /** The matched phrase (the engagement act, or the cue that blocked it); '' when nothing matched. */
  phrase: string;
  /** The sentence it was found in. */
  sentence: string;
}

/** The first match of a global pattern in `text` (its lastIndex reset), as matched (see `tidy`), or null. */
function find(pattern: RegExp, text: string): string | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match === null ? null : match[0];
}

/** Whether a global pattern matches `text` (its lastIndex reset): the hot path allocates nothing. */
function has(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const hit = pattern.test(text);
  pattern.lastIndex = 0;
  return hit;
}

/** A matched phrase without the boundary character the patterns match before it: for explanations only. */
function tidy(phrase: string): string {
  return phrase.replace(/^[^a-z0-9@(&'-]+/, '');
}

function hasTreatment(text: string, rules: Compiled): boolean {
  if (has(rules.treatment, text)) return true;
  if (rules.fuzzy.size === 0) return false;
  // The misspelt-name search is slow: only where an act is written, as nothing else could count.
  if (!has(rules.trigger, text)) return false;
  for (const word of text.split(/[^a-z]+/)) {
    if (word.length < 5) continue;
    for (const d of deletions(word)) if (rules.fuzzy.has(d)) return true;
  }
  return false;
}

/** The comma-delimited part of `clause` around position `at`: the scope of plan and history cues. */
function segmentAt(clause: string, at: number): string {
  const from = clause.lastIndexOf(',', at) + 1;
  const to = clause.indexOf(',', at);
  return clause.slice(from, to < 0 ? clause.length : to);
}

/** A sentence's outcome; the phrase is `pattern`'s match in `scope` (the act itself when `pattern` is null). */
type Outcome = { kind: 0 | 1 | 2; rule: string; pattern: RegExp | null; scope: string };
const NOTHING: Outcome = { kind: 0, rule: 'no engagement statement', pattern: null, scope: '' };

function phraseOf(outcome: Outcome): string {
  return outcome.pattern === null ? tidy(outcome.scope) : tidy(find(outcome.pattern, outcome.scope) ?? '');
}

/**
 * An act in a clause: engaged, or blocked by the first cue that scopes over it. The decision
 * tests patterns only (no match arrays: at a million notes the garbage costs more than the
 * tests); an outcome keeps the cue's pattern and scope, and the phrase is found when explained.
 */
function consider(match: RegExpExecArray, clause: string, rules: Compiled): Outcome {
  // Plans and history scope over the comma-delimited part the act is in.
  const segment = segmentAt(clause, match.index + 1);
  if (has(rules.historical, segment)) return { kind: 1, rule: 'historical', pattern: rules.historical, scope: segment };
  if (has(rules.year, segment)) return { kind: 1, rule: 'historical', pattern: rules.year, scope: segment };
  if (has(rules.plan, segment)) return { kind: 1, rule: 'plan', pattern: rules.plan, scope: segment };
  if (rules.plan.source !== '(?!)' && PLAN_OPENING.test(segment)) return { kind: 1, rule: 'plan', pattern: PLAN_OPENING, scope: segment };
  // Negation and other-person cues act forwards: they must come before the act.
  const before = clause.slice(0, match.index + 1);
  if (has(rules.negation, before)) return { kind: 1, rule: 'negation', pattern: rules.negation, scope: before };
  const otherScope = ACTS_FOR_OTHERS.test(tidy(match[0])) ? segment : before;
  if (has(rules.otherPerson, otherScope)) return { kind: 1, rule: 'other person', pattern: rules.otherPerson, scope: otherScope };
  return { kind: 2, rule: 'engagement', pattern: null, scope: match[0] };
}

/** Outcome of one sentence: 2 engaged, 1 trigger blocked by a cue, 0 nothing. */
function classifySentence(raw: string, rules: Compiled): Outcome {
  // "AA" after an absence is the absence, not a meeting: dropped before anything else reads it.
  const sentence = !raw.includes('aa') || !has(rules.absence, raw) ? raw : raw.replace(/(?<![a-z])aa(?![a-z])/g, ' ');
  if (!hasTreatment(sentence, rules)) return NOTHING;
  // Clauses: cue scope ends at a terminator ("but", "however"), as in ConText.
  rules.terminator.lastIndex = 0;
  const clauses = rules.terminator.test(sentence) ? sentence.split(rules.terminator) : [sentence];
  rules.terminator.lastIndex = 0;
  let blocked: Outcome | null = null;
  for (const clause of clauses) {
    if (clauses.length > 1 && !hasTreatment(clause, rules)) continue;
    let acts = 0;
    for (const pattern of rules.fuzzy.size > 0 ? [rules.trigger, FUZZY_TRIGGER] : [rules.trigger]) {
      pattern.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(clause)) !== null) {
        acts++;
        const outcome = consider(match, clause, rules);
        if (outcome.kind === 2) {
          pattern.lastIndex = 0;
          return outcome;
        }
        blocked = outcome;
      }
    }
    // No act word as written: one a letter away ("attened", "giong"), found the slow way, and
    // only where no cue would block it anyway (most such clauses are plans, history, refusals).
    if (acts === 0 && rules.fuzzyActs.size > 0 && !has(rules.plan, clause) && !has(rules.historical, clause) && !has(rules.negation, clause)) {
      const word = /[a-z]{5,}/g;
      let m: RegExpExecArray | null;
      while ((m = word.exec(clause)) !== null) {
        if (!REAL_WORDS.has(m[0]) && deletions(m[0]).some((d) => rules.fuzzyActs.has(d))) {
          const outcome = consider(m, clause, rules);
          if (outcome.kind === 2) return outcome;
          blocked = outcome;
          break;
        }
      }
    }
    if (blocked === null && has(rules.negation, clause)) blocked = { kind: 1, rule: 'negation', pattern: rules.negation, scope: clause };
  }
  return blocked ?? NOTHING;
}

/** The deciding outcome of a note, its sentence, and whether a claim in it was not borne out. */
interface Decision {
  outcome: Outcome;
  sentence: string;
  refuted: boolean;
  lower: string;
}

function decide(text: string, rules: Compiled): Decision {
  const lower = text.toLowerCase();
  const sentences = lower.split(SENTENCE_SPLIT);
  let best: Outcome = NOTHING;
  let bestSentence = '';
  for (const sentence of sentences) {
    const outcome = classifySentence(sentence, rules);
    if (outcome.kind === 2) {
      // The person's own word, with the note saying it was not verified or was contradicted.
      return { outcome, sentence, refuted: has(rules.claim, lower) && has(rules.unverified, lower), lower };
    }
    if (outcome.kind > best.kind) {
      best = outcome;
      bestSentence = sentence;
    }
  }
  return { outcome: best, sentence: bestSentence, refuted: false, lower };
}

function scoreOf(d: Decision): number {
  return d.outcome.kind === 2 && !d.refuted ? 0.9 : d.outcome.kind === 0 ? 0.05 : 0.2;
}

export function explainNoteText(text: string, rules: Compiled): RuleDecision {
  const d = decide(text, rules);
  const score = scoreOf(d);
  const sentence = d.sentence.trim();
  if (d.refuted) {
    return { label: 'not_engaged', score, rule: 'claim not borne out', phrase: `${tidy(find(rules.claim, d.lower) ?? '')} ... ${tidy(find(rules.unverified, d.lower) ?? '')}`, sentence };
  }
  return { label: score >= 0.5 ? 'engaged' : 'not_engaged', score, rule: d.outcome.rule, phrase: phraseOf(d.outcome), sentence };
}

export function classifyNoteText(text: string, rules: Compiled): NoteLabel['score'] {
  return scoreOf(decide(text, rules));
}

/**
 * Compiled patterns by settings object. Compiling takes 0.1-0.2 s (the cue alternations, the
 * misspelling sets) and a sweep or identify run makes a classifier for every world; the
 * patterns are a pure function of the settings, which are never changed once made, so a
 * process compiles each settings object once. Weak: settings made per call are not held.
 */
const compiled = new WeakMap<RuleSettings, Compiled>();

function compiledRules(settings: RuleSettings): Compiled {
  let rules = compiled.get(settings);
  if (rules === undefined) {
    rules = compile(settings);
    compiled.set(settings, rules);
  }
  return rules;
}

export function rulesClassifier(settings: RuleSettings = DEFAULT_RULE_SETTINGS, name = 'rules'): NoteClassifier {
  const rules = compiledRules(settings);
  return {
    name,
    classify(notes: readonly NoteText[]): NoteLabel[] {
      return notes.map((note) => {
        const score = classifyNoteText(note.text, rules);
        return { noteId: note.noteId, label: score >= 0.5 ? 'engaged' : 'not_engaged', score };
      });
    },
    explain(notes: readonly NoteText[]): NoteExplanation[] {
      return notes.map((note) => {
        const d = explainNoteText(note.text, rules);
        return { noteId: note.noteId, label: d.label, score: d.score, rule: d.rule, cue: d.phrase === '' ? '' : `"${d.phrase}" in "${d.sentence}"` };
      });
    },
  };
}
