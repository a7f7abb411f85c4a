/**
 * The explorer's pick lists: one list at a time (←/→), its kinds of error with their counts and
 * lessons, each opening (Enter) on its cases; Enter on a case opens that person in the explorer.
 * The state lives with the explorer, so leaving for a person (or for help, or another screen)
 * and coming back finds the same list, kind and case.
 */
import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import { wrapText } from './person-lines.tsx';
import { entriesOf, type PickEntry, type PickKind, type PickLists, type PickList } from './pick-lists.ts';
import type { Key } from 'ink';

export interface PickState {
  list: number;
  cursor: number;
  top: number;
  /** Open kinds, as `list:kind`. */
  open: string[];
}

export const FIRST_PICK_STATE: PickState = { list: 0, cursor: 0, top: 0, open: [] };

export type PickRow = { type: 'kind'; kind: PickKind } | { type: 'entry'; kind: PickKind; entry: PickEntry; number: number };

const openKey = (list: number, kind: PickKind) => `${list}:${kind.kind}`;

/** The rows of the list shown: each kind, and the cases of the open ones under it. */
export function pickRows(lists: PickLists, state: PickState): PickRow[] {
  const list = lists.lists[state.list];
  if (!list) return [];
  return list.kinds.flatMap((kind) => [
    { type: 'kind' as const, kind },
    ...(state.open.includes(openKey(state.list, kind)) ? kind.entries.map((entry, i) => ({ type: 'entry' as const, kind, entry, number: i + 1 })) : []),
  ]);
}

const SECTION_NAMES: Record<PickEntry['section'], string> = {
  candidates: 'its candidate episodes and waterfalls',
  records: 'its records',
  notes: 'its contact notes',
  conclusions: "the methods' conclusions",
};

/** The lines under the list: the whole of the row at the cursor, wrapped, never cut. */
export function detailLines(list: PickList, row: PickRow | undefined, width: number): string[] {
  if (!row) return list.absent ? [list.absent] : ['none in this run'];
  const text =
    row.type === 'kind'
      ? [`${row.kind.kind} (${row.kind.entries.length}): ${row.kind.lesson}`, 'Enter shows or hides its cases']
      : [...row.entry.detail, `Enter opens ${row.entry.crn ?? 'this person'} on ${SECTION_NAMES[row.entry.section]}`];
  return text.flatMap((t) => wrapText(t, width));
}

/** The row of list names; the counts of the others are dropped when it would not fit. */
export function listTabs(lists: PickLists, current: number, width: number): { name: string; current: boolean }[] {
  const full = lists.lists.map((l, i) => ({ name: `${l.short} ${l.absent ? '–' : entriesOf(l)}`, current: i === current }));
  if (full.map((t) => t.name).join(' · ').length <= width) return full;
  return lists.lists.map((l, i) => ({ name: i === current ? `${l.short} ${entriesOf(l)}` : l.short, current: i === current }));
}

export interface PickMove {
  state: PickState;
  /** The case chosen with Enter. */
  chosen: PickEntry | null;
}

/** What a key does to the lists: pure, so the screen and the tests share it. */
export function pickKey(lists: PickLists, state: PickState, input: string, key: Key, height: number): PickMove | null {
  const rows = pickRows(lists, state);
  const move = (cursor: number): PickMove => {
    const c = Math.max(0, Math.min(rows.length - 1, cursor));
    const top = c < state.top ? c : c >= state.top + height ? c - height + 1 : state.top;
    return { state: { ...state, cursor: c, top: Math.max(0, top) }, chosen: null };
  };
  const n = lists.lists.length;
  if (key.rightArrow || key.tab) return { state: { ...state, list: (state.list + 1) % n, cursor: 0, top: 0 }, chosen: null };
  if (key.leftArrow) return { state: { ...state, list: (state.list + n - 1) % n, cursor: 0, top: 0 }, chosen: null };
  if (key.upArrow || input === 'k') return move(state.cursor - 1);
  if (key.downArrow || input === 'j') return move(state.cursor + 1);
  if (key.pageUp || input === 'b') return move(state.cursor - Math.max(1, height - 1));
  if (key.pageDown || input === ' ') return move(state.cursor + Math.max(1, height - 1));
  if (key.home || input === 'g') return move(0);
  if (key.end || input === 'G') return move(rows.length - 1);
  if (key.return) {
    const row = rows[state.cursor];
    if (!row) return null;
    if (row.type === 'entry') return { state, chosen: row.entry };
    const k = openKey(state.list, row.kind);
    const open = state.open.includes(k) ? state.open.filter((o) => o !== k) : [...state.open, k];
    return { state: { ...state, open }, chosen: null };
  }
  return null;
}

export interface PickListViewProps {
  lists: PickLists;
  state: PickState;
  width: number;
  height: number;
}

/** How many of `height` lines the list itself gets (the rest: names, description, the row's detail). */
export function pickLayout(lists: PickLists, state: PickState, width: number, height: number): { what: string[]; detail: string[]; rows: number } {
  const list = lists.lists[state.list];
  const what = wrapText(list.absent ?? list.what, width).slice(0, 2);
  const all = detailLines(list, pickRows(lists, state)[state.cursor], width);
  const room = Math.max(2, Math.floor(height / 2));
  // Cut only when a detail is longer than half the screen, and then say so.
  const detail = all.length <= room ? all : [...all.slice(0, room - 1), `${all[room - 1].slice(0, Math.max(0, width - 2))} …`];
  return { what, detail, rows: Math.max(3, height - 1 - what.length - 1 - detail.length) };
}

export function PickListView({ lists, state, width, height }: PickListViewProps) {
  const list = lists.lists[state.list];
  const rows = pickRows(lists, state);
  const layout = pickLayout(lists, state, width, height);
  const top = Math.min(state.top, Math.max(0, rows.length - layout.rows));
  const shown: ReactElement[] = rows.slice(top, top + layout.rows).map((row, i) => {
    const at = top + i === state.cursor;
    if (row.type === 'kind') {
      const open = state.open.includes(openKey(state.list, row.kind));
      return (
        <Text key={`k:${row.kind.kind}`} wrap="truncate" inverse={at} bold>
          {`${at ? '›' : ' '} ${open ? '▾' : '▸'} ${String(row.kind.entries.length).padStart(4)}  ${row.kind.kind}`}
        </Text>
      );
    }
    return (
      <Text key={`e:${row.kind.kind}:${row.number}`} wrap="truncate" inverse={at}>
        {`${at ? '›' : ' '}        ${row.entry.label}`}
      </Text>
    );
  });
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        {listTabs(lists, state.list, width).map((t, i) => (
          <Text key={t.name}>
            {i > 0 ? ' · ' : ''}
            {t.current ? (
              <Text bold underline color="cyan">
                {t.name}
              </Text>
            ) : (
              <Text dimColor>{t.name}</Text>
            )}
          </Text>
        ))}
      </Text>
      {layout.what.map((l, i) => (
        <Text key={`w:${i}`} dimColor wrap="truncate">
          {l}
        </Text>
      ))}
      {list.absent || rows.length === 0 ? <Text dimColor>{list.absent ?? 'none in this run'}</Text> : shown}
      <Text dimColor wrap="truncate">
        {'─'.repeat(Math.max(0, width))}
      </Text>
      {layout.detail.map((l, i) => (
        <Text key={`d:${i}`} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
