/**
 * The keyword/phrase filter that decides which contact notes go to the classifier. The
 * study's list (methodology table 1) is unpublished, so this is settings data: a default
 * list of drug and alcohol treatment words and the substances they are about, replaceable.
 */

import { INTERVENTIONS, MUTUAL_AID, PROVIDERS, spellings, TESTS_AND_REVIEWS, TREATMENT_WORKERS } from '../../study/treatment-vocabulary.ts';

/** Default keywords and phrases, matched case-insensitively on word boundaries. */
export const DEFAULT_KEYWORDS: readonly string[] = [
  // the treatment vocabulary: providers, mutual aid, interventions, tests and reviews, workers
  ...[...spellings(PROVIDERS), ...spellings(MUTUAL_AID), ...spellings(INTERVENTIONS), ...spellings(TESTS_AND_REVIEWS), ...spellings(TREATMENT_WORKERS)]
    .map((t) => t.toLowerCase())
    .filter((t) => !['group', 'assessment', 'care plan', 'ft', 'dt', 'sms', 'nmp', 'smw'].includes(t)),
  // services and roles
  'cgl', 'change grow live', 'we are with you', 'wawy', 'turning point', 'humankind', 'forward trust',
  'inclusion', 'cjit', 'keyworker', 'key worker', 'key work', 'drug worker', 'alcohol worker', 'recovery worker',
  'recovery service', 'recovery team', 'drug and alcohol service', 'd&a service', 'prison drug team',
  // treatment
  'treatment', 'script', 'methadone', 'buprenorphine', 'subutex', 'espranor', 'ost', 'opiate substitution',
  'detox', 'rehab', 'aa', 'na', 'ca', 'smart', 'smart recovery', 'mutual aid', 'group work', 'drr review',
  'drug test', 'ua', 'antabuse', 'acamprosate', 'substance misuse',
  // substances and use
  'alcohol', 'drinking', 'drunk', 'relapse', 'relapsed', 'abstinent', 'heroin', 'crack', 'cocaine', 'cannabis',
  'spice', 'benzos', 'amphetamine', 'opiates', 'drugs', 'audit',
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation with word boundaries: a single pass per note is what keeps 1M notes fast. */
export function keywordPattern(keywords: readonly string[] = DEFAULT_KEYWORDS): RegExp {
  if (keywords.length === 0) throw new Error('keyword list is empty');
  const sorted = [...new Set(keywords.map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length);
  return new RegExp(`(?:^|[^a-z0-9])(?:${sorted.map((k) => escape(k.toLowerCase())).join('|')})(?![a-z0-9])`, 'i');
}

export interface KeywordFilter {
  matches(text: string): boolean;
}

export function keywordFilter(keywords: readonly string[] = DEFAULT_KEYWORDS): KeywordFilter {
  const pattern = keywordPattern(keywords);
  return { matches: (text) => pattern.test(text) };
}
