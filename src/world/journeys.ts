/**
 * What really happened to each requirement: structured treatment (already in treatment, or
 * time to start, then an exit), CJIT contact, treatment no NDTMS dataset records, prison,
 * how the requirement terminated, and offences with their court outcomes.
 *
 * Every probability comes from a model in the scenario. Each requirement draws from its own
 * streams, one per process (structured treatment, CJIT, other treatment, prison, secure
 * treatment, termination, reconviction, other court cases, later offences, earlier and later
 * treatment history), so one requirement's story never shifts another's, and retuning one
 * process (a reconviction coefficient, say) moves only what truly depends on its outcome, never
 * another process's draws (common random numbers).
 */
import type { Scenario, RequirementType, RegionCode, LogisticModel, Coefficient } from '../scenario/schema.ts';
import { STRUCTURED_COEFFICIENTS, RECONVICTION_COEFFICIENTS, coefficientFor, lengthBandOf } from '../scenario/schema.ts';
import { stream, type Rng } from '../random/stream.ts';
import { drawMultinomialLogit, drawShare, exponential, logistic, lognormal } from '../random/draw.ts';
import { addMonths, dayFromIso } from '../io/dates.ts';
import { NULL_INT } from '../io/table.ts';
import type {
  CjitContact,
  CourtCase,
  OtherTreatment,
  Person,
  PrisonSpell,
  Requirement,
  SecureEpisode,
  StartBand,
  StructuredStatus,
  TreatmentEpisode,
} from './types.ts';
import { agencyFor } from './agencies.ts';

export interface Journeys {
  episodes: TreatmentEpisode[];
  cjitContacts: CjitContact[];
  secureEpisodes: SecureEpisode[];
  prisonSpells: PrisonSpell[];
  courtCases: CourtCase[];
  otherTreatments: OtherTreatment[];
}

/**
 * The linear predictor of a scenario logistic model for named covariates (0/1 or numbers); a
 * coefficient given per requirement type takes the requirement's type's value.
 */
export function linearPredictor<C extends string>(
  model: { intercept: Record<RequirementType, number>; coefficients: Record<C, Coefficient>; region_effects: Record<RequirementType, Record<RegionCode, number>> },
  names: readonly C[],
  type: RequirementType,
  region: string,
  x: Record<C, number>,
): number {
  let eta = model.intercept[type];
  for (const name of names) eta += coefficientFor(model.coefficients[name], type) * x[name];
  const effects = model.region_effects[type] as Record<string, number>;
  return eta + (effects[region] ?? 0);
}

export function structuredCovariates(req: Requirement, person: Person): Record<(typeof STRUCTURED_COEFFICIENTS)[number], number> {
  const ethnic = person.ethnicGroup;
  return {
    female: person.sex === 'F' ? 1 : 0,
    age_50_plus: req.ageAtSentence >= 50 ? 1 : 0,
    age_18_29: req.ageAtSentence < 30 ? 1 : 0,
    rsr_low: req.rsrBand === 'low' ? 1 : 0,
    theft: req.offenceGroup === 'theft' ? 1 : 0,
    asian_or_mixed: ethnic === 'Asian' || ethnic === 'Mixed' ? 1 : 0,
    settled: req.accommodation === 'settled' ? 1 : 0,
    rough_sleeping: req.accommodation === 'rough_sleeping' ? 1 : 0,
    no_fixed_abode: req.accommodation === 'no_fixed_abode' ? 1 : 0,
    length_months: req.lengthMonths,
    crown_court: req.courtType === 'Crown' ? 1 : 0,
  };
}

export function reconvictionCovariates(req: Requirement, person: Person): Record<(typeof RECONVICTION_COEFFICIENTS)[number], number> {
  const droppedOut = req.status === 'dropout' || req.status === 'prison' || req.status === 'died';
  return {
    male: person.sex === 'M' ? 1 : 0,
    rsr_medium_or_high: req.rsrBand === 'low' ? 0 : 1,
    theft: req.offenceGroup === 'theft' ? 1 : 0,
    length_months: req.lengthMonths,
    short_requirement: lengthBandOf(req.lengthMonths) === '1-3m' ? 1 : 0,
    not_settled: req.accommodation === 'settled' ? 0 : 1,
    black_atr: person.ethnicGroup === 'Black' && req.type === 'ATR' ? 1 : 0,
    london_drr: person.regionCode === 'N07' && req.type === 'DRR' ? 1 : 0,
    status_completed: req.status === 'completed' ? 1 : 0,
    status_remained: req.status === 'remained' ? 1 : 0,
    status_dropout: droppedOut ? 1 : 0,
  };
}

