/**
 * A person's requirement as lines: the screen scrolls through them, the plain output prints
 * them. A recorded value that is not the truth is red, bold and marked `*`.
 */
import type { ReactElement } from 'react';
import { Text } from 'ink';
import { cell } from './format.ts';
import { formatExplanation } from '../../src/methods/linkage/explain.ts';
import type { PersonView, RecordGroup, RecordRow } from './person-model.ts';
import type { PersonExtras } from './person-extras.ts';

export interface PersonLineOptions {
  width?: number;
  /** Every candidate's waterfall (w), or one line per candidate. */
  waterfall?: boolean;
  /** Only the notes the keyword filter let through (k). */
  keywordOnly?: boolean;
  /** The episode or note a pick list opened the person on: its line is marked. */
  focus?: string | null;
}

/**
 * A match probability with its distinguishing digits: near 1 as the distance to 1, so that
 * 0.9999999924 does not read as `1.00` (nor get cut to `1.…`).
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p >= 0.9995 && p < 1) return `1−${(1 - p).toExponential(1)}`;
  if (p > 0 && p < 0.0005) return p.toExponential(1);
  return p.toFixed(3);
}

/** Words wrapped into lines of at most `width` characters (a word longer than a line is split). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (line) lines.push(line);
      lines.push(w.slice(0, width));
      w = w.slice(width);
      line = '';
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** A long line as several: the first as it is, the rest indented under it. */
function wrapped(key: string, text: string, width: number, indent: string, props: { dimColor?: boolean; color?: string; inverse?: boolean } = {}): ReactElement[] {
  // A line that fits keeps its spacing (explain's columns); only a longer one is re-flowed.
  const [first, ...rest] = indent.length + text.length <= width ? [text] : wrapText(text, Math.max(20, width - indent.length));
  return [first, ...rest.map((l) => `${indent}${l}`)].map((l, i) => (
    <Text key={`${key}:${i}`} {...props} wrap="truncate">
      {i === 0 ? `${indent}${l}` : l}
    </Text>
  ));
}

/**
 * A waterfall step too long for the screen keeps its columns: the compared values go to the
 * next line, under the step, rather than the whole line being re-flowed.
 */
function waterfallLine(key: string, text: string, width: number): ReactElement[] {
  const indent = '    ';
  const at = text.lastIndexOf('  [');
  if (indent.length + text.length <= width || at < 0 || indent.length + at > width) return wrapped(key, text, width, indent);
  return [...wrapped(`${key}:a`, text.slice(0, at), width, indent), ...wrapped(`${key}:b`, text.slice(at + 2), width, `${indent}      `)];
}

const ID_COLUMNS = new Set(['record_id', 'episode_id', 'spell_id', 'case_id']);

function title(key: string, text: string): ReactElement {
  return (
    <Text key={key} bold color="cyan" wrap="truncate">
      {text}
    </Text>
  );
}

function rowMark(group: RecordGroup, row: RecordRow): ReactElement {
  if (row.otherPerson) return <Text color="red">✗ </Text>;
  if (group.system === 'ndelius') return <Text>{'  '}</Text>;
  return row.thisRequirement ? <Text color="green">● </Text> : <Text dimColor>○ </Text>;
}

const LINK_WIDTH = 13;

function linkCell(row: RecordRow): ReactElement {
  if (!row.link) return <Text dimColor>{cell('–', LINK_WIDTH)}</Text>;
  const text = cell(`${row.link.weight.toFixed(1)} ${formatProbability(row.link.probability)}`, LINK_WIDTH);
  return row.otherPerson ? <Text color="red">{text}</Text> : <Text color="green">{text}</Text>;
}

