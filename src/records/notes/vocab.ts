/**
 * Fake wording for probation contact notes. Slots in braces are filled by the writer:
 * {subj} the person on probation, {svc} a treatment service, {kw} a worker role, {appt},
 * {obj} the same in object position, {dna}, {ua}, {ost}, {script}, {mutual}, {tx}, {rel}, {day}, {n}, {drug}, {year}, {prison}.
 * Nothing here names a real person; providers are the real service names a note would use.
 * The people and venues named beside them are faker's (named.ts).
 */
import { namedRelations, namedWorkers, venues } from './named.ts';

/** [full form, abbreviation] pairs: the writer picks one per slot by the abbreviation rate. */
const SERVICE_NAMES: readonly (readonly [string, string])[] = [
  ['Change Grow Live', 'CGL'],
  ['We Are With You', 'WAWY'],
  ['Turning Point', 'TP'],
  ['Humankind', 'Humankind'],
  ['Forward Trust', 'Forward Trust'],
  ['Inclusion', 'Inclusion'],
  ['the drug and alcohol service', 'D&A service'],
  ['the recovery service', 'recovery service'],
];

/** Services by name, and some by where they are seen. */
export const SERVICES: readonly (readonly [string, string])[] = [...SERVICE_NAMES, ...venues(4)];

const WORKER_ROLES: readonly (readonly [string, string])[] = [
  ['keyworker', 'KW'],
  ['key worker', 'KW'],
  ['drug worker', 'drug worker'],
  ['alcohol worker', 'alc worker'],
  ['recovery worker', 'recovery worker'],
];

/** Workers by role, and some by role and name. */
export const WORKERS: readonly (readonly [string, string])[] = [...WORKER_ROLES, ...namedWorkers(WORKER_ROLES, 10)];

export const APPOINTMENT: readonly [string, string] = ['appointment', 'appt'];
export const DID_NOT_ATTEND: readonly [string, string] = ['did not attend', "DNA'd"];
export const DRUG_TEST: readonly [string, string] = ['drug test', 'UA'];
export const OST: readonly [string, string] = ['opiate substitution treatment', 'OST'];

export const SCRIPTS = ['methadone script', 'buprenorphine script', 'script', 'methadone', 'subutex', 'Espranor script'];
export const MUTUAL_AID = ['AA', 'NA', 'SMART Recovery', 'SMART', 'CA', 'mutual aid'];
export const TREATMENTS = ['detox', 'rehab', 'community detox', 'residential rehab', 'group work', 'key work sessions'];
const RELATION_WORDS = ['partner', 'wife', 'husband', 'girlfriend', 'boyfriend', 'mum', 'mother', 'dad', 'brother', 'sister', 'son', 'daughter', 'friend', 'housemate'];
/** Relations, and some by relation and first name. */
export const RELATIONS = [...RELATION_WORDS, ...namedRelations(RELATION_WORDS, 28)];
export const DRUGS = ['heroin', 'crack', 'cocaine', 'cannabis', 'spice', 'alcohol', 'benzos', 'amphetamine'];
export const PRISONS = ['Leeds', 'Durham', 'Bristol', 'Pentonville', 'Altcourse', 'Nottingham', 'Lewes', 'Winchester'];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'next week', 'the 14th', 'the 3rd', 'the 21st'];
export const SUBJECTS = ['PoP', 'Mr X', 'S/U', 'he', 'she', 'the PoP', 'Ms X'];
/** The same people in object position. */
export const OBJECTS = ['PoP', 'Mr X', 'S/U', 'him', 'her', 'the PoP', 'Ms X'];

/** Own current engagement, by kind of treatment. Same texts serve claimed engagement. */
export const ENGAGEMENT: Record<'structured' | 'cjit' | 'secure' | 'other', readonly string[]> = {
  structured: [
    '{subj} attended {svc} today and was seen by {kw}.',
    '{subj} remains on {script} with {svc}, collecting daily from the chemist.',
    'Confirmed with {kw} at {svc} that {subj} is engaging well and attending weekly.',
    '{subj} reports attending {svc} group sessions twice a week.',
    'Liaised with {svc}: {subj} attended key work session on {day}.',
    '{subj} continues to engage with {svc}, next {appt} with {kw} {day}.',
    '{subj} has started {tx} with {svc} this week.',
    'DRR review held with {kw} from {svc}, {subj} engaging, {ua} negative for opiates.',
    '{subj} is engaging with {svc} and is on {ost}.',
    '{subj} attended {svc} with {rel} for key work and engaged well.',
    '{subj} is currently in {tx} and engaging with the programme.',
    '{kw} reports {subj} is attending all sessions at {svc}.',
  ],
  cjit: [
    '{subj} seen by CJIT worker today and is engaging.',
    '{subj} engaging with CJIT, attended {appt} at {svc}.',
    'CJIT confirm {subj} attended assessment and key work session.',
    '{subj} continues to see CJIT weekly.',
  ],
  secure: [
    '{subj} remanded at HMP {prison}, engaging with Forward Trust on the wing.',
    'In custody at HMP {prison}; {subj} attending substance misuse groups with the prison drug team.',
    '{subj} on {script} in HMP {prison} via healthcare and engaging with the recovery team.',
  ],
  other: [
    '{subj} attended an {mutual} meeting last night and has a sponsor.',
    '{subj} attending {mutual} weekly and finding it helpful.',
    '{subj} prescribed acamprosate by GP and taking it daily.',
    '{subj} attends {mutual} meetings regularly.',
    '{subj} on Antabuse via GP, taking daily, reports no drinking.',
    '{subj} goes to {mutual} twice a week with {rel}.',
  ],
};