const DISCHARGE_CODES: Record<string, string[]> = {
  completed_alcohol: ['81', '82'],
  completed_drug: ['80', '82'],
  dropout: ['85', '85', '86', '88'],
  prison: ['84', '87'],
  died: ['89'],
  transferred: ['83'],
};

function dischargeCode(reason: string, type: RequirementType, rng: Rng): string {
  const key = reason === 'completed' ? (type === 'ATR' ? 'completed_alcohol' : 'completed_drug') : reason;
  return rng.pick(DISCHARGE_CODES[key]);
}

function substanceGroup(type: RequirementType, rng: Rng): string {
  const u = rng.next();
  if (type === 'ATR') return u < 0.85 ? 'alcohol only' : 'non-opiate and alcohol';
  return u < 0.65 ? 'opiate' : u < 0.9 ? 'non-opiate only' : 'non-opiate and alcohol';
}


function startDelay(scenario: Scenario, type: RequirementType, rng: Rng): { band: StartBand; days: number } {
  const t = scenario.treatment.time_to_start[type];
  const band = drawShare(t.bands, rng.next());
  const ranges: Record<string, [number, number]> = { within3w: [0, 21], '3-6w': [22, 42], '6-12w': [43, 84] };
  if (band === '>12w') return { band, days: 85 + Math.floor(exponential(rng, t.tail_mean_days)) };
  const [a, b] = ranges[band];
  return { band: band as StartBand, days: a + Math.floor(rng.next() * (b - a + 1)) };
}

/** Chance of already being in treatment at sentence: the type's share, shifted on the log-odds by age. */
export function alreadyChance(t: Scenario['treatment'], type: RequirementType, age: number): number {
  const base = t.already_in_treatment[type];
  const byAge = t.already_by_age[type];
  const shift = age < 30 ? byAge.age_18_29 : age >= 50 ? byAge.age_50_plus : 0;
  if (shift === 0 || base <= 0 || base >= 1) return base;
  return logistic(Math.log(base / (1 - base)) + shift);
}

function exitEffects(req: Requirement, person: Person, already: boolean, band: StartBand): string[] {
  const on: string[] = [];
  if (already) on.push('already');
  if (person.sex === 'F') on.push('female');
  if (req.ageAtSentence < 30) on.push('age_18_29');
  if (req.ageAtSentence >= 50) on.push('age_50_plus');
  if (band === 'within3w') on.push('start_within3w');
  if (band === '3-6w') on.push('start_3_6w');
  if (band === '>12w') on.push('start_gt12w');
  return on;
}

type ExitReason = 'completed' | 'dropout' | 'prison' | 'died' | 'transferred';

function drawExit(
  scenario: Scenario,
  req: Requirement,
  person: Person,
  already: boolean,
  band: StartBand,
  rng: Rng,
  allowTransfer: boolean,
  mayDie: boolean,
): { reason: ExitReason; days: number } {
  const model = scenario.treatment.exit[req.type];
  const scores: Record<ExitReason, number> = { ...model.base };
  for (const effect of exitEffects(req, person, already, band)) {
    const shifts = model.effects[effect as keyof typeof model.effects] ?? {};
    for (const [reason, shift] of Object.entries(shifts)) scores[reason as ExitReason] += shift as number;
  }
  if (!allowTransfer) scores.transferred = -Infinity;
  if (!mayDie) scores.died = -Infinity;
  const reason = drawMultinomialLogit(scores, rng.next());
  const d = model.durations[reason];
  const multiplier = (already ? model.already_duration_multiplier : 1) * (person.sex === 'F' ? model.female_duration_multiplier : 1);
  return { reason, days: Math.max(7, Math.round(lognormal(rng, d.median_days * multiplier, d.sigma))) };
}

function referralSource(already: boolean, rng: Rng): string {
  const u = rng.next();
  if (already) return u < 0.55 ? 'self' : u < 0.75 ? 'GP' : u < 0.9 ? 'probation' : 'arrest referral';
  return u < 0.72 ? 'probation' : u < 0.8 ? 'arrest referral' : u < 0.92 ? 'self' : 'GP';
}

