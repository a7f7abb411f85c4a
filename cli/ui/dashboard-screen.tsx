/** The dashboard of a finished run: tabs of figures, each scrollable. */
import { useState } from 'react';
import { basename } from 'node:path';
import { Box, Text } from 'ink';
import { TABS } from './dashboard-tabs.tsx';
import { clampOffset, scrollKey } from './scroll.ts';
import { useKeys } from './use-keys.ts';
import type { DashboardModel } from './dashboard-model.ts';
import type { KeyHint } from './key-help.tsx';

export const DASHBOARD_KEYS: KeyHint[] = [
  { keys: '←/→ Tab', does: 'tab' },
  { keys: '↑/↓ PgUp/PgDn', does: 'scroll' },
  { keys: 'n/p', does: 'next/previous section' },
];

export interface DashboardScreenProps {
  model: DashboardModel;
  width: number;
  /** Lines this screen may use, its tab bar included. */
  height: number;
  active: boolean;
  initialTab?: number;
}

export function RunLine({ model, width = Infinity }: { model: DashboardModel; width?: number }) {
  const r = model.run;
  const head = `${basename(r.dir)} · ${r.scenario} seed ${r.seed} scale ${r.scale} `;
  const listed = `· stages ${r.stages.join(', ')} · ${r.estimates} estimates`;
  // Too long for the screen: the stages are counted, not cut mid-name (the tabs show which ran).
  const stages = head.length + listed.length <= width ? listed : `· ${r.stages.length} stages · ${r.estimates} estimates`;
  return (
    <Text wrap="truncate">
      <Text bold color="cyan">
        {basename(r.dir)}
      </Text>{' '}
      · <Text bold>{r.scenario}</Text> seed {r.seed} scale {r.scale} <Text dimColor>{stages}</Text>
    </Text>
  );
}

export function TabBar({ current }: { current: number }) {
  return (
    <Text wrap="truncate">
      {TABS.map((tab, i) => (
        <Text key={tab.key}>
          {i > 0 ? <Text dimColor> │ </Text> : null}
          {i === current ? (
            <Text bold underline color="cyan">
              {tab.title}
            </Text>
          ) : (
            <Text dimColor>{tab.title}</Text>
          )}
        </Text>
      ))}
    </Text>
  );
}

export function DashboardScreen({ model, width, height, active, initialTab = 0 }: DashboardScreenProps) {
  const [tab, setTab] = useState(initialTab);
  const [offsets, setOffsets] = useState<number[]>(() => TABS.map(() => 0));
  // The first line (a table header or a note) stays put; the rest scrolls under it.
  const all = TABS[tab].lines(model, width);
  const pinnedCount = TABS[tab].pinned ?? 1;
  const pinned = all.slice(0, pinnedCount);
  const lines = all.slice(pinnedCount);
  const bodyHeight = Math.max(3, height - 3 - pinnedCount);
  const offset = clampOffset(offsets[tab], lines.length, bodyHeight);
  const setOffset = (value: number) => setOffsets((all) => all.map((o, i) => (i === tab ? value : o)));

  useKeys((input, key) => {
    if (key.rightArrow || (key.tab && !key.shift)) setTab((t) => (t + 1) % TABS.length);
    else if (key.leftArrow || (key.tab && key.shift)) setTab((t) => (t + TABS.length - 1) % TABS.length);
    else if (input === 'n' || input === 'p') {
      const anchors = (TABS[tab].anchors?.(model) ?? []).map((a) => a - 1);
      const target = input === 'n' ? anchors.find((a) => a > offset) : [...anchors].reverse().find((a) => a < offset);
      if (target !== undefined) setOffset(clampOffset(target, lines.length, bodyHeight));
    } else {
      const next = scrollKey(input, key, offset, lines.length, bodyHeight);
      if (next !== null) setOffset(next);
    }
  }, active);

  const shown = lines.slice(offset, offset + bodyHeight);
  const more = lines.length > bodyHeight;
  return (
    <Box flexDirection="column" width={width}>
      <TabBar current={tab} />
      <RunLine model={model} width={width} />
      {pinned}
      {shown}
      {more ? (
        <Text dimColor>
          lines {offset + 1}-{offset + shown.length} of {lines.length}
          {offset + bodyHeight < lines.length ? ' · ↓ more' : ''}
        </Text>
      ) : null}
    </Box>
  );
}

/** Every tab one after another, for plain-text output. */
export function DashboardPrint({ model, width }: { model: DashboardModel; width: number }) {
  return (
    <Box flexDirection="column">
      <RunLine model={model} width={width} />
      {TABS.map((tab) => (
        <Box key={tab.key} flexDirection="column" marginTop={1}>
          <Text bold>{`== ${tab.title} ==`}</Text>
          {tab.lines(model, width)}
        </Box>
      ))}
    </Box>
  );
}
