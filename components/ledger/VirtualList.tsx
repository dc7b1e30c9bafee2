/**
 * A small windowed listbox: fixed row height, only the rows in view (plus `overscan` above and below)
 * are in the DOM, absolutely positioned inside a spacer as tall as the whole list. 1,000 rows cost
 * about as much as 30.
 *
 * Keyboard (WAI-ARIA listbox, one tab stop): ↑/↓ move, PageUp/PageDown by a screenful, Home/End,
 * Enter or Space opens the active row. The active row is always rendered (so `aria-activedescendant`
 * points at a real element) and is scrolled into view when the keyboard moves it.
 */
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
}: VirtualListProps<T>) {
  const baseId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(() => memory?.current.scrollTop ?? 0);
  const [viewHeight, setViewHeight] = useState(480);
  const [activeKey, setActiveKey] = useState<string | null>(() => memory?.current.activeKey ?? null);
  const frame = useRef(0);
  const revealPending = useRef(false);

  const n = items.length;
  const foundIndex = activeKey === null ? -1 : items.findIndex((it) => getKey(it) === activeKey);
  const activeIndex = foundIndex;

  // Restore the remembered scroll position once, before paint.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && memory) el.scrollTop = memory.current.scrollTop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewHeight(el.clientHeight || 480);
    const ro = new ResizeObserver(() => setViewHeight(el.clientHeight || 480));
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  useEffect(() => {
    if (memory) memory.current = { scrollTop, activeKey };
  }, [memory, scrollTop, activeKey]);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (ref.current) setScrollTop(ref.current.scrollTop);
    });
  }, []);

  // Keep the keyboard's active row in view.
  useLayoutEffect(() => {
    if (!revealPending.current || activeIndex < 0) return;
    revealPending.current = false;
    const el = ref.current;
    if (!el) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
  }, [activeIndex, rowHeight]);

  const move = (index: number) => {
    if (!n) return;
    const i = Math.max(0, Math.min(n - 1, index));
    revealPending.current = true;
    setActiveKey(getKey(items[i] as T));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
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

  // The list may have shrunk (a filter) before the browser's clamped scroll position is reported.
  const top = Math.min(scrollTop, Math.max(0, n * rowHeight - viewHeight));
  const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(n, Math.ceil((top + viewHeight) / rowHeight) + overscan);
  const indices: number[] = [];
  if (activeIndex >= 0 && activeIndex < start) indices.push(activeIndex);
  for (let i = start; i < end; i++) indices.push(i);
  if (activeIndex >= end) indices.push(activeIndex);

  const optionId = (i: number) => `${baseId}-row-${i}`;
  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-total={n}
      style={{ height: n * rowHeight }}
    >
      <div role="presentation" className="vlist-spacer" style={{ height: n * rowHeight }}>
        {indices.map((i) => {
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
              style={{ top: i * rowHeight, height: rowHeight }}
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
