/**
 * The account listbox, windowed by @tanstack/react-virtual: fixed row height, only the rows in view
 * (plus `overscan` above and below) are in the DOM, absolutely positioned inside a spacer as tall as
 * the whole list. 1,000 rows cost about as much as 30. The library measures the viewport and follows
 * the scroll position; this component adds the listbox semantics it does not have.
 *
 * Keyboard (WAI-ARIA listbox, one tab stop): ↑/↓ move, PageUp/PageDown by a screenful, Home/End,
 * Enter or Space opens the active row. The active row is always rendered (so `aria-activedescendant`
 * points at a real element) and is scrolled into view when the keyboard moves it.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MutableRefObject,
  type ReactNode,
} from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Extra attributes of a row (e.g. `data-testid`, `data-*`). */
  rowAttrs?: (item: T) => Record<string, string>;
  onOpen: (item: T, index: number) => void;
  label: string;
  testId?: string;
  overscan?: number;
  /** Kept by the parent so the scroll position and active row survive the list being unmounted. */
  memory?: MutableRefObject<{ scrollTop: number; activeKey: string | null }>;
  /**
   * Called when the rendered rows reach the last `overscan` rows of `items` (a list read in slices
   * loads its next slice); again after `items` grows.
   */
  onNearEnd?: () => void;
}

export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  rowAttrs,
  onOpen,
  label,
  testId,
  overscan = 6,
  memory,
  onNearEnd,
}: VirtualListProps<T>) {
  const baseId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(() => memory?.current.activeKey ?? null);
  const revealPending = useRef(false);

  const n = items.length;
  const activeIndex = activeKey === null ? -1 : items.findIndex((it) => getKey(it) === activeKey);

  // The active row is rendered even when it is scrolled out of view.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indices = defaultRangeExtractor(range);
      if (activeIndex >= 0 && activeIndex < range.count && !indices.includes(activeIndex))
        indices.push(activeIndex);
      return indices.sort((x, y) => x - y);
    },
    [activeIndex],
  );

  const virtualizer = useVirtualizer({
    count: n,
    getScrollElement: () => ref.current,
    estimateSize: () => rowHeight,
    getItemKey: (i) => getKey(items[i] as T),
    overscan,
    rangeExtractor,
    // Before the first measurement: a typical panel's list height, and the remembered position.
    initialRect: { width: 0, height: 480 },
    initialOffset: () => memory?.current.scrollTop ?? 0,
  });
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const virtualItems = virtualizer.getVirtualItems();
  const lastRendered = virtualItems.reduce((m, v) => Math.max(m, v.index), -1);

  useEffect(() => {
    if (onNearEnd && n > 0 && lastRendered >= n - 1 - overscan) onNearEnd();
  }, [onNearEnd, lastRendered, n, overscan]);

  // Restore the remembered scroll position once, before paint.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && memory) el.scrollTop = memory.current.scrollTop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  useEffect(() => {
    if (memory) memory.current = { scrollTop, activeKey };
  }, [memory, scrollTop, activeKey]);

  // Keep the keyboard's active row in view.
  useLayoutEffect(() => {
    if (!revealPending.current || activeIndex < 0) return;
    revealPending.current = false;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const move = (index: number) => {
    if (!n) return;
    const i = Math.max(0, Math.min(n - 1, index));
    revealPending.current = true;
    setActiveKey(getKey(items[i] as T));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const viewHeight = virtualizer.scrollRect?.height || 480;
    const page = Math.max(1, Math.floor(viewHeight / rowHeight) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    switch (e.key) {
      case 'ArrowDown':
        move(from + 1);
        break;
      case 'ArrowUp':
        move(from < 0 ? 0 : from - 1);
        break;
      case 'PageDown':
        move(from + page);
        break;
      case 'PageUp':
        move(from - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(n - 1);
        break;
      case 'Enter':
      case ' ':
        if (activeIndex >= 0) onOpen(items[activeIndex] as T, activeIndex);
        else move(0);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const optionId = (i: number) => `${baseId}-row-${i}`;
  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-total={n}
      style={{ height: n * rowHeight }}
    >
      <div role="presentation" className="vlist-spacer" style={{ height: n * rowHeight }}>
        {virtualItems.map(({ index: i, start }) => {
          const item = items[i] as T;
          return (
            <div
              key={getKey(item)}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              aria-setsize={n}
              aria-posinset={i + 1}
              className={`vlist-row${i === activeIndex ? ' active' : ''}`}
              style={{ top: start, height: rowHeight }}
              onClick={() => {
                setActiveKey(getKey(item));
                ref.current?.focus({ preventScroll: true });
                onOpen(item, i);
              }}
              {...rowAttrs?.(item)}
            >
              {renderRow(item, i)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
