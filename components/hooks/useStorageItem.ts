import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * The current value of one storage item (utils/storage-items.ts), kept up to date through its `watch`.
 * Returns `undefined` until the first read; callers validate the shape (the value is untyped data).
 */
export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): unknown {
  const [value, setValue] = useState<unknown>();
  useEffect(() => {
    let alive = true;
    item.getValue().then(
      (got) => alive && setValue(got),
      () => undefined,
    );
    const unwatch = item.watch((next) => setValue(next));
    return () => {
      alive = false;
      unwatch();
    };
  }, [item]);
  return value;
}
