/**
 * useInput that is safe without a terminal on stdin: Ink throws when it cannot enter raw
 * mode, so keys are listened to only when raw mode is supported (and the caller wants them).
 */
import { useInput, useStdin, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export function useKeys(handler: KeyHandler, active = true): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: active && Boolean(isRawModeSupported) });
}
