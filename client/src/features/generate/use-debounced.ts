import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs`; the first value at once. For values that
 * change as someone types (a request to estimate, written as a JSON string).
 */
export function useDebounced(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
