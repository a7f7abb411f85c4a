/** One exercise in the terminal: a case, the trainee's answer, the truth and why, the score. */
import { useState, type ReactElement } from 'react';
import { Box, Text, useApp } from 'ink';
import { wrapText } from '../ui/person-lines.tsx';
import { clampOffset, scrollKey } from '../ui/scroll.ts';
import { useKeys } from '../ui/use-keys.ts';
import { EXERCISE_TITLES, isChoice, mark, scoreOf, type Answered, type Case, type ExerciseName } from './exercise.ts';

export interface TrainScreenProps {
  exercise: ExerciseName;
  cases: Case[];
  width: number;
  height: number;
  /** Called after every answer with all answers so far (the caller saves them). */
  onAnswer?: (answers: Answered[]) => void;
  /** Where the results are saved, to say so at the end. */
  savedTo?: string | null;
}

function lines(key: string, text: string, width: number, indent = '', props: { color?: string; dimColor?: boolean; bold?: boolean } = {}): ReactElement[] {
  // A line that fits keeps its spacing (explain's waterfall columns); only a longer one is re-flowed.
  const parts = indent.length + text.length <= width ? [text.replace(/^ {2}/, '')] : wrapText(text, Math.max(20, width - indent.length));
  return parts.map((l, i) => (
    <Text key={`${key}:${i}`} {...props} wrap="truncate">
      {indent}
      {l}
    </Text>
  ));
}

export function TrainScreen({ exercise, cases, width, height, onAnswer, savedTo }: TrainScreenProps) {
  const { exit } = useApp();
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answered[]>([]);
  const [offset, setOffset] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const done = index >= cases.length;
  const current = done ? null : cases[index];
  const revealed = current ? answers.find((a) => a.id === current.id) : undefined;
  const score = scoreOf(answers, cases.length);

  const body: ReactElement[] = [];
  if (current) {
    current.shown.forEach((s, i) => body.push(...lines(`shown:${i}`, s, width, '  ')));
    body.push(...lines('q', current.question, width, '', { bold: true }));
    body.push(
      <Text key="choices" wrap="truncate">
        {current.choices.map((c) => `${c.key} ${c.label}`).join(' · ')}
      </Text>,
    );
    if (revealed) {
      body.push(
        ...lines('verdict', `${revealed.correct ? '✓ Right' : '✗ Not so'}: ${current.truth}.`, width, '', { color: revealed.correct ? 'green' : 'red', bold: true }),
        <Text key="kind" dimColor wrap="truncate">{`case: ${current.kind}`}</Text>,
      );
      current.explanation.forEach((e, i) => body.push(...lines(`why:${i}`, e, width, e.startsWith('  ') ? '    ' : '')));
    }
  } else {
    body.push(<Text key="end" bold>{`Finished: ${score.correct} of ${score.total} right.`}</Text>);
    const kinds = new Map<string, [number, number]>();
    for (const a of answers) {
      const [right, all] = kinds.get(a.kind) ?? [0, 0];
      kinds.set(a.kind, [right + (a.correct ? 1 : 0), all + 1]);
    }
    for (const [kind, [right, all]] of kinds) body.push(<Text key={`k:${kind}`} wrap="truncate">{`  ${kind}: ${right} of ${all}`}</Text>);
    if (savedTo) body.push(...lines('saved', `Saved to ${savedTo}`, width, '', { dimColor: true }));
  }
  const bodyHeight = Math.max(3, height - 3);
  const top = clampOffset(offset, body.length, bodyHeight);

  useKeys((input, key) => {
    if (input === 'q' && (done || !current?.choices.some((c) => c.key === 'q'))) {
      exit();
      return;
    }
    if (current && !revealed && isChoice(current, input)) {
      const next = [...answers, mark(current, input)];
      setAnswers(next);
      setHint(null);
      onAnswer?.(next);
      return;
    }
    if (current && revealed && (key.return || input === ' ' || key.rightArrow)) {
      setIndex((i) => i + 1);
      setOffset(0);
      return;
    }
    const scrolled = scrollKey(input, key, top, body.length, bodyHeight);
    if (scrolled !== null) setOffset(scrolled);
    else if (current && !revealed && input) setHint(`answer with ${current.choices.map((c) => c.key).join(', ')}`);
  });

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color="cyan">
          {EXERCISE_TITLES[exercise]}
        </Text>
      </Text>
      <Text wrap="truncate" dimColor>
        {done ? 'done' : `case ${index + 1} of ${cases.length}`} · score {score.correct}/{score.answered}
        {hint ? <Text color="yellow">{` · ${hint}`}</Text> : null}
      </Text>
      {body.slice(top, top + bodyHeight)}
      <Text dimColor wrap="truncate">
        {revealed ? 'Enter next · ' : ''}
        {body.length > bodyHeight ? `↑/↓ scroll (${top + 1}-${Math.min(body.length, top + bodyHeight)} of ${body.length}) · ` : ''}q quit
      </Text>
    </Box>
  );
}
