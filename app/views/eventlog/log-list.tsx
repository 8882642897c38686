/**
 * The event log's list: a listbox of fixed-height rows of which only the visible ones exist in
 * the DOM (virtual.ts). Positions are kept in rows, so the scrollbar works the same for a
 * hundred rows and for eleven million. Keys: Up/Down (Page Up/Down, Home/End) move the focused
 * row, Enter (or Space) jumps to its step; they do not reach the page's stepping shortcuts.
 * While following, the current step's row is kept in view; scrolling by hand stops following.
 */
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { RowView } from '../../sim-types';
import type { LogSource } from './log-source';
import { LogRow } from './log-row';
import { useRowPages } from './use-row-pages';
import {
  centreRow,
  contentHeight,
  type ListGeometry,
  maxTopRow,
  revealRow,
  rowOffset,
  rowsInView,
  scrollScale,
  scrollTopFor,
  topRowAt,
  visibleRange,
} from './virtual';

/** Row height in em of the list's font (kept in step with .log-row in eventlog.css). */
const ROW_EM = 1.75;

interface Props {
  source: LogSource | null;
  /** The player's current step (-1: none). */
  step: number;
  follow: boolean;
  onFollow(on: boolean): void;
  onJump(step: number): void;
}

function measure(el: HTMLElement): { viewport: number; rowHeight: number } {
  const font = Number.parseFloat(getComputedStyle(el).fontSize) || 16;
  return { viewport: el.clientHeight, rowHeight: Math.round(font * ROW_EM) };
}

export function LogList({ source, step, follow, onFollow, onJump }: Props) {
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ viewport: 400, rowHeight: 30 });
  const count = source?.count ?? 0;
  const g: ListGeometry = { count, rowHeight: size.rowHeight, viewport: size.viewport };
  const geometry = useRef(g);
  geometry.current = g;
  const [topRow, setTopRow] = useState(0);
  const [cursor, setCursor] = useState(0);
  // The scroll offset this component set last: a scroll event elsewhere is the user's.
  const ours = useRef(0);

  const { first, last } = visibleRange(g, topRow, 3);
  const rowAt = useRowPages(source, first, last);
  const rowAtRef = useRef(rowAt);
  rowAtRef.current = rowAt;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const update = () => setSize(measure(el));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new source (trace or filter): start from the top unless following puts us elsewhere.
  const sourceKey = source?.key ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the rows change identity
  useEffect(() => {
    setTopRow(0);
    setCursor(0);
  }, [sourceKey]);

  // Keep the top row within range when the list or viewport changes size.
  const maxTop = maxTopRow(g);
  useEffect(() => {
    setTopRow((t) => Math.min(t, maxTop));
  }, [maxTop]);

  // The scroll offset follows the top row (set here, read back: browsers round it); the
  // geometry is read through its ref, and a new size or count must set it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: size and count change the offset of a top row
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const want = scrollTopFor(geometry.current, topRow);
    if (Math.abs(el.scrollTop - want) >= 1) el.scrollTop = want;
    ours.current = el.scrollTop;
  }, [topRow, size, count]);

  // Following: the current step's row (or the last one before it, when filtered) stays in view.
  useEffect(() => {
    if (!follow || source === null || step < 0) return;
    let live = true;
    source.indexOf(step).then(
      (i) => {
        if (!live || i < 0) return;
        setCursor(i);
        setTopRow((t) => {
          const gg = geometry.current;
          const far = i < t - rowsInView(gg) || i > t + 2 * rowsInView(gg);
          return far ? centreRow(gg, i) : revealRow(gg, t, i);
        });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [follow, source, step]);

  const onScroll = () => {
    const el = scroller.current;
    if (el === null || Math.abs(el.scrollTop - ours.current) < 1) return;
    ours.current = el.scrollTop;
    setTopRow(topRowAt(geometry.current, el.scrollTop));
    onFollow(false);
  };

  // Past MAX_SCROLL_PX a wheel notch would skip thousands of rows: move by rows instead.
  const onFollowRef = useRef(onFollow);
  onFollowRef.current = onFollow;
  useEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const onWheel = (e: WheelEvent) => {
      const gg = geometry.current;
      if (scrollScale(gg) <= 1.01 || e.deltaY === 0) return;
      e.preventDefault();
      const rows =
        e.deltaMode === 1
          ? e.deltaY
          : e.deltaMode === 2
            ? e.deltaY * rowsInView(gg)
            : e.deltaY / gg.rowHeight;
      setTopRow((t) => Math.min(maxTopRow(gg), Math.max(0, t + rows)));
      onFollowRef.current(false);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const moveTo = (i: number) => {
    if (count === 0) return;
    const c = Math.min(count - 1, Math.max(0, i));
    setCursor(c);
    setTopRow((t) => revealRow(geometry.current, t, c));
    onFollow(false);
  };

  const jump = useCallback(
    (index: number, row: RowView) => {
      scroller.current?.focus({ preventScroll: true });
      setCursor(index);
      onJump(row.step);
    },
    [onJump],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(rowsInView(g)) - 1);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(cursor + 1);
        break;
      case 'ArrowUp':
        moveTo(cursor - 1);
        break;
      case 'PageDown':
        moveTo(cursor + page);
        break;
      case 'PageUp':
        moveTo(cursor - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter':
      case ' ': {
        const row = rowAtRef.current(cursor);
        if (row !== undefined) jump(cursor, row);
        break;
      }
      default:
        handled = false;
    }
    if (handled) {
      // Arrows, Space, Home and End also drive the player (use-shortcuts.ts): not from here.
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const row = rowAt(i);
    rows.push(
      <LogRow
        key={i}
        id={`${id}-r${i}`}
        index={i}
        count={count}
        row={row}
        current={row !== undefined && row.step === step}
        cursor={i === cursor}
        top={rowOffset(g, topRow, i)}
        height={size.rowHeight}
        onPick={jump}
      />,
    );
  }
  const cursorShown = cursor >= first && cursor < last;

  return (
    <div
      ref={scroller}
      className="log-scroll"
      role="listbox"
      aria-label="Events"
      tabIndex={0}
      aria-activedescendant={cursorShown ? `${id}-r${cursor}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div className="log-rows" role="presentation" style={{ height: size.viewport }}>
        {rows}
      </div>
      <div
        className="log-spacer"
        role="presentation"
        style={{ height: Math.max(0, contentHeight(g) - size.viewport), marginTop: 0 }}
      />
    </div>
  );
}
