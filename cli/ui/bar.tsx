/**
 * A fixed-width bar. @inkjs/ui's ProgressBar sizes itself by measuring after the first frame,
 * which renderToString never shows; dashboard bars must look the same in plain text.
 */
import { Text } from 'ink';

export interface BarProps {
  /** 0 to 100; values outside are clamped. */
  value: number | null;
  width: number;
}

export function Bar({ value, width }: BarProps) {
  if (value === null || !Number.isFinite(value)) return <Text dimColor>{'·'.repeat(width)}</Text>;
  const filled = Math.round((Math.min(100, Math.max(0, value)) / 100) * width);
  return (
    <Text>
      <Text color="cyan">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}
