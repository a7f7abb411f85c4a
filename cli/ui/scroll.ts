/** Scrolling a list of lines through a window of fixed height. */
import type { Key } from 'ink';

export function clampOffset(offset: number, total: number, height: number): number {
  return Math.max(0, Math.min(offset, total - height));
}

/** The new offset after a scrolling key, or null when the key does not scroll. */
export function scrollKey(input: string, key: Key, offset: number, total: number, height: number): number | null {
  const page = Math.max(1, height - 1);
  let next: number;
  if (key.upArrow || input === 'k') next = offset - 1;
  else if (key.downArrow || input === 'j') next = offset + 1;
  else if (key.pageUp || input === 'b') next = offset - page;
  else if (key.pageDown || input === ' ') next = offset + page;
  else if (key.home || input === 'g') next = 0;
  else if (key.end || input === 'G') next = total;
  else return null;
  return clampOffset(next, total, height);
}
