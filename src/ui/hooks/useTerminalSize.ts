import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Size } from '../layout.js';

/** The terminal size, updated on resize (ink 6 has no hook for it). Test streams without rows count as 24. */
export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
