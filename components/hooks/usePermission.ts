import { useEffect, useState } from 'react';

type Optional = 'notifications';

/**
 * Whether an optional permission is granted right now (`null` until known), following grants and
 * removals made anywhere (this panel, another panel, the browser's extension settings).
 */
export function usePermission(permission: Optional): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    const api = browser.permissions;
    if (!api) return;
    let alive = true;
    const check = () => {
      api.contains({ permissions: [permission] }).then(
        (yes) => alive && setGranted(yes),
        () => alive && setGranted(false),
      );
    };
    check();
    api.onAdded?.addListener(check);
    api.onRemoved?.addListener(check);
    return () => {
      alive = false;
      api.onAdded?.removeListener(check);
      api.onRemoved?.removeListener(check);
    };
  }, [permission]);
  return granted;
}
