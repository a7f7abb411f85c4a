/**
 * The study's manual reviewers (section 1.3.2: 324 unlinked CRNs' contact notes read by
 * hand, 65% judged engaged in some form of treatment). They are people in the world the
 * bench simulates, not a method: each reads every note of a requirement's window and takes
 * some notes as showing engagement, by what the note is truly about. A reviewer who sees one
 * such note calls the requirement engaged, so small per-note slips compound over a case's
 * notes as they did for the study's readers (their rule was "engaged in some form of
 * treatment, not limited to structured treatment", which a referral, an assessment booked or
 * the person's own word can seem to meet). The defaults are judgements of a careful but
 * human reader, set once from the notes' wording, not fitted to the 65%.
 */
import { z } from 'zod';

const probability = z.number().min(0).max(1);

export const reviewerSchema = z
  .object({
    reads_as_engaged: z
      .object({
        engagement: probability.default(0.95).describe('A note that truly shows engagement (attended, collected a script, key worker seen): the rest are missed, mostly terse or implicit ones.'),
        claimed_engagement: probability.default(0.6).describe('The person says they attend, with nothing behind it: a reader has no way to check and more often than not believes it.'),
        plan: probability.default(0.07).describe('A referral made, an assessment booked, an intention to attend: read as "some form of treatment" now and then.'),
        historical: probability.default(0.03).describe('Treatment in the past ("previously attended AA"): its tense missed now and then.'),
        other_person: probability.default(0.03).describe('Someone else\'s treatment (a partner in rehab): misread now and then.'),
        non_engagement: probability.default(0.01).describe('A missed appointment or a refusal: rarely read the wrong way.'),
        substance_talk: probability.default(0.01).describe('Use, relapse or cravings with no service named: rarely taken as treatment.'),
        routine: probability.default(0).describe('A note with nothing about substances or treatment.'),
      })
      .strict()
      .prefault({})
      .describe('Chance a reviewer takes a note as showing engagement, by what the note is truly about.'),
  })
  .strict();

export type ReviewerConfig = z.infer<typeof reviewerSchema>;
