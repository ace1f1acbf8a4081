import { useEffect, useState } from 'react';
import { debounce } from '../../lib/latest';

/** `value`, once it has stayed the same for `ms` (the preview and the related search follow typing). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const later = debounce(setSettled, ms);
    later(value);
    return later.cancel;
  }, [value, ms]);
  return settled;
}
