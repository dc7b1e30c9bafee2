import { useEffect, useState } from 'react';
import { TAB_KEY_PREFIX, tabKey, type TabState } from '@/utils/tab-state';

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
      const all: Record<string, TabState> = await browser.storage.session.get<Record<string, TabState>>(null);
      let chosen: TabState | undefined;
      if (pinned) chosen = all[tabKey(pinned)];
      else {
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        if (active?.id !== undefined) chosen = all[tabKey(active.id)];
        chosen ??= Object.entries(all)
          .filter(([k]) => k.startsWith(TAB_KEY_PREFIX))
          .map(([, v]) => v)
          .sort((a, b) => b.updatedAt - a.updatedAt)[0];
      }
      if (alive) {
        setState(chosen);
        setReady(true);
      }
    };
    const onChanged = (_: unknown, area: string) => {
      if (area === 'session') void refresh();
    };
    const onActivated = () => void refresh();
    browser.storage.onChanged.addListener(onChanged);
    browser.tabs.onActivated.addListener(onActivated);
    void refresh();
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);

  return { state, ready };
}