/** Engagement with no attendance verb: the fact is in the shorthand, not a sentence. */
export const IMPLICIT_ENGAGEMENT: readonly string[] = [
  '{svc} - {script} 60ml, compliant.',
  '{script} via {svc}, picking up daily.',
  '{mutual} x2 this wk.',
  '{svc} key work: present, {ua} clear.',
];

export const NON_ENGAGEMENT: readonly string[] = [
  '{subj} {dna} {appt} with {svc} today.',
  '{subj} {dna} {kw} {appt} at {svc}.',
  '{kw} at {svc} advises {subj} has not engaged since referral.',
  '{subj} has not engaged with {svc} despite several prompts.',
  '{subj} failed to attend DRR review with {svc}.',
  '{subj} missed group at {svc} again.',
  '{subj} declined referral to {svc}, states does not need treatment.',
  '{subj} has been discharged from {svc} for non-attendance.',
  'No engagement with {svc} this month.',
  '{subj} refused to attend {mutual}.',
  "{subj} hasn't been to {svc} for three weeks.",
  '{subj} no show at {svc} {appt}.',
  '{subj} did not collect {script} from chemist and has been taken off it by {svc}.',
];

export const PLAN: readonly string[] = [
  'Referral made to {svc} for assessment.',
  '{subj} will attend {svc} assessment {day}.',
  '{subj} is on the waiting list for {tx}.',
  '{subj} agreed to engage with {svc}, {appt} booked for {day}.',
  'Discussed option of {tx}, {subj} interested in attending {mutual}.',
  '{subj} intends to start a {script} once assessed by {svc}.',
  'Encouraged {obj} to attend {mutual} meetings.',
  '{subj} awaiting a {tx} date from {svc}.',
  'Plan: refer to {svc} and review at next {appt}.',
  '{subj} to be referred to CJIT.',
  '{subj} says will go to {svc} drop-in {day}.',
  'Gave {obj} details for {svc} self-referral.',
];

export const OTHER_PERSON: readonly string[] = [
  '{subj} reports {rel} attends AA and is doing well.',
  "{subj}'s {rel} is on a {script} with {svc}.",
  "{subj}'s {rel} has started {tx}.",
  'Discussed {rel} engaging with {svc}, {subj} supportive.',
  '{subj} says {rel} attends NA meetings.',
  '{rel} has been referred to {svc}, PoP worried about them.',
];

export const SUBSTANCE_TALK: readonly string[] = [
  '{subj} reports drinking {n} cans a day.',
  '{ua} positive for cocaine and cannabis.',
  '{ua} negative today.',
  '{subj} admits using {drug} at the weekend.',
  'Discussed alcohol use and triggers, {subj} says drinking has reduced.',
  '{subj} smelled of alcohol at {appt}.',
  'Talked about relapse risk and cravings for {drug}.',
  '{subj} states abstinent from {drug} for two weeks.',
  '{subj} presented as under the influence of {drug}.',
  'Completed alcohol use questionnaire (AUDIT), score {n}.',
];

export const HISTORICAL: readonly string[] = [
  '{subj} was on a {script} last year but came off it.',
  '{subj} previously attended {svc} in {year}.',
  'History of {tx} in {year}.',
  '{subj} completed rehab several years ago.',
  '{subj} used to attend {mutual} but stopped.',
  '{subj} engaged with {svc} before this order.',
  '{subj} was discharged from {svc} last year.',
  'Prior to sentence {subj} had been on a {script}.',
  '{subj} was in {tx} in {year} and relapsed after.',
  '{subj} attended {svc} in the past.',
];

/** Notes with no treatment keyword: most supervision is about other things. */
export const ROUTINE: readonly string[] = [
  'Office {appt} attended. Discussed housing situation and benefits.',
  '{subj} reports all is well, no concerns raised.',
  'Home visit completed, address verified.',
  'Discussed employment options and updated CV.',
  '{subj} reported on time. Next {appt} {day}.',
  'Discussed finances and Universal Credit claim.',
  'Completed session of Thinking Skills programme.',
  'Unpaid work hours discussed, {n} hours outstanding.',
  'Safeguarding check completed with children services.',
  'Reminder letter sent for next {appt}.',
  'Text message sent re next {appt}.',
  '{subj} attended {appt} and presented well.',
  'Risk assessment reviewed, no change.',
  '{subj} rang to rearrange {appt} due to childcare.',
  'Discussed victim awareness work.',
  'Three way meeting with housing officer.',
];

export const FILLER: readonly string[] = [
  'Discussed housing.',
  'No other concerns.',
  'Next {appt} {day}.',
  '{subj} presented well.',
  'Benefits discussed.',
  'Reminded of order requirements.',
  'Will review at next {appt}.',
  'Seemed low in mood.',
];

export const CONTACT_INTRO: Record<string, readonly string[]> = {
  office: ['Office {appt}.', 'Seen in office.', 'Reporting {appt}.'],
  phone: ['Tel contact.', 'Phone call with {subj}.', 'Telephone {appt}.'],
  home_visit: ['Home visit.', 'HV completed.', 'Visited at home address.'],
  review: ['DRR review.', 'Review {appt}.', 'Court review hearing.'],
  appointment: ['Planned {appt}.', 'Supervision {appt}.', 'Induction {appt}.'],
};
