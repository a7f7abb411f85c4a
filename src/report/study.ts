/**
 * The study's sections in its order, and where each of its figures and tables is rebuilt from
 * a run's estimates: data, read by a generic page builder. A pick names an estimate id and the
 * groups it takes (a regular expression on `group`; by default the headline groups all, ATR,
 * DRR); `label` names the bar when the group alone does not.
 *
 * Chart kinds (one file each under charts/): `bars` (published, recovered and truth side by
 * side per category), `odds` (odds ratios recovered with their 95% interval against the
 * generating model's truth, log scale), `gap` (one value per category: the method's bias or
 * what it missed), `table` (no chart: the three columns only).
 */

export type ChartKind = 'bars' | 'odds' | 'gap' | 'table';

/** How a `gap` chart turns an estimate into its one value. */
export type GapValue = 'bias' | 'missed';

export interface Pick {
  id: string;
  /** Regular expression on the estimate's group; default `^(all|ATR|DRR)$`. */
  groups?: string;
  label?: string;
}

export interface Figure {
  /** File stem under report/: the spec, its CSV. */
  key: string;
  title: string;
  chart: ChartKind;
  picks: Pick[];
  gap?: GapValue;
  /** What the reader should know that the numbers do not say. */
  note?: string;
}

export interface Section {
  number: string;
  title: string;
  figures: Figure[];
}

const HEADLINE = '^(all|ATR|DRR)$';
const TYPES = '^(ATR|DRR)$';

const statusPicks = (by: string, label = true): Pick[] =>
  (['remained', 'completed', 'dropout'] as const).map((s) => ({ id: `status.${s}.pct.${by}`, groups: `^(ATR|DRR)\\|${by === 'time_to_engage' ? 'engage' : by}=`, ...(label ? { label: s } : {}) }));

