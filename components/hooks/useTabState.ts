import { useEffect, useState } from 'react';
import { readTabs, watchTabs } from '@/utils/storage-items';
import { tabKey, type TabState } from '@/utils/tab-state';

/**
 * The state of the 光合 tab the panel follows: `?tab=<id>` if given (tests, pop-out), else the active
 * tab of the panel's window, else the most recently updated 光合 tab (when the panel is itself a tab).
 */
export function useTabState(): { state: TabState | undefined; ready: boolean } {
  const [state, setState] = useState<TabState | undefined>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let alive = true;
    const pinned = Number(new URLSearchParams(location.search).get('tab')) || undefined;

    const refresh = async () => {
      const all = await readTabs();
      let chosen: TabState | undefined;
      if (pinned) chosen = all[tabKey(pinned)];
      else {
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        if (active?.id !== undefined) chosen = all[tabKey(active.id)];
        chosen ??= Object.values(all).sort((a, b) => b.updatedAt - a.updatedAt)[0];
      }
      if (alive) {
        setState(chosen);
        setReady(true);
      }
    };
    const onActivated = () => void refresh();
    const unwatch = watchTabs(() => void refresh());
    browser.tabs.onActivated.addListener(onActivated);
    void refresh();
    return () => {
      alive = false;
      unwatch();
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);

  return { state, ready };
}
