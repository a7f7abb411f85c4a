/**
 * The words of drug and alcohol treatment in England and of probation practice, as data: the
 * note writers' voices fill their templates from it and the classifiers and keyword filter
 * read it, so a term added here is both written and recognised.
 *
 * Sources: general public knowledge of the English treatment system and of probation
 * practice: the names the large community treatment charities trade under (and their former
 * names, which practitioners keep using), the mutual-aid fellowships and online programmes
 * people are signposted to, the interventions of the national drug and alcohol treatment
 * guidance (keywork, psychosocial work, detox, rehab, opioid substitution, harm reduction),
 * and the shorthand of probation case records. Nothing here is fitted to any data; where a
 * term has two common readings ("AA") both are listed under AMBIGUOUS.
 *
 * Every term is plain ASCII with no " and ", " with " or ". " inside it: the shorthand
 * writer rewrites those, and a term must survive it.
 */

export interface Term {
  /** How the term is usually written in full. */
  name: string;
  /** Other ways practitioners write it: abbreviations, former names, common misspellings. */
  variants: readonly string[];
}

/**
 * Community and prison treatment providers. `variants` holds abbreviations and former names
 * (Addaction and CRI became We Are With You and Change Grow Live; RAPt became Forward Trust).
 */
export const PROVIDERS: readonly Term[] = [
  { name: 'Change Grow Live', variants: ['CGL', 'Change, Grow, Live', 'CRI', 'C.G.L'] },
  { name: 'Turning Point', variants: ['TP', 'Turning Pt'] },
  { name: 'Humankind', variants: ['Human Kind', 'Humnkind'] },
  { name: 'We Are With You', variants: ['WAWY', 'Addaction', 'WeAreWithYou'] },
  { name: 'WDP', variants: ['Westminster Drug Project', 'W.D.P'] },
  { name: 'Forward Trust', variants: ['RAPt', 'Forward Trust team', 'FT'] },
  { name: 'Phoenix Futures', variants: ['Phoenix Futures rehab', 'Pheonix Futures'] },
  { name: 'Cranstoun', variants: ['Cranstoun service', 'Cranstoon'] },
  { name: 'Inclusion', variants: ['Inclusion service', 'Inclusion team'] },
  { name: 'Aquarius', variants: ['Aquarius team'] },
  { name: 'Likewise', variants: ['Likewise service'] },
  { name: 'Delphi Medical', variants: ['Delphi'] },
  { name: 'the drug and alcohol service', variants: ['D&A service', 'D+A service', 'drug & alcohol service', 'substance misuse service', 'SMS'] },
  { name: 'the recovery service', variants: ['recovery service', 'recovery hub'] },
  { name: 'CJIT', variants: ['criminal justice intervention team', 'C.J.I.T'] },
];

/** Mutual-aid fellowships and online programmes. Short forms first-class: practitioners write them so. */
export const MUTUAL_AID: readonly Term[] = [
  { name: 'Alcoholics Anonymous', variants: ['AA'] },
  { name: 'Narcotics Anonymous', variants: ['NA'] },
  { name: 'Cocaine Anonymous', variants: ['CA'] },
  { name: 'SMART Recovery', variants: ['SMART', 'Smart recovery', 'SMART meeting'] },
  { name: 'Breaking Free Online', variants: ['Breaking Free', 'BFO'] },
  { name: 'In The Rooms', variants: ['online NA meetings', 'online AA meetings'] },
  { name: 'mutual aid', variants: ['mutual aid group', 'peer support group', 'recovery cafe'] },
];

