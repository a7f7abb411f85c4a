/** Person explorer: find a requirement by CRN or at random; truth beside each system's records. */
import { useEffect, useState } from 'react';
import { Box, Text, useStdin } from 'ink';
import { Spinner, TextInput } from '@inkjs/ui';
import { loadRunTables, type RunTables } from './run-tables.ts';
import { findPersonByCrn, loadPersonView, randomRequirement, type PersonView } from './person-model.ts';
import { personLines, sectionStarts } from './person-lines.tsx';
import { loadPersonExtras, type PersonExtras } from './person-extras.ts';
import { loadPickLists, type PickEntry, type PickLists } from './pick-lists.ts';
import { FIRST_PICK_STATE, PickListView, pickKey, pickLayout, type PickState } from './pick-list-view.tsx';
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
  { keys: 'l', does: "pick lists: the run's errors by kind" },
];

/** The keys while the pick lists are shown. */
export const PICK_KEYS: KeyHint[] = [
  { keys: '↑/↓ PgUp/Dn', does: 'choose' },
  { keys: 'Enter', does: "show a kind's cases / open the case" },
  { keys: '←/→', does: 'another list' },
  { keys: 'l', does: 'back to the person' },
  { keys: '/ r', does: 'find a CRN / a random person' },
];

/** Pick lists are made once per run folder while the UI runs. */
const listsCache = new Map<string, Promise<PickLists>>();

function pickListsOf(runDir: string, tables: RunTables): Promise<PickLists> {
  let lists = listsCache.get(runDir);
  if (!lists) {
    lists = loadPickLists(tables);
    listsCache.set(runDir, lists);
    lists.catch(() => listsCache.delete(runDir));
  }
  return lists;
}

/** The line an opened case is shown at: its candidate, note or record, else its section. */
export function focusLine(keys: string[], entry: Pick<PickEntry, 'section' | 'focus'>, extras: PersonExtras | null, keywordOnly: boolean): number | null {
  const at = (key: string) => keys.indexOf(key);
  const found = (i: number) => (i >= 0 ? i : null);
  if (entry.section === 'candidates' && extras) {
    const i = extras.candidates.findIndex((c) => c.explanation.rightId === entry.focus);
    if (i >= 0) return found(at(`cand:${i}:0`));
    // Not among the candidates shown (never compared, or below the best five): its record.
    return found(at(`ndtms:${entry.focus}`)) ?? found(at('sec:candidates'));
  }
  if (entry.section === 'notes' && extras) {
    const notes = keywordOnly ? extras.notes.filter((n) => n.keyword) : extras.notes;
    const i = notes.findIndex((n) => n.noteId === entry.focus);
    return found(at(i >= 0 ? `note:${i}:0` : 'sec:notes'));
  }
  if (entry.section === 'conclusions' && extras) return found(at('sec:conclusions'));
  if (entry.section === 'records') return found(at(`ndtms:${entry.focus}`));
  return null;
}

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
  /** Open on the pick lists rather than a person. */
  initialLists?: boolean;
  /** The keys of what is shown (a person or the pick lists), for the help line. */
  onKeys?: (keys: KeyHint[]) => void;
  random?: () => number;
}

interface Shown {
  personId: number;
  index: number;
}

export function ExplorerScreen({ runDir, width, height, active, onLock, initialCrn, initialLists, onKeys, random }: ExplorerScreenProps) {
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
  const [mode, setMode] = useState<'person' | 'lists'>(initialLists ? 'lists' : 'person');
  const [pickLists, setPickLists] = useState<PickLists | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [pick, setPick] = useState<PickState>(FIRST_PICK_STATE);
  /** The case opened from a list: where to scroll once its lines are there, and what to mark. */
  const [opened, setOpened] = useState<(PickEntry & { placed: boolean }) | null>(null);

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
        // Opened on the lists, no person is read until one is chosen (the waterfalls cost a relink).
        const pick = first !== null ? { personId: first, index: 0 } : initialLists ? null : randomRequirement(t, random);
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
    if (mode !== 'lists' || !tables || pickLists) return;
    let live = true;
    pickListsOf(runDir, tables).then(
      (l) => live && setPickLists(l),
      (error: Error) => live && setPickError(error.message),
    );
    return () => {
      live = false;
    };
  }, [mode, tables]);
  useEffect(() => {
    onLock(searching);
  }, [searching]);
  useEffect(() => {
    onKeys?.(mode === 'lists' ? PICK_KEYS : EXPLORER_KEYS);
  }, [mode]);
  useEffect(
    () => () => {
      onLock(false);
    },
    [],
  );

  const focus = opened && view && view.personId === opened.personId && view.requirementNumber === opened.requirementIndex + 1 ? opened.focus : null;
  const lines = view ? personLines(view, extras, { width, waterfall, keywordOnly, focus }) : [];
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
  // An opened case scrolls to its line once the line is there (the candidates come later).
  useEffect(() => {
    if (!opened || opened.placed || !view || view.personId !== opened.personId) return;
    const line = focusLine(lines.map((l) => String(l.key)), opened, extras, keywordOnly);
    if (line === null) return;
    setOffset(clampOffset(Math.max(0, line - 1), lines.length, bodyHeight));
    setOpened({ ...opened, placed: true });
  }, [opened, view, extras]);

  const show = (next: Shown | null) => {
    if (next) {
      setShown(next);
      setOffset(0);
      setOpened(null);
    }
  };
  const openCase = (entry: PickEntry) => {
    setMode('person');
    setShown({ personId: entry.personId, index: entry.requirementIndex });
    setOffset(0);
    setOpened({ ...entry, placed: false });
  };
  const listHeight = Math.max(3, height);

  useKeys((input, key) => {
    if (searching) {
      if (key.escape) setSearching(false);
      return;
    }
    if (!tables) return;
    if (input === 'l') {
      setMode((m) => (m === 'lists' ? 'person' : 'lists'));
      return;
    }
    if (mode === 'lists' && (input === '/' || input === 's' || input === 'r')) setMode('person');
    else if (mode === 'lists') {
      if (!pickLists) return;
      const move = pickKey(pickLists, pick, input, key, pickLayout(pickLists, pick, width, listHeight).rows);
      if (move) {
        setPick(move.state);
        if (move.chosen) openCase(move.chosen);
      }
      return;
    }
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
  if (mode === 'lists') {
    if (pickError) return <Text color="red">Cannot make the pick lists: {pickError}</Text>;
    if (!pickLists) return <Spinner label="Finding the run's errors and naming their kinds…" />;
    return <PickListView lists={pickLists} state={pick} width={width} height={listHeight} />;
  }
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
          {message ? <Text color="yellow">{message} · </Text> : null}/ find a CRN · r random · ←/→ the person's other requirements · l pick lists
        </Text>
      )}
      {view ? lines.slice(top, top + bodyHeight) : shown ? <Spinner label="Reading this person's records…" /> : <Text>No person yet: l for the pick lists, / to find a CRN, r for a random requirement.</Text>}
      {lines.length > bodyHeight ? (
        <Text dimColor>
          lines {top + 1}-{Math.min(lines.length, top + bodyHeight)} of {lines.length}
          {top + bodyHeight < lines.length ? ' · ↓ more' : ''}
        </Text>
      ) : null}
    </Box>
  );
}
