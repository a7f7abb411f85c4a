/**
 * A person's requirement as lines: the screen scrolls through them, the plain output prints
 * them. A recorded value that is not the truth is red, bold and marked `*`.
 */
import type { ReactElement } from 'react';
import { Text } from 'ink';
import { cell } from './format.ts';
import type { PersonView, RecordGroup, RecordRow } from './person-model.ts';

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

function linkCell(row: RecordRow): ReactElement {
  if (!row.link) return <Text dimColor>{cell('–', 12)}</Text>;
  const text = cell(`w ${row.link.weight.toFixed(1)} p ${row.link.probability.toFixed(2)}`, 12);
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
      {links ? ` ${cell('link', 12)}` : ''}
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

export function personLines(view: PersonView): ReactElement[] {
  const p = view.person;
  const r = view.requirement;
  const lines: ReactElement[] = [
    <Text key="head" bold wrap="truncate">
      Person {view.personId} · CRN {view.crn ?? '–'} · requirement {view.requirementNumber} of {view.requirementCount}{' '}
      <Text dimColor>(id {view.requirementId}, {r.scope})</Text>
    </Text>,
    <Text key="who" wrap="truncate">
      <Text color="green">True:</Text> <Text bold>{p.forename} {p.surname}</Text> · {p.sex} · born {p.dob} · {p.postcode ?? '–'} · PNC {p.pnc ?? '–'} · NHS{' '}
      {p.nhs_number ?? '–'}
    </Text>,
    <Text key="what" wrap="truncate">
      {r.requirement_type} · <Text bold>{r.status}</Text> · structured {r.structured} · CJIT {r.cjit} · other {r.other_treatment} · prison 12m {r.prison_within_12m} ·
      reconvicted <Text bold>{r.reconvicted}</Text>
    </Text>,
    title('timeline', 'True timeline'),
    ...view.timeline.map((e, i) => (
      <Text key={`e:${i}`} wrap="truncate">
        {'  '}
        {e.date} {e.what} <Text dimColor>[{e.source}]</Text>
      </Text>
    )),
  ];
  for (const group of view.groups) lines.push(...groupLines(group, view.linkage.present));
  lines.push(linkageLine(view));
  lines.push(
    <Text key="legend" dimColor wrap="truncate">
      T truth · * differs · ● this requirement · ○ other journey · ✗ someone else
    </Text>,
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