function groupLines(group: RecordGroup, withLinks: boolean): ReactElement[] {
  const lines: ReactElement[] = [title(`g:${group.system}`, group.title)];
  if (group.rows.length === 0) return [...lines, <Text key={`${group.system}:none`} dimColor>{'  none'}</Text>];
  const links = withLinks && group.system === 'ndtms';
  lines.push(
    <Text key={`${group.system}:h`} dimColor wrap="truncate">
      {'  '}
      {group.columns.map((c) => cell(c.title, c.width)).join(' ')}
      {links ? ` ${cell('link w, p', LINK_WIDTH)}` : ''}
    </Text>,
    <Text key={`${group.system}:t`} wrap="truncate">
      <Text color="green">T </Text>
      <Text italic>{group.columns.map((c) => cell(ID_COLUMNS.has(c.key) ? 'truth' : c.key in group.truth ? (group.truth[c.key] ?? '–') : '', c.width)).join(' ')}</Text>
    </Text>,
  );
  for (const row of group.rows) {
    lines.push(
      <Text key={`${group.system}:${row.id}`} wrap="truncate">
        {rowMark(group, row)}
        {group.columns.map((c, i) => {
          const value = row.cells[c.key];
          const text = cell(`${value?.value ?? '–'}${value?.differs ? '*' : ''}`, c.width);
          return (
            <Text key={c.key}>
              {i > 0 ? ' ' : ''}
              {value?.differs ? (
                <Text color="red" bold>
                  {text}
                </Text>
              ) : (
                text
              )}
            </Text>
          );
        })}
        {links ? <Text> {linkCell(row)}</Text> : null}
      </Text>,
    );
  }
  return lines;
}

export function personLines(view: PersonView, extras: PersonExtras | null = null, options: PersonLineOptions = {}): ReactElement[] {
  const width = options.width ?? 80;
  const p = view.person;
  const r = view.requirement;
  const lines: ReactElement[] = [
    <Text key="head" bold wrap="truncate">
      Person {view.personId} · CRN {view.crn ?? '–'} · requirement {view.requirementNumber} of {view.requirementCount}{' '}
      <Text dimColor>(id {view.requirementId}, {r.scope})</Text>
    </Text>,
    // Wrapped, not cut: the end of these lines (the reconviction, the NHS number) matters as much as the start.
    ...wrapped('who', `True: ${p.forename} ${p.surname} · ${p.sex} · born ${p.dob} · ${p.postcode ?? '–'} · PNC ${p.pnc ?? '–'} · NHS ${p.nhs_number ?? '–'}`, width, ''),
    ...wrapped(
      'what',
      `${r.requirement_type} · ${r.status} · structured ${r.structured} · CJIT ${r.cjit} · other ${r.other_treatment} · prison 12m ${r.prison_within_12m} · reconvicted ${r.reconvicted}`,
      width,
      '',
    ),
    title('sec:timeline', 'True timeline'),
    ...view.timeline.flatMap((e, i) => wrapped(`e:${i}`, `${e.date} ${e.what} [${e.source}]`, width, '  ')),
    title('sec:records', 'Records, field by field'),
    <Text key="legend" dimColor wrap="truncate">
      T truth · * differs · ● this requirement · ○ other journey · ✗ someone else
    </Text>,
  ];
  for (const group of view.groups) lines.push(...groupLines(group, view.linkage.present));
  lines.push(linkageLine(view));
  if (extras) lines.push(...extrasLines(extras, width, options));
  return lines;
}

/** The index of each section's title line, for jumping with n / p. */
export function sectionStarts(lines: ReactElement[]): number[] {
  return lines.flatMap((l, i) => (String(l.key).startsWith('sec:') ? [i] : []));
}

const KIND_OF_ERROR = (n: { keyword: boolean; label: string; trueLabel: string | null }) =>
  n.trueLabel === null ? '' : n.label === n.trueLabel ? '✓' : n.label === 'engaged' ? '✗ false positive' : '✗ false negative';

