/** The terminal's size, following resizes; tests pass a fixed size instead. */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface ScreenSize {
  width: number;
  height: number;
}

/** The size the UI is designed for; a terminal that does not say its size gets this. */
export const MIN_SIZE: ScreenSize = { width: 80, height: 24 };

export function useScreenSize(fixed?: ScreenSize): ScreenSize {
  const { stdout } = useStdout();
  const read = (): ScreenSize => ({
    width: Math.max(40, stdout.columns || MIN_SIZE.width),
    height: Math.max(12, stdout.rows || MIN_SIZE.height),
  });
  const [size, setSize] = useState<ScreenSize>(fixed ?? read());
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