/** Fill in each requirement's truth and collect the events it generated. */
/** What every process of a requirement's story reads: the scenario, the extraction date, the world's lists. */
interface JourneyContext {
  scenario: Scenario;
  /** The extraction date. */
  end: number;
  out: Journeys;
}

/** One requirement and its person, with what the processes share. */
interface Subject {
  req: Requirement;
  person: Person;
  region: Person['regionCode'];
  homeAgency: string;
  sentence: number;
  nominalEnd: number;
  yearEnd: number;
}

export function buildJourneys(scenario: Scenario, people: Person[], requirements: Requirement[], seed: number): Journeys {
  const out: Journeys = { episodes: [], cjitContacts: [], secureEpisodes: [], prisonSpells: [], courtCases: [], otherTreatments: [] };
  // The structured treatment journey keeps the stream all the draws once shared.
  const journeyStream = stream(seed, 'world.journey');
  const cjitStream = stream(seed, 'world.journey.cjit');
  const otherStream = stream(seed, 'world.journey.other-treatment');
  const prisonStream = stream(seed, 'world.journey.prison');
  const secureStream = stream(seed, 'world.journey.secure');
  const terminationStream = stream(seed, 'world.journey.termination');
  const reconvictionStream = stream(seed, 'world.journey.reconviction');
  const otherCaseStream = stream(seed, 'world.journey.other-case');
  const laterOffenceStream = stream(seed, 'world.journey.later-offence');
  const earlierHistoryStream = stream(seed, 'world.journey.history.earlier');
  const laterHistoryStream = stream(seed, 'world.journey.history.later');
  const end = dayFromIso(scenario.window.end);
  const ctx: JourneyContext = { scenario, end, out };

  // Someone sentenced again later cannot have died during an earlier order.
  const lastEvent = new Map<number, number>();
  for (const r of requirements) lastEvent.set(r.personId, Math.max(lastEvent.get(r.personId) ?? 0, r.eventNumber));

  for (const req of requirements) {
    const id = req.requirementId;
    const person = people[req.personId];
    const sentence = req.sentenceDate;
    const subject: Subject = {
      req,
      person,
      region: person.regionCode,
      homeAgency: agencyFor(person, 0),
      sentence,
      nominalEnd: addMonths(sentence, req.lengthMonths),
      yearEnd: sentence + 365,
    };
    structuredJourney(ctx, subject, journeyStream.at(id), req.eventNumber === lastEvent.get(req.personId));
    const other = req.structured ? null : unstructuredTreatment(ctx, subject, cjitStream.at(id), otherStream.at(id));
    const reception = prisonSpell(ctx, subject, prisonStream.at(id), () => secureStream.at(id));
    req.anyTreatment = req.structured || req.cjit || req.otherTreatment || req.secureTreatment;
    terminate(ctx, subject, reception, other, terminationStream.at(id));
    offences(ctx, subject, reconvictionStream.at(id), otherCaseStream.at(id), laterOffenceStream.at(id));
    addHistory(scenario, person, req, earlierHistoryStream.at(id), laterHistoryStream.at(id), end, out.episodes);
  }
  return out;
}

/** Structured community treatment while the requirement runs: start, then up to three legs with providers. */
function structuredJourney(ctx: JourneyContext, subject: Subject, rng: Rng, mayDie: boolean): void {
  const { scenario, end, out } = ctx;
  const { req, person, region, homeAgency, sentence } = subject;
  const t = scenario.treatment;
  const eta = linearPredictor(t.structured as LogisticModel, STRUCTURED_COEFFICIENTS, req.type, region, structuredCovariates(req, person));
  req.structured = rng.next() < logistic(eta);
  if (req.structured) {
    const already = rng.next() < alreadyChance(t, req.type, req.ageAtSentence);
    let band: StartBand;
    let start: number;
    if (already) {
      band = 'already';
      start = sentence - 1 - Math.floor(rng.next() * 540);
    } else {
      const delay = startDelay(scenario, req.type, rng);
      band = delay.band;
      start = sentence + delay.days;
    }
    req.startBand = band;
    req.treatmentStart = start;
    const group = substanceGroup(req.type, rng);
    let episodeStart = start;
    let agency = homeAgency;
    let status: StructuredStatus = 'remained';
    let journeyEnd = NULL_INT;
    for (let leg = 0; leg < 3; leg++) {
      const exit = drawExit(scenario, req, person, already, band, rng, leg < 2, mayDie);
      const exitDay = Math.max(episodeStart, sentence) + exit.days;
      const open = exitDay > end;
      out.episodes.push({
        personId: person.personId,
        requirementId: req.requirementId,
        agencyCode: agency,
        triageDate: episodeStart,
        dischargeDate: open ? NULL_INT : exitDay,
        dischargeReason: open ? null : dischargeCode(exit.reason, req.type, rng),
        substanceGroup: group,
        referralSource: referralSource(already && leg === 0, rng),
      });
      if (open) {
        status = 'remained';
        journeyEnd = NULL_INT;
        break;
      }
      journeyEnd = exitDay;
      if (exit.reason === 'transferred' && rng.next() < t.transfer_continues) {
        // A new journey with another provider: one person, two client ids.
        agency = agencyFor(person, leg + 1);
        episodeStart = exitDay + 1 + Math.floor(rng.next() * 21);
        if (episodeStart > end) {
          status = 'dropout';
          break;
        }
        continue;
      }
      status = exit.reason === 'transferred' ? 'dropout' : exit.reason;
      break;
    }
    req.status = status;
    req.treatmentEnd = journeyEnd;
    if (status === 'died') req.died = true;
  }
}