/** The study's sections 2 to 4, in its order, with its own captions. */
export const STUDY_SECTIONS: Section[] = [
  {
    number: '2.1',
    title: 'Estimated percentage of ATRs and DRRs engaging in any treatment',
    figures: [
      {
        key: 'fig01-identification-in-treatment',
        title: 'Figure 1: Identification in treatment, the extrapolation step by step',
        chart: 'bars',
        picks: [
          { id: 'link.structured.pct', label: '1. linked to structured treatment' },
          { id: 'nlp.engaged.pct', label: '2. engaged in the unlinked sample' },
          { id: 'any_treatment.extrapolated_unlinked.pct', label: '3. further share of all, from the notes' },
          { id: 'any_treatment.pct', label: '4. "up to": linked + further' },
          { id: 'any_treatment.corrected.pct', label: '5. corrected for the classifier (bench)' },
        ],
        note: 'Step 2 is a share of the unlinked sample; steps 1, 3, 4 and 5 are shares of all requirements. Step 5 is the bench\'s Rogan-Gladen correction, which the study did not make.',
      },
    ],
  },
  {
    number: '2.2',
    title: 'Probabilistic linkage to structured treatment of ATRs and DRRs',
    figures: [
      {
        key: 'sec2-2-linkage-categories',
        title: 'Linked to structured treatment, to CJIT only, or to neither',
        chart: 'bars',
        picks: [
          { id: 'link.structured.pct', label: 'structured treatment' },
          { id: 'link.cjit_only.pct', label: 'CJIT only' },
          { id: 'link.none.pct', label: 'neither' },
          { id: 'link.structured.pct.deterministic', label: 'structured, exact match (bench baseline)' },
        ],
      },
    ],
  },
  {
    number: '2.3-2.4',
    title: 'Probabilistic linkage to structured treatment and treatment outcomes for ATRs and DRRs',
    figures: [
      {
        key: 'fig02-03-outcomes-by-requirement-type',
        title: 'Figures 2 and 3: Treatment engagement outcomes between sentencing and 31 March 2023 (% of all requirements)',
        chart: 'bars',
        picks: [
          ...(['remained', 'completed', 'dropout', 'prison', 'died'] as const).map((s) => ({ id: `outcome.linked.${s}.pct_all`, groups: TYPES, label: `linked: ${s}` })),
          ...(['cjit', 'prison12m', 'neither'] as const).map((s) => ({ id: `outcome.unlinked.${s}.pct_all`, groups: TYPES, label: `not linked: ${s}` })),
          { id: 'outcome.no_ndtms_identification.pct', groups: TYPES, label: 'no NDTMS identification' },
        ],
      },
      {
        key: 'sec2-3-prison-within-12-months',
        title: 'Prison within 12 months of the requirement (%)',
        chart: 'table',
        picks: [{ id: 'prison.within12m.pct', groups: TYPES, label: 'prison within 12 months' }, { id: 'link.completed_of_linked.pct', groups: TYPES, label: 'completed, % of linked' }],
      },
    ],
  },
  {
    number: '2.5',
    title: 'Probation contact note analysis',
    figures: [
      {
        key: 'fig04-notes-engaged',
        title: 'Figure 4: Records without linked structured treatment where probation case notes contain evidence of engagement',
        chart: 'bars',
        picks: [{ id: 'nlp.engaged.pct', label: 'engaged (any note)' }, { id: 'nlp.engaged.corrected.pct', label: 'corrected for the classifier (bench)' }],
      },
      {
        key: 'sec2-5-notes-counts',
        title: 'The contact-notes sample',
        chart: 'table',
        picks: ['nlp.sample', 'nlp.requirements_with_keyword_notes', 'nlp.keyword_notes', 'nlp.no_keyword_notes', 'nlp.engaged', 'nlp.not_engaged', 'manual_review.reviewed', 'manual_review.engaged.pct'].map((id) => ({ id, label: id })),
      },
    ],
  },
  {
    number: '2.6',
    title: 'Probation contact note engagement analysis',
    figures: [
      {
        key: 'table01-termination-reasons',
        title: 'Table 1: Requirements per nDelius requirement termination reason',
        chart: 'table',
        picks: ['completed', 'revoked', 'suspended_sentence_activated', 'expired', 'died', 'other'].flatMap((r) => [
          { id: `termination.${r}`, label: `${r}: requirements` },
          { id: `termination.${r}.pct`, label: `${r}: % of total` },
        ]),
      },
      {
        key: 'fig05-engagement-before-termination',
        title: 'Figure 5: Percentage of contact notes indicating engagement with treatment services, by nDelius requirement termination reason',
        chart: 'bars',
        picks: ['completed', 'revoked', 'suspended_sentence_activated', 'expired', 'died', 'other'].map((r) => ({ id: `termination.${r}.engagement_rate.pct`, label: r })),
      },
    ],
  },
  {
    number: '3.1',
    title: 'Factors and characteristics associated with linkage to structured treatment',
    figures: [
      {
        key: 'sec3-1-odds-linked',
        title: 'Odds ratios of being linked to structured treatment (multilevel logistic regression), recovered with 95% interval against the generating model',
        chart: 'odds',
        picks: [{ id: 'regression.linked.odds_ratio', groups: '^(all|ATR|DRR)\\|term=' }],
      },
    ],
  },
  {
    number: '3.2',
    title: 'Linkage to structured treatment by region',
    figures: [{ key: 'fig06-07-linked-by-region', title: 'Figures 6 and 7: ATRs and DRRs linked to structured treatment, by probation region (%)', chart: 'bars', picks: [{ id: 'link.structured.pct.region', groups: '^(ATR|DRR)\\|region=' }] }],
  },
  {
    number: '3.3',
    title: 'Accommodation status for ATRs and DRRs linked to structured treatment',
    figures: [{ key: 'fig08-linked-by-accommodation', title: 'Figure 8: ATRs and DRRs linked to structured treatment, by accommodation status (%)', chart: 'bars', picks: [{ id: 'link.structured.pct.accommodation', groups: '^(ATR|DRR)\\|accommodation=' }] }],
  },
  {
    number: '3.4',
    title: 'ATRs and DRRs linked to structured treatment, by requirement length',
    figures: [{ key: 'fig09-linked-by-length', title: 'Figure 9: ATRs and DRRs linked to structured treatment, by requirement length (%)', chart: 'bars', picks: [{ id: 'link.structured.pct.length', groups: '^(ATR|DRR)\\|length=' }] }],
  },
  {
    number: '3.5',
    title: 'Time to access structured treatment after sentencing',
    figures: [
      {
        key: 'fig10-time-to-treatment',
        title: 'Figure 10: Cumulative time to access structured treatment after sentencing (% of linked)',
        chart: 'bars',
        picks: [
          { id: 'time_to_treatment.already.pct', groups: TYPES, label: 'already in treatment' },
          { id: 'time_to_treatment.within3w.pct', groups: TYPES, label: 'within 3 weeks' },
          { id: 'time_to_treatment.within6w.pct', groups: TYPES, label: 'within 6 weeks' },
          { id: 'time_to_treatment.within12w.pct', groups: TYPES, label: 'within 12 weeks' },
        ],
      },
      { key: 'sec3-5-mean-days', title: 'Mean time to structured treatment (days)', chart: 'table', picks: [{ id: 'time_to_treatment.mean_days', groups: TYPES, label: 'mean days' }] },
    ],
  },
  {
    number: '3.6',
    title: 'Treatment engagement status at the end of the observation period',
    figures: [
      { key: 'fig11-12-status-by-age', title: 'Figures 11 and 12: Structured treatment engagement status on 31 March 2023, by age band (% of linked)', chart: 'bars', picks: statusPicks('age') },
      { key: 'fig13-14-status-by-sex', title: 'Figures 13 and 14: Structured treatment engagement status on 31 March 2023, by sex (% of linked)', chart: 'bars', picks: statusPicks('sex') },
    ],
  },
  {
    number: '3.7',
    title: 'Treatment outcomes for ATRs and DRRs linked to structured treatment based on time to engage with treatment',
    figures: [
      { key: 'fig15-16-status-by-time-to-engage', title: 'Figures 15 and 16: Treatment engagement status on 31 March 2023, by time to engage with structured treatment (%)', chart: 'bars', picks: statusPicks('time_to_engage') },
    ],
  },
  {
    number: '4.1',
    title: 'Identified reconvictions for ATRs and DRRs',
    figures: [
      {
        key: 'fig17-18-reconvictions',
        title: 'Figures 17 and 18: Identified reconvictions within 12 months (%)',
        chart: 'bars',
        picks: [
          { id: 'reconviction.pct', label: 'all requirements' },
          { id: 'reconviction.pct.linked', label: 'linked to structured treatment' },
          { id: 'reconviction.pct.unlinked', label: 'not linked' },
        ],
        note: 'Truth here is a guilty outcome for an offence in the window, recorded at any time; the method sees only outcomes recorded by the extraction date.',
      },
    ],
  },
  {
    number: '4.2',
    title: 'Factors and characteristics associated with being reconvicted after an ATR or DRR',
    figures: [
      {
        key: 'sec4-2-odds-reconvicted',
        title: 'Odds ratios of reconviction within 12 months (multilevel logistic regression), recovered with 95% interval against the generating model',
        chart: 'odds',
        picks: [{ id: 'regression.reconvicted.odds_ratio', groups: '^(all|ATR|DRR)\\|term=' }],
      },
    ],
  },
  {
    number: '4.3',
    title: 'Identified reconvictions for ATRs and DRRs, by region',
    figures: [{ key: 'fig19-20-reconvicted-by-region', title: 'Figures 19 and 20: Identified reconvictions within 12 months, by region (%)', chart: 'bars', picks: [{ id: 'reconviction.pct.region', groups: '^(ATR|DRR)\\|region=' }] }],
  },
  {
    number: '4.4',
    title: 'Identified reconvictions, by requirement length',
    figures: [{ key: 'fig21-reconvicted-by-length', title: 'Figure 21: Identified reconvictions, by requirement length (%)', chart: 'bars', picks: [{ id: 'reconviction.pct.length', groups: '^(ATR|DRR)\\|length=' }] }],
  },
  {
    number: '4.5',
    title: 'Identified reconvictions, by structured treatment engagement status',
    figures: [{ key: 'fig22-reconvicted-by-status', title: 'Figure 22: Identified reconvictions, by structured treatment engagement status on 31 March 2023 (%)', chart: 'bars', picks: [{ id: 'reconviction.pct.status', groups: '^(ATR|DRR)\\|status=' }] }],
  },
];