/** Interventions a person takes part in: being in any of them, now, is engagement. */
export const INTERVENTIONS: readonly Term[] = [
  { name: 'keywork', variants: ['key work', 'keywork session', 'KW session', '1:1 with keyworker'] },
  { name: 'one-to-one session', variants: ['1:1 session', '1-2-1', 'one to one'] },
  { name: 'group session', variants: ['group work', 'group', 'recovery group'] },
  { name: 'psychosocial intervention', variants: ['psychosocial work', 'PSI session'] },
  { name: 'counselling', variants: ['counseling', 'counselling session'] },
  { name: 'community detox', variants: ['home detox', 'community detoxification'] },
  { name: 'inpatient detox', variants: ['IP detox', 'inpatient detoxification', 'detox unit'] },
  { name: 'residential rehab', variants: ['rehab', 'residential rehabilitation', 'resi rehab'] },
  { name: 'opioid substitution treatment', variants: ['OST', 'opiate substitution treatment', 'substitute prescribing'] },
  { name: 'methadone', variants: ['methadone script', 'meth script', 'methodone'] },
  { name: 'buprenorphine', variants: ['bupe', 'Subutex', 'Espranor', 'Buvidal injection', 'buprenorphine script'] },
  { name: 'supervised consumption', variants: ['supervised consumption at the chemist', 'supervised at pharmacy'] },
  { name: 'naloxone', variants: ['naloxone kit', 'Prenoxad', 'Nyxoid'] },
  { name: 'harm reduction', variants: ['harm reduction session', 'harm minimisation advice'] },
  { name: 'needle exchange', variants: ['NSP', 'needle and syringe programme'] },
  { name: 'blood-borne virus testing', variants: ['BBV testing', 'BBV screen', 'hep C test'] },
  { name: 'alcohol brief intervention', variants: ['ABI', 'IBA', 'brief intervention'] },
  { name: 'assessment', variants: ['comprehensive assessment', 'triage assessment'] },
  { name: 'care plan', variants: ['recovery plan', 'treatment plan'] },
  { name: 'Antabuse', variants: ['disulfiram'] },
  { name: 'acamprosate', variants: ['Campral'] },
];

/** Tests and reviews: a clean test or a court review attended is engagement on a DRR or ATR. */
export const TESTS_AND_REVIEWS: readonly Term[] = [
  { name: 'drug test', variants: ['UA', 'urine test', 'urinalysis', 'oral fluid test', 'mouth swab', 'DT'] },
  { name: 'breathalyser', variants: ['breath test', 'alcometer reading'] },
  { name: 'DRR review', variants: ['court review', 'review hearing', 'DRR court review', 'ATR review'] },
];

/** Worker roles in treatment services. */
export const TREATMENT_WORKERS: readonly Term[] = [
  { name: 'keyworker', variants: ['key worker', 'KW', 'recovery worker', 'recovery coordinator'] },
  { name: 'drug worker', variants: ['substance misuse worker', 'SMW'] },
  { name: 'alcohol worker', variants: ['alc worker'] },
  { name: 'peer mentor', variants: ['recovery champion', 'peer supporter'] },
  { name: 'prescriber', variants: ['doctor at CGL', 'nurse prescriber', 'NMP'] },
];

/** Probation's own shorthand, and what it means. */
export const PROBATION_SHORTHAND: Readonly<Record<string, string>> = {
  PoP: 'person on probation',
  'S/U': 'service user',
  OM: 'offender manager',
  PP: 'probation practitioner',
  PSO: 'probation services officer',
  DNA: 'did not attend',
  FTA: 'failed to attend',
  UAA: 'unacceptable absence',
  AA: 'acceptable absence',
  RAR: 'rehabilitation activity requirement',
  UPW: 'unpaid work',
  CP: 'community payback',
  WL: 'warning letter',
  HV: 'home visit',
  ETE: 'education, training and employment',
  OASys: 'offender assessment system',
  ATR: 'alcohol treatment requirement',
  DRR: 'drug rehabilitation requirement',
};

/**
 * Shorthand with two readings in a probation note. The classifier must read the context, not
 * the token: "AA" after an absence is acceptable, not a meeting; "NA" in a form field is not
 * applicable.
 */
export const AMBIGUOUS: readonly { term: string; readings: readonly string[]; nonTreatmentContext: readonly string[] }[] = [
  { term: 'AA', readings: ['Alcoholics Anonymous', 'acceptable absence'], nonTreatmentContext: ['acceptable absence', 'absence', 'aa for', 'aa given', 'recorded as aa', 'aa -', 'sick note', 'childcare'] },
  { term: 'NA', readings: ['Narcotics Anonymous', 'not applicable'], nonTreatmentContext: ['n/a', 'not applicable'] },
  { term: 'CA', readings: ['Cocaine Anonymous', 'Citizens Advice'], nonTreatmentContext: ['citizens advice', 'debt', 'benefits'] },
  { term: 'DNA', readings: ['did not attend', 'genetic material'], nonTreatmentContext: [] },
  { term: 'TP', readings: ['Turning Point', 'third party'], nonTreatmentContext: ['third party'] },
];

/** Probation enforcement words: attendance at probation itself, never treatment. */
export const ENFORCEMENT: readonly string[] = ['warning letter', 'breach', 'enforcement', 'final warning', 'breach report', 'instructed to attend'];

/** Every way of writing a term. */
export function spellings(terms: readonly Term[]): string[] {
  return terms.flatMap((t) => [t.name, ...t.variants]);
}
