/**
 * The case-management system: structured entries as a probation case system records a
 * contact, fields separated by " | ". The Outcome field is about the probation contact
 * ("Attended - Complied"), not treatment: a reader must not take it for treatment attendance.
 * Written apart from the other voices.
 */
import type { Voice } from './types.ts';

export const CASEWORK: Voice = {
  name: 'casework',
  description: 'case-management entries: structured fields separated by " | "',
  style: {
    capitalise: true,
    abbreviate: 0.5,
    people: ['PoP', 'Service user', 'PoP'],
    misspellings: {
      attended: ['Atended', 'attendd'],
      attending: ['atending'],
      engaging: ['engageing'],
      confirms: ['confims'],
      engagement: ['engagment', 'engagemnt'],
    },
  },
  templates: {
    engaged: [
      'Contact: Other Agency Contact | Outcome: Attended - Complied | Agency: {svc} | Details: {session} attended',
      'Requirement: DRR | Treatment provider: {svc} | Attendance: attended {day} | Prescription: {script}',
      'Contact: Treatment Appointment | Provider: {svc} | Outcome: Attended | Notes: seen by {worker}',
      'Contact: DRR Review | Outcome: Attended - Complied | Provider update: engaging, {test} negative',
      'Requirement: ATR | Treatment provider: {svc} | Status: engaging | Intervention: {session}',
      'Contact: Other Agency Contact | Agency: {svc} | Notes: {pop} in {residential}, engaging',
    ],
    engaged_mutual: [
      'Contact: Office Visit | Outcome: Attended - Complied | Notes: attending {mutual} weekly, attendance sheet seen',
      'Activity: {mutual} | Status: attending | Frequency: twice weekly',
      'Contact: Office Visit | Notes: {pop} attended {mutual} {day}',
    ],
    third_party: [
      'Contact: Email from Other Agency | Agency: {svc} | Notes: provider confirms attendance at all sessions this month',
      'Contact: Correspondence Received | From: {svc} | Notes: letter confirming engagement in {session}',
      'Contact: Three Way Meeting | Agency: {svc} | Outcome: Attended - Complied | Notes: {worker} confirms good engagement',
      'Contact: Other Agency Contact | Agency: {svc} | Notes: {worker} confirms {pop} attended {day}',
    ],
    unverified_claim: [
      'Contact: Office Visit | Outcome: Attended - Complied | Notes: {pop} reports attending {mutual} | Verified: No',
      'Contact: Telephone | Notes: {pop} states engaging with {svc} | Verification: awaiting confirmation from provider',
      'Contact: Office Visit | Notes: {pop} says on {script} via {svc} - not yet confirmed',
    ],
    contradicted: [
      'Contact: Office Visit | Notes: {pop} reports attending {svc} | Provider update: no attendance since {date}',
      'Contact: Other Agency Contact | Agency: {svc} | Notes: {pop} claims to be collecting {script}; provider confirms script suspended',
      'Contact: Office Visit | Notes: {pop} states attends {mutual} | Check: not known at the group',
    ],
    negation: [
      'Contact: Treatment Appointment | Provider: {svc} | Outcome: Failed to Attend | Enforcement: Warning Letter',
      'Contact: Other Agency Contact | Agency: {svc} | Notes: no engagement since referral',
      'Requirement: ATR | Treatment provider: {svc} | Status: Discharged - non-attendance',
      'Contact: DRR Review | Outcome: Failed to Attend | Enforcement: breach considered',
      'Contact: Other Agency Contact | Agency: {svc} | Notes: {pop} declined {session}',
    ],
    plan: [
      'Contact: Office Visit | Outcome: Attended - Complied | Action: referral to {svc} submitted',
      'Requirement: DRR | Treatment provider: {svc} | Status: Awaiting assessment ({date})',
      'Contact: Office Visit | Action: {pop} to attend {mutual} - details given',
      'Contact: Planned | Next step: {svc} assessment booked for {day}',
      'Requirement: ATR | Treatment provider: {svc} | Status: Referred | Start date: to be confirmed',
    ],
    other_person: [
      'Contact: Home Visit | Notes: {rel} present | Safeguarding: {rel} in treatment with {svc}',
      'Contact: Office Visit | Notes: discussed {rel} attending {svc}; {pop} supportive',
      'Contact: Home Visit | Household: {rel} on {script} via {svc}',
    ],
    historical: [
      'Previous treatment: {svc} ({year}) | Current treatment: none',
      'OASys update | Notes: history of {residential} in {year}; relapsed',
      'Contact: Office Visit | Notes: previously on {script} with {svc}, ended {year}',
      'Contact: Office Visit | Notes: attended {mutual} in the past, not since {year}',
    ],
    substance: [
      'Contact: Drug Test | Result: positive - {drug}',
      'Contact: Office Visit | Notes: reports using {drug}',
      'Contact: Office Visit | Notes: alcohol use discussed, {n} units a day',
    ],
    routine: [
      'Contact: Office Visit | Outcome: Attended - Complied | Notes: housing and ETE discussed',
      'Contact: Unpaid Work | Outcome: Attended - Complied | Hours: {n}',
      'Contact: Home Visit | Outcome: Attended - Complied | Notes: address verified',
      'Contact: Telephone | Outcome: Not Applicable | Notes: appointment rearranged',
      'Contact: RAR Session | Outcome: Attended - Complied | Notes: thinking skills',
    ],
    acceptable_absence: [
      'Contact: Office Visit | Outcome: Acceptable Absence (AA) | Notes: sick note provided',
      'Contact: RAR Session | Outcome: AA - childcare',
    ],
  },
};