/** One section per method: what the truth shows that the method, on the records alone, hid. */
export const METHOD_SECTIONS: Section[] = [
  {
    number: 'Linkage',
    title: 'What the linkage hid: who it missed',
    figures: [
      {
        key: 'hidden-linkage-missed-by-group',
        title: 'True links the probabilistic linkage missed (100 - recall, pair by pair), by group (%)',
        chart: 'gap',
        gap: 'missed',
        picks: [{ id: 'linkage.recall', groups: '^all(\\|.*)?$' }],
      },
      {
        key: 'hidden-linkage-bias-by-accommodation',
        title: 'Recovered minus true share linked to structured treatment, by accommodation (points)',
        chart: 'gap',
        gap: 'bias',
        picks: [{ id: 'link.structured.pct.accommodation', groups: '^(ATR|DRR)\\|accommodation=' }],
      },
    ],
  },
  {
    number: 'Contact notes',
    title: 'What the contact-notes method hid: the classifier\'s errors',
    figures: [
      {
        key: 'hidden-notes-errors-by-note-kind',
        title: 'The classifier\'s errors by note type: % of the sample\'s keyword notes of each kind labelled engaged (recovered) and truly engaged (truth)',
        chart: 'bars',
        picks: [
          { id: 'nlp.note_errors.engaged.pct', groups: '^all\\|kind=', label: 'no-plan-cues' },
          { id: 'nlp.note_errors.engaged.pct.rules', groups: '^all\\|kind=', label: 'rules' },
        ],
        note: 'A kind whose truth is 0 (plans, other people\'s treatment, history) shows the classifier\'s false positives; one whose truth is 100 shows what it missed.',
      },
      {
        key: 'hidden-notes-accuracy-by-voice',
        title: 'Each classifier\'s accuracy on the sample\'s keyword notes, by the voice they are written in; statistical trained on two voices and scored on the third (%)',
        chart: 'bars',
        picks: [
          { id: 'nlp.notes.accuracy.pct', groups: '^all\\|voice=', label: 'no-plan-cues' },
          { id: 'nlp.notes.accuracy.pct.rules', groups: '^all\\|voice=', label: 'rules' },
          { id: 'nlp.notes.out_of_voice.accuracy.pct.statistical', groups: '^all\\|voice=', label: 'statistical, out of voice' },
        ],
        note: 'The original voice is the template set the rules were first written on; officer, narrative and casework were written apart from it. Sensitivity and specificity by voice are in results.json (nlp.notes.sensitivity.pct, nlp.notes.specificity.pct).',
      },
      {
        key: 'hidden-notes-accuracy-by-hard-case',
        title: 'Each classifier\'s accuracy on the sample\'s keyword notes, by hard-case type (%)',
        chart: 'bars',
        picks: [
          { id: 'nlp.notes.accuracy.pct', groups: '^all\\|hard_case=', label: 'no-plan-cues' },
          { id: 'nlp.notes.accuracy.pct.rules', groups: '^all\\|hard_case=', label: 'rules' },
        ],
        note: 'Plans and claims are where the study-like classifier (no-plan-cues) errs by design: it stands in for a tool that reads them as engagement.',
      },
      {
        key: 'hidden-notes-classifier-errors',
        title: 'Requirement-level sensitivity and specificity of each classifier: from the manual review (recovered) and against the truth (%)',
        chart: 'bars',
        picks: ['', '.rules', '.negex', '.keyword'].flatMap((suffix) => [
          { id: `nlp.classifier.sensitivity${suffix}`, label: `sensitivity: ${suffix ? suffix.slice(1) : 'no-plan-cues'}` },
          { id: `nlp.classifier.specificity${suffix}`, label: `specificity: ${suffix ? suffix.slice(1) : 'no-plan-cues'}` },
        ]),
      },
      {
        key: 'hidden-notes-engaged-by-classifier',
        title: '"Up to" any treatment by classifier, against the truth (%)',
        chart: 'bars',
        picks: ['', '.rules', '.negex', '.keyword'].map((suffix) => ({ id: `any_treatment.pct${suffix}`, label: suffix ? suffix.slice(1) : 'no-plan-cues' })),
      },
    ],
  },
  {
    number: 'Regression',
    title: 'What the regressions hid: the bias of each odds ratio',
    figures: [
      {
        key: 'hidden-odds-ratio-bias-linked',
        title: 'Recovered minus true odds ratio, linked to structured treatment',
        chart: 'gap',
        gap: 'bias',
        picks: [{ id: 'regression.linked.odds_ratio', groups: '^(all|ATR|DRR)\\|term=' }],
      },
      {
        key: 'hidden-odds-ratio-bias-reconvicted',
        title: 'Recovered minus true odds ratio, reconvicted within 12 months',
        chart: 'gap',
        gap: 'bias',
        picks: [{ id: 'regression.reconvicted.odds_ratio', groups: '^(all|ATR|DRR)\\|term=' }],
      },
    ],
  },
];

export { HEADLINE };