/** Unstructured and unrecorded treatment among those not in structured treatment: CJIT, and treatment no NDTMS dataset records. */
function unstructuredTreatment(ctx: JourneyContext, subject: Subject, cjitRng: Rng, otherRng: Rng): OtherTreatment | null {
  const { scenario, end, out } = ctx;
  const { req, person, homeAgency, sentence, nominalEnd } = subject;
  const t = scenario.treatment;
  let other: OtherTreatment | null = null;
  if (cjitRng.next() < t.cjit_contact[req.type]) {
    req.cjit = true;
    const day = sentence + Math.floor(cjitRng.next() * 120);
    if (day <= end) out.cjitContacts.push({ personId: person.personId, requirementId: req.requirementId, agencyCode: homeAgency, contactDate: day });
  }
  if (otherRng.next() < t.other_treatment[req.type]) {
    req.otherTreatment = true;
    const from = sentence + Math.floor(otherRng.next() * 60);
    const to = Math.min(nominalEnd, from + Math.round(lognormal(otherRng, 90, 0.6)));
    const kinds = ['mutual aid', 'GP', 'other service'] as const;
    other = { personId: person.personId, requirementId: req.requirementId, kind: otherRng.pick(kinds), from, to };
    out.otherTreatments.push(other);
  }
  return other;
}

/** Prison within 12 months (journeys that end on entering prison, and a model for the rest), and treatment inside. Returns the reception day or NULL_INT. */
function prisonSpell(ctx: JourneyContext, subject: Subject, prisonRng: Rng, secureRngOf: () => Rng): number {
  const { scenario, end, out } = ctx;
  const { req, person, region, homeAgency, sentence, yearEnd } = subject;
  const t = scenario.treatment;
  let reception = NULL_INT;
  if (req.status === 'prison' && req.treatmentEnd !== NULL_INT) {
    reception = req.treatmentEnd;
  } else if (!req.died) {
    const p = scenario.prison.within_12_months;
    const x = {
      male: person.sex === 'M' ? 1 : 0,
      rsr_medium_or_high: req.rsrBand === 'low' ? 0 : 1,
      not_settled: req.accommodation === 'settled' ? 0 : 1,
      theft: req.offenceGroup === 'theft' ? 1 : 0,
    };
    const pPrison = logistic(linearPredictor(p, ['male', 'rsr_medium_or_high', 'not_settled', 'theft'] as const, req.type, region, x));
    const hit = prisonRng.next() < pPrison;
    const earliest = req.structured ? (req.treatmentEnd === NULL_INT ? NULL_INT : req.treatmentEnd + 1) : sentence + 7;
    const u = prisonRng.next();
    if (hit && earliest !== NULL_INT && earliest < yearEnd) reception = earliest + Math.floor(u * (yearEnd - earliest));
  }
  if (reception !== NULL_INT && reception <= end) {
    const release = reception + Math.max(3, Math.round(lognormal(prisonRng, scenario.prison.median_spell_days, 0.7)));
    out.prisonSpells.push({ personId: person.personId, requirementId: req.requirementId, receptionDate: reception, releaseDate: release });
    req.prisonWithin12m = reception <= yearEnd;
    const secureRng = secureRngOf();
    if (secureRng.next() < t.secure_treatment_in_prison) {
      req.secureTreatment = true;
      const triage = reception + 2 + Math.floor(secureRng.next() * 14);
      if (triage <= end) {
        out.secureEpisodes.push({ personId: person.personId, requirementId: req.requirementId, agencyCode: `P${homeAgency.slice(1)}`, triageDate: triage, dischargeDate: Math.min(release, triage + 120) });
      }
    }
  }
  return reception;
}

