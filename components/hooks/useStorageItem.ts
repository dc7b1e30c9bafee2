import { useEffect, useState } from 'react';

/**
 * The current value of one `browser.storage` key, kept up to date through `storage.onChanged`.
 * Returns `undefined` until the first read; callers validate the shape (the value is untyped data).
 */
export function useStorageItem(area: 'local' | 'session', key: string): unknown {
  const [value, setValue] = useState<unknown>();
  useEffect(() => {
    let alive = true;
    browser.storage[area].get(key).then(
      (got) => alive && setValue(got[key]),
      () => undefined,
    );
    const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
      if (changedArea === area && key in changes) setValue(changes[key]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [area, key]);
  return value;
}
