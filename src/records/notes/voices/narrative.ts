/**
 * The full narrative: a practitioner who writes up each contact in whole sentences, in the
 * first person, with what was said and what was checked. Written apart from the other voices.
 */
import type { Voice } from './types.ts';

export const NARRATIVE: Voice = {
  name: 'narrative',
  description: 'full narrative: first person, whole sentences, what was said and checked',
  style: {
    capitalise: true,
    abbreviate: 0.3,
    people: ['Mr X', 'he', 'the person on probation', 'Mr Y', 'he'],
    misspellings: {
      attended: ['attened', 'atended'],
      attending: ['attenting', 'atending'],
      engaging: ['engageing', 'enaging'],
      collecting: ['collectng'],
      confirmed: ['confimed', 'comfirmed'],
      going: ['gong'],
    },
  },
  templates: {
    engaged: [
      "During today's supervision {pop} showed me the appointment card from {svc}; he attended on {day} and saw {worker}.",
      '{pop} attended {svc} on {day} for a {session} with {worker}, and spoke positively about it.',
      'We discussed progress on the order. {pop} is attending {svc} regularly and is engaging in {session}.',
      '{pop} is now in {residential}, arranged through {svc}, and is settling in well.',
      '{pop} is still collecting his {script} each day, prescribed through {svc}, and has started {harm}.',
      'At the review hearing the court heard that {pop} has been attending {svc} consistently.',
      '{pop} has been seen by {worker} at {svc} every week this month and his {test} was negative.',
    ],
    engaged_mutual: [
      '{pop} has been going to {mutual} meetings twice a week and now has a sponsor.',
      '{pop} attended a {mutual} meeting on {day} and talked about it openly in supervision.',
      '{pop} is working through {mutual} and showed me his attendance record.',
      '{pop} continues to attend {mutual} and says the group keeps him going.',
    ],
    third_party: [
      'I received a letter from {svc} confirming that {pop} has attended every appointment this month.',
      'I telephoned {worker} at {svc}, who confirmed that {pop} attended his {session} on {day}.',
      '{worker} from {svc} emailed to say that {pop} is engaging well and his {test} results are negative.',
      'A three-way meeting with {worker} from {svc} confirmed good attendance and engagement.',
    ],
    unverified_claim: [
      '{pop} told me he has been attending {mutual}, but he could not give any details and I have not been able to verify this.',
      '{pop} states that he is engaging with {svc}; I have asked for evidence and none has been provided yet.',
      '{pop} said he is back on his {script}, although this has not yet been confirmed by {svc}.',
      '{pop} claims to be going to {mutual} every week. There is nothing to confirm this at present.',
    ],
    contradicted: [
      '{pop} told me he has been attending {svc} weekly. When I checked, {worker} said he has not been seen since {date}.',
      '{pop} maintains that he is collecting his {script}, however the pharmacy confirmed it has not been collected for a week.',
      'Although {pop} says he is engaging with {svc}, their records show he missed his last three appointments.',
      '{pop} said he went to {mutual} on {day}, but the meeting he named does not run on that day.',
    ],
    negation: [
      '{pop} did not attend his appointment with {svc} on {day} and has not made contact since.',
      '{pop} has not been engaging with {svc}; {worker} has tried to contact him several times without success.',
      '{pop} has been discharged from {svc} after failing to attend for a month.',
      '{pop} refused to consider {mutual} and said he does not need any help.',
      'There has been no engagement with {svc} this month.',
      '{pop} missed his {session} at {svc} again this week.',
    ],
    plan: [
      'We agreed that I would make a referral to {svc}, and {pop} will attend an assessment on {day}.',
      '{pop} is hoping to start {residential} once funding is agreed; {svc} are looking into a place.',
      'I gave {pop} the details of local {mutual} meetings and he said he would try one next week.',
      '{pop} has been referred to {svc} for an assessment and is waiting for a date.',
      'An appointment has been booked for {pop} with {worker} at {svc} on {day}.',
      '{pop} is thinking about going to {mutual} and we will talk about it again next time.',
    ],
    other_person: [
      '{pop} told me that his {rel} has been attending {svc} and is doing well.',
      '{pop} is worried about his {rel}, who has started {residential} with {svc}.',
      '{pop} drives his {rel} to {svc} each week but does not go in himself.',
      'His {rel} goes to {mutual}, which {pop} says has helped the whole family.',
    ],
    historical: [
      '{pop} spoke about his past treatment: he was on a {script} with {svc} in {year} but came off it.',
      'In {year} {pop} completed {residential}, but he relapsed shortly afterwards.',
      '{pop} used to go to {mutual} when he lived in another area but has not been for years.',
      '{pop} engaged with {svc} during his previous order, before this sentence began.',
    ],
    substance: [
      '{pop} admitted using {drug} at the weekend and we talked about his triggers.',
      'A drug test today was positive for {drug}.',
      '{pop} says he is drinking around {n} cans a day and wants to cut down.',
      'We talked about his cravings for {drug} and what he does when they come.',
    ],
    routine: [
      'We discussed housing and the Universal Credit claim with {pop}.',
      '{pop} attended on time for supervision and presented well. We worked on victim awareness.',
      'Home visit completed; the address was verified and no concerns were noted.',
      '{pop} has now completed {n} hours of unpaid work.',
      'We went through the thinking skills workbook together.',
    ],
    acceptable_absence: [
      '{pop} rang to say he was unwell and provided a sick note, so the missed appointment was recorded as an AA.',
      'The absence on {day} was accepted (AA) as {pop} had a hospital appointment.',
    ],
  },
};