/** How the requirement ends: engagement shifts the odds towards completion; prison and death decide some. */
function terminate(ctx: JourneyContext, subject: Subject, reception: number, other: OtherTreatment | null, terminationRng: Rng): void {
  const { scenario } = ctx;
  const { req, sentence, nominalEnd } = subject;
  const shares = { ...scenario.requirements.termination[req.type] };
  if (req.anyTreatment) shares.completed *= 1.35;
  else {
    shares.revoked *= 1.4;
    shares.ssa *= 1.4;
  }
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  for (const k of Object.keys(shares) as (keyof typeof shares)[]) shares[k] /= total;
  let reason = drawShare(shares, terminationRng.next());
  // Deaths come from the treatment journey (the only deaths the world models); one after the
  // order's nominal end leaves its termination as drawn.
  const diedDuringOrder = req.died && req.treatmentEnd <= nominalEnd;
  if (diedDuringOrder) reason = 'died';
  else if (reason === 'died') reason = 'other';
  if (reception !== NULL_INT && reception < nominalEnd && !diedDuringOrder) reason = req.orderType === 'SSO' ? 'ssa' : 'revoked';
  if (reason === 'ssa' && req.orderType === 'CO') reason = 'revoked';
  req.terminationReason = reason;
  const length = nominalEnd - sentence;
  if (reason === 'completed' || reason === 'expired') req.terminationDate = nominalEnd;
  else if (reason === 'died') req.terminationDate = req.treatmentEnd;
  else if (reception !== NULL_INT && reception < nominalEnd) req.terminationDate = reception + Math.floor(terminationRng.next() * 30);
  else req.terminationDate = sentence + Math.floor(length * (0.2 + 0.7 * terminationRng.next()));
  // Orders are revoked or activated after people stop engaging, and completed by people who
  // keep going: unrecorded treatment ends weeks before a revocation and runs on to a completion.
  const engagementShift = terminationRng.next();
  if (other) {
    if (reason === 'revoked' || reason === 'ssa') other.to = Math.max(other.from, Math.min(other.to, req.terminationDate - 30 - Math.floor(engagementShift * 90)));
    else if (reason === 'completed' && engagementShift < 0.6) other.to = Math.max(other.to, req.terminationDate);
  }
}

/** Offences and their court cases: the reconviction within 12 months, an acquittal or withdrawn charge, a later offence. */
function offences(ctx: JourneyContext, subject: Subject, reconvictionRng: Rng, otherCaseRng: Rng, laterRng: Rng): void {
  const { scenario, end, out } = ctx;
  const { req, person, region, sentence, yearEnd } = subject;
  const deathDay = req.died ? req.treatmentEnd : NULL_INT;
  // Reoffending: a conviction for an offence within 12 months, from the scenario's model.
  const r = scenario.reconviction;
  const etaR = linearPredictor(r.model, RECONVICTION_COEFFICIENTS, req.type, region, reconvictionCovariates(req, person));
  // Each kind of case draws from its own stream, its court details last.
  const reoffends = reconvictionRng.next() < logistic(etaR);
  const offenceDay = sentence + 1 + Math.floor(reconvictionRng.next() * 365);
  if (reoffends && (deathDay === NULL_INT || offenceDay < deathDay)) {
    req.reconvicted = true;
    out.courtCases.push(courtCase(scenario, person, req, 'within_year', offenceDay, 'guilty', reconvictionRng));
  }
  // Cases that do not make a reconviction: acquittals and withdrawn charges in the same year.
  const otherCase = otherCaseRng.next();
  const otherDay = sentence + 1 + Math.floor(otherCaseRng.next() * 365);
  if (otherCase < r.not_guilty_share + r.withdrawn_share && (deathDay === NULL_INT || otherDay < deathDay)) {
    out.courtCases.push(courtCase(scenario, person, req, 'acquittal_or_withdrawal', otherDay, otherCase < r.not_guilty_share ? 'not guilty' : 'withdrawn', otherCaseRng));
  }
  // Later offences fall outside the 12-month measure but sit in the same court data.
  if (laterRng.next() < r.later_offence && deathDay === NULL_INT) {
    const day = yearEnd + 1 + Math.floor(laterRng.next() * 700);
    if (day <= end) out.courtCases.push(courtCase(scenario, person, req, 'later_offence', day, 'guilty', laterRng));
  }
}