function extrasLines(x: PersonExtras, width: number, options: PersonLineOptions): ReactElement[] {
  const lines: ReactElement[] = [title('sec:candidates', `Candidate NDTMS episodes (linkage, as explain shows them)`)];
  if (x.candidates.length === 0) lines.push(<Text key="cand:none" dimColor>{`  ${x.candidatesNote ?? 'none'}`}</Text>);
  x.candidates.forEach((c, i) => {
    const e = c.explanation;
    const truth = c.samePerson ? (c.thisRequirement ? 'same person' : 'same person, other journey') : 'someone else';
    const wrong = c.linked !== c.samePerson;
    const verdict = c.linked ? (c.samePerson ? 'linked ✓' : 'FALSE MATCH') : c.samePerson ? 'MISSED' : 'not linked ✓';
    // The nDelius record is named only when the requirement has more than one.
    const record = (x.candidates.some((o) => o.recordId !== c.recordId) ? ` (${c.recordId})` : '');
    lines.push(
      ...wrapped(`cand:${i}`, `${c.samePerson ? '●' : '✗'} ${e.rightId}${record} · w ${e.matchWeight.toFixed(2)} · p ${formatProbability(e.matchProbability)} · ${verdict} · ${truth}`, width, '', { color: wrong ? 'red' : 'green', inverse: options.focus === e.rightId }),
    );
    if (options.waterfall ?? true) {
      // explain's own text, wrapped to the screen; its first line (the id) is said above.
      formatExplanation(e)
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^ {2}/, ''))
        // explain rounds to 4 places (1.0000); the screen keeps the distinguishing digits.
        .map((l) => (l.startsWith('match probability ') ? l.replace(/^match probability \S+/, `match probability ${formatProbability(e.matchProbability)}`) : l))
        .forEach((l, j) => lines.push(...waterfallLine(`wf:${i}:${j}`, l, width)));
    }
  });
  const notes = options.keywordOnly ? x.notes.filter((n) => n.keyword) : x.notes;
  lines.push(
    title('sec:notes', `Contact notes ${x.notesWindow ? `${x.notesWindow[0]} to ${x.notesWindow[1]}` : ''} (${notes.length}${options.keywordOnly ? ' with a keyword' : ''} of ${x.notes.length})`),
    <Text key="notes:how" dimColor wrap="truncate">
      {`  classifier ${x.classifier} · KW: the keyword filter's cue · k: ${options.keywordOnly ? 'all notes' : 'keyword notes only'}`}
    </Text>,
  );
  if (notes.length === 0) lines.push(<Text key="notes:none" dimColor>{'  none'}</Text>);
  notes.forEach((n, i) => {
    const filter = n.keyword ? `KW "${n.cue}"` : 'no keyword';
    const said = `${n.label} ${n.score.toFixed(2)}`;
    const mark = KIND_OF_ERROR(n);
    lines.push(
      ...wrapped(`note:${i}`, `${n.date} ${n.type ?? ''} · ${filter}${n.keyword ? ` · classifier: ${said}` : ''} · truth: ${n.trueLabel ?? '–'} (${n.kind ?? '–'}) ${mark}`, width, '  ', {
        color: mark.startsWith('✗') ? 'red' : n.keyword ? undefined : 'gray',
        inverse: options.focus === n.noteId,
      }),
      ...wrapped(`notetext:${i}`, n.text, width, '      ', { dimColor: true }),
    );
  });
  lines.push(title('sec:conclusions', 'Conclusions for this requirement: methods vs truth'));
  const q = Math.max(...x.conclusions.map((c) => c.question.length));
  x.conclusions.forEach((c, i) =>
    lines.push(
      ...wrapped(`conc:${i}`, `${c.agree ? '✓' : '✗'} ${c.question.padEnd(q)} method: ${c.method} · truth: ${c.truth}`, width, '    ', { color: c.agree ? 'green' : 'red' }),
    ),
  );
  return lines;
}

function linkageLine(view: PersonView): ReactElement {
  const l = view.linkage;
  if (!l.present) {
    return (
      <Text key="links" dimColor wrap="truncate">
        Linkage: no linkage/links.csv in this run
      </Text>
    );
  }
  return (
    <Text key="links" wrap="truncate">
      Linkage: {l.links} links · <Text color="green">{l.trueLinks} true</Text> · <Text color="red">{l.falseLinks} false</Text> ·{' '}
      <Text color="yellow">{l.missed} of this requirement's episodes missed</Text>
    </Text>
  );
}
