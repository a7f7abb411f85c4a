/** Person explorer: find a requirement by CRN or at random; truth beside each system's records. */
import { useEffect, useState } from 'react';
import { Box, Text, useStdin } from 'ink';
import { Spinner, TextInput } from '@inkjs/ui';
import { loadRunTables, type RunTables } from './run-tables.ts';
import { findPersonByCrn, loadPersonView, randomRequirement, type PersonView } from './person-model.ts';
import { personLines, sectionStarts } from './person-lines.tsx';
import { loadPersonExtras, type PersonExtras } from './person-extras.ts';
import { clampOffset, scrollKey } from './scroll.ts';
import { useKeys } from './use-keys.ts';
import type { KeyHint } from './key-help.tsx';

export const EXPLORER_KEYS: KeyHint[] = [
  { keys: '/', does: 'find CRN' },
  { keys: 'r', does: 'random' },
  { keys: '←/→', does: 'requirement' },
  { keys: '↑/↓ PgUp/Dn', does: 'scroll' },
  { keys: 'n/p', does: 'next/previous section' },
  { keys: 'w', does: 'waterfalls / one line per candidate' },
  { keys: 'k', does: 'keyword notes only / all notes' },
];

/** Tables stay loaded while the UI runs, so coming back to the explorer is instant. */
const cache = new Map<string, Promise<RunTables>>();

export function runTablesOf(runDir: string): Promise<RunTables> {
  let tables = cache.get(runDir);
  if (!tables) {
    tables = loadRunTables(runDir);
    cache.set(runDir, tables);
    tables.catch(() => cache.delete(runDir));
  }
  return tables;
}

export interface ExplorerScreenProps {
  runDir: string;
  width: number;
  height: number;
  active: boolean;
  onLock: (locked: boolean) => void;
  initialCrn?: string;
  random?: () => number;
}

interface Shown {
  personId: number;
  index: number;
}

export function ExplorerScreen({ runDir, width, height, active, onLock, initialCrn, random }: ExplorerScreenProps) {
  const { isRawModeSupported } = useStdin();
  const [tables, setTables] = useState<RunTables | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [searching, setSearching] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [view, setView] = useState<PersonView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  const [extras, setExtras] = useState<PersonExtras | null>(null);
  const [extrasError, setExtrasError] = useState<string | null>(null);
  const [waterfall, setWaterfall] = useState(true);
  const [keywordOnly, setKeywordOnly] = useState(false);

  useEffect(() => {
    let live = true;
    setTables(null);
    setShown(null);
    runTablesOf(runDir).then(
      (t) => {
        if (!live) return;
        setTables(t);
        const first = initialCrn ? findPersonByCrn(t, initialCrn) : null;
        if (initialCrn && first === null) setMessage(`No person with CRN ${initialCrn} in this run`);
        const pick = first !== null ? { personId: first, index: 0 } : randomRequirement(t, random);
        if (pick) setShown(pick);
      },
      (error: Error) => live && setLoadError(error.message),
    );
    return () => {
      live = false;
    };
  }, [runDir]);
  useEffect(() => {
    if (!tables || !shown) return;
    let live = true;
    loadPersonView(tables, shown.personId, shown.index).then(
      (v) => {
        if (!live) return;
        setView(v);
        setViewError(null);
        setExtras(null);
        setExtrasError(null);
        if (v)
          loadPersonExtras(tables, v).then(
            (x) => live && setExtras(x),
            (error: Error) => live && setExtrasError(error.message),
          );
      },
      (error: Error) => live && setViewError(error.message),
    );
    return () => {
      live = false;
    };
  }, [tables, shown]);
  useEffect(() => {
    onLock(searching);
  }, [searching]);
  useEffect(
    () => () => {
      onLock(false);
    },
    [],
  );

  const lines = view ? personLines(view, extras, { width, waterfall, keywordOnly }) : [];
  if (view && !extras) {
    lines.push(
      extrasError ? (
        <Text key="extras:error" color="red">{`Cannot show the linkage, notes and conclusions: ${extrasError}`}</Text>
      ) : (
        <Spinner key="extras:wait" label="Linking the cohort again for the waterfalls; classifying the notes…" />
      ),
    );
  }
  const anchors = sectionStarts(lines);
  const bodyHeight = Math.max(3, height - 2);
  const top = clampOffset(offset, lines.length, bodyHeight);

  const show = (next: Shown | null) => {
    if (next) {
      setShown(next);
      setOffset(0);
    }
  };

  useKeys((input, key) => {
    if (searching) {
      if (key.escape) setSearching(false);
      return;
    }
    if (!tables) return;
    if (input === '/' || input === 's') {
      setMessage(null);
      setSearching(true);
    } else if (input === 'r') {
      setMessage(null);
      show(randomRequirement(tables, random));
    } else if (view && key.rightArrow) show({ personId: view.personId, index: (view.requirementNumber) % view.requirementCount });
    else if (input === 'w') setWaterfall((w) => !w);
    else if (input === 'k') setKeywordOnly((k) => !k);
    else if (input === 'n' || input === 'p') {
      const target = input === 'n' ? anchors.find((a) => a > top) : [...anchors].reverse().find((a) => a < top);
      if (target !== undefined) setOffset(clampOffset(target, lines.length, bodyHeight));
    } else if (view && key.leftArrow) show({ personId: view.personId, index: (view.requirementNumber - 2 + view.requirementCount) % view.requirementCount });
    else {
      const next = scrollKey(input, key, top, lines.length, bodyHeight);
      if (next !== null) setOffset(next);
    }
  }, active);

  if (loadError) return <Text color="red">Cannot read the run's tables: {loadError}</Text>;
  if (!tables) return <Spinner label={`Reading the keys of ${runDir}…`} />;
  if (viewError) return <Text color="red">Cannot read this person's records: {viewError}</Text>;
  return (
    <Box flexDirection="column" width={width}>
      {searching ? (
        <Box>
          <Text bold>CRN: </Text>
          <TextInput
            isDisabled={!active || !isRawModeSupported}
            placeholder="e.g. B234567 (Enter to find, Esc to cancel)"
            onSubmit={(text) => {
              setSearching(false);
              const personId = findPersonByCrn(tables, text);
              if (personId === null) setMessage(`No person with CRN ${text.trim() || '(empty)'} in this run`);
              else {
                setMessage(null);
                show({ personId, index: 0 });
              }
            }}
          />
        </Box>
      ) : (
        <Text dimColor wrap="truncate">
          {message ? <Text color="yellow">{message} · </Text> : null}/ find a CRN · r random · ←/→ the person's other requirements
        </Text>
      )}
      {view ? lines.slice(top, top + bodyHeight) : <Spinner label="Reading this person's records…" />}
      {lines.length > bodyHeight ? (
        <Text dimColor>
          lines {top + 1}-{Math.min(lines.length, top + bodyHeight)} of {lines.length}
          {top + bodyHeight < lines.length ? ' · ↓ more' : ''}
        </Text>
      ) : null}
    </Box>
  );
}