/**
 * The cases a requirement can produce, at most one of each: the offence within the year (the
 * reconviction), an acquittal or withdrawn charge in the same year, and a later offence.
 */
const CASE_KIND = { within_year: 0, acquittal_or_withdrawal: 1, later_offence: 2 } as const;
type CaseKind = keyof typeof CASE_KIND;

/** A court case's stable key: its requirement and its kind, never its position in the world's list. */
export function caseKey(requirementId: number, kind: CaseKind): number {
  return requirementId * 3 + CASE_KIND[kind];
}

function courtCase(scenario: Scenario, person: Person, req: Requirement, kind: CaseKind, offenceDate: number, outcome: CourtCase['outcome'], rng: Rng): CourtCase {
  const delay = scenario.reconviction.outcome_delay;
  const crown = rng.next() < delay.crown_share;
  const d = crown ? delay.crown : delay.magistrates;
  // The draw is taken even with no delay, so the knob leaves every later draw where it was.
  const drawn = Math.max(1, Math.round(lognormal(rng, d.median_days, d.sigma)));
  const outcomeDate = offenceDate + (d.median_days === 0 ? 0 : drawn);
  return {
    caseKey: caseKey(req.requirementId, kind),
    personId: person.personId,
    requirementId: req.requirementId,
    offenceGroup: rng.next() < 0.5 ? req.offenceGroup : rng.pick(['theft', 'violence', 'public_order', 'drug', 'criminal_damage']),
    offenceDate,
    courtType: crown ? 'Crown' : 'Magistrates',
    outcome,
    hearingDate: outcomeDate,
    outcomeDate,
  };
}

/**
 * Treatment before and after the requirement: the right person, outside the requirement's
 * window. Earlier and later episodes draw from streams of their own (the substance group is the
 * earlier stream's first draw), so neither knob moves the other's episodes.
 */
function addHistory(
  scenario: Scenario,
  person: Person,
  req: Requirement,
  earlierRng: Rng,
  laterRng: Rng,
  end: number,
  episodes: TreatmentEpisode[],
): void {
  const h = scenario.treatment.history;
  const group = substanceGroup(req.type, earlierRng);
  const firstDay = req.structured ? Math.min(req.treatmentStart, req.sentenceDate) : req.sentenceDate;
  if (earlierRng.next() < h.earlier_episode) {
    const triage = firstDay - 150 - Math.floor(earlierRng.next() * 1300);
    const discharge = Math.min(firstDay - 30, triage + Math.round(lognormal(earlierRng, 120, 0.8)));
    if (discharge > triage) {
      episodes.push({
        personId: person.personId,
        requirementId: -1,
        agencyCode: agencyFor(person, earlierRng.next() < 0.7 ? 0 : 5),
        triageDate: triage,
        dischargeDate: discharge,
        dischargeReason: earlierRng.pick(['80', '81', '85', '85', '86', '88']),
        substanceGroup: group,
        referralSource: earlierRng.pick(['self', 'GP', 'arrest referral', 'probation']),
      });
    }
  }
  if (laterRng.next() < h.later_episode && !req.died) {
    const after = Math.max(req.terminationDate, req.treatmentEnd === NULL_INT ? end : req.treatmentEnd);
    const triage = after + 30 + Math.floor(laterRng.next() * 500);
    if (triage <= end) {
      const discharge = triage + Math.round(lognormal(laterRng, 150, 0.8));
      episodes.push({
        personId: person.personId,
        requirementId: -1,
        agencyCode: agencyFor(person, laterRng.next() < 0.7 ? 0 : 6),
        triageDate: triage,
        dischargeDate: discharge > end ? NULL_INT : discharge,
        dischargeReason: discharge > end ? null : laterRng.pick(['80', '81', '85', '85', '86']),
        substanceGroup: group,
        referralSource: laterRng.pick(['self', 'GP', 'probation']),
      });
    }
  }
}
