/**
 * The hex view: rows of 16 bytes with their offset and an ASCII column, each byte tinted by the
 * field it belongs to (alternating, so field edges show) and underlined in its PDU's colour.
 * Hovering or focusing a byte names its field below and highlights all of that field's bytes;
 * a field picked in the table highlights its bytes too (like Wireshark's bytes pane). Bytes a
 * layer already consumed are struck through.
 *
 * Only the rows in (or near) the scroll box are in the DOM, with spacer rows for the rest: a
 * 2 KiB view is 128 rows of 16 cells, and re-rendering all of them each step cost frames while
 * playing long scenarios.
 *
 * Keyboard: the grid is one focusable widget (aria-activedescendant); arrows, Page Up/Down,
 * Home/End (Ctrl: first/last byte) move; Enter picks the field. Arrow keys also step the
 * player page-wide, so the grid stops them here.
 */
import {
  type CSSProperties,
  type KeyboardEvent,
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { pduFill } from '../picture/shared/palette';
import {
  asciiOf,
  BYTES_PER_ROW,
  consumedMask,
  hex2,
  highlighted,
  labelIndex,
  moveByKey,
  rowMask,
  rowOffset,
  sameRowContent,
} from './hex-model';
import type { HexLabel, InspectHex } from './types';

interface RowProps {
  id: string;
  row: number;
  offset: string;
  bytes: readonly number[];
  at: Int32Array;
  gone: Uint8Array;
  labels: readonly HexLabel[];
  /** Highlighted bytes of this row (bit i: byte row * 16 + i). */
  mask: number;
  /** Column of the active byte in this row, -1 when it is elsewhere. */
  active: number;
}

const HexRow = memo(function HexRow({ id, row, offset, bytes, at, gone, labels, mask, active }: RowProps) {
  const cells = [];
  let ascii = '';
  const start = row * BYTES_PER_ROW;
  for (let c = 0; c < BYTES_PER_ROW && start + c < bytes.length; c++) {
    const i = start + c;
    const b = bytes[i]!;
    const k = at[i]!;
    const l = labels[k];
    const cls = ['hx'];
    if (k % 2 === 1) cls.push('alt');
    if (gone[i] === 1) cls.push('gone');
    if ((mask >> c) & 1) cls.push('hl');
    if (c === active) cls.push('active');
    const style = l !== undefined && l.cid >= 0 ? ({ '--pdu': pduFill(l.cid) } as CSSProperties) : undefined;
    cells.push(
      <td key={c} id={`${id}-b${i}`} className={cls.join(' ')} data-i={i} style={style}>
        {hex2(b)}
      </td>,
    );
    ascii += asciiOf(b);
  }
  // A short last row keeps its ASCII column under the others.
  const pad = BYTES_PER_ROW - cells.length;
  return (
    <tr data-row={row}>
      <th scope="row" className="hex-off">
        {offset}
      </th>
      {cells}
      {pad > 0 && <td colSpan={pad} aria-hidden="true" />}
      <td className="hex-ascii" aria-hidden="true">
        {ascii}
      </td>
    </tr>
  );
}, sameRow);

/** A row re-renders only when what it draws changed (each answer brings new arrays). */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.id === b.id &&
    a.row === b.row &&
    a.offset === b.offset &&
    a.mask === b.mask &&
    a.active === b.active &&
    sameRowContent(a, b, a.row)
  );
}

/** Rows rendered before the row pitch is measured, and rows kept beyond each edge of the box. */
const FIRST_ROWS = 24;
const OVERSCAN = 4;

export interface HexViewProps {
  hex: InspectHex;
  /** A field picked in the table (its label name), or null. */
  pinned: string | null;
  onPin(name: string | null): void;
}

/** What the described byte is, in words. */
function describe(hex: InspectHex, at: Int32Array, gone: Uint8Array, i: number): string {
  const l = hex.labels[at[i]!];
  let off = hex.base + i;
  if (hex.modulo > 0) off %= hex.modulo;
  const where = `Byte ${off.toString(16).padStart(4, '0')} = 0x${hex2(hex.bytes[i]!)}`;
  if (l === undefined) return where;
  const span = l.length === 1 ? '1 byte' : `${l.length} bytes`;
  return `${where}: ${l.group} › ${l.name} (${span})${gone[i] === 1 ? ', consumed' : ''}`;
}

export function HexView({ hex, pinned, onPin }: HexViewProps) {
  const id = useId().replace(/:/g, '');
  const at = useMemo(() => labelIndex(hex), [hex]);
  const gone = useMemo(() => consumedMask(hex), [hex]);
  const n = hex.bytes.length;
  const [active, setActive] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const grid = useRef<HTMLTableElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const act = Math.min(active, Math.max(0, n - 1));
  // Rows shown: the first row in the scroll box, the row pitch (px, 0 until measured) and rows that fit.
  const [win, setWin] = useState({ first: 0, pitch: 0, fit: FIRST_ROWS });
  useLayoutEffect(() => {
    const rs = grid.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]');
    const box = scroller.current;
    if (rs === undefined || rs.length < 2 || box === null) return;
    const pitch = rs[1]!.offsetTop - rs[0]!.offsetTop;
    if (pitch <= 0) return;
    const fit = Math.ceil(box.clientHeight / pitch) + 1;
    setWin((w) => (w.pitch === pitch && w.fit === fit ? w : { ...w, pitch, fit }));
  });
  const onScroll = () => {
    const box = scroller.current;
    if (box === null || win.pitch <= 0) return;
    const first = Math.floor(box.scrollTop / win.pitch);
    if (first !== win.first) setWin({ ...win, first });
  };

  useEffect(() => {
    if (!focused) return;
    const el = grid.current?.querySelector(`#${CSS.escape(`${id}-b${act}`)}`);
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [act, focused, id]);

  const shownByte = hover ?? (focused ? act : null);
  const hl = useMemo(() => highlighted(hex, at, shownByte, pinned), [hex, at, shownByte, pinned]);
  const pinnedFirst = pinned === null ? null : (hex.labels.find((l) => l.name === pinned)?.offset ?? null);
  const described = shownByte ?? pinnedFirst;

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      const l = hex.labels[at[act]!];
      e.preventDefault();
      e.stopPropagation();
      onPin(l === undefined || l.name === pinned ? null : l.name);
      return;
    }
    if (e.key === 'Escape' && pinned !== null) {
      e.preventDefault();
      e.stopPropagation();
      onPin(null);
      return;
    }
    const next = moveByKey(e.key, e.ctrlKey || e.metaKey, act, n);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setHover(null);
    setActive(next);
  };

  const rows = [];
  const count = Math.ceil(n / BYTES_PER_ROW);
  const activeRow = Math.floor(act / BYTES_PER_ROW);
  let from = Math.max(0, win.first - OVERSCAN);
  let to = Math.min(count, win.first + win.fit + OVERSCAN);
  // The active byte's cell must exist (aria-activedescendant names it).
  if (focused && activeRow < from) from = activeRow;
  if (focused && activeRow >= to) to = activeRow + 1;
  const spacer = (key: string, height: number) =>
    height > 0 && (
      <tr key={key} className="hex-spacer" style={{ height }}>
        <td colSpan={BYTES_PER_ROW + 2} aria-hidden="true" />
      </tr>
    );
  const pitch = win.pitch > 0 ? win.pitch : 0;
  rows.push(spacer('above', from * pitch));
  for (let r = from; r < to; r++) {
    rows.push(
      <HexRow
        key={r}
        id={id}
        row={r}
        offset={rowOffset(hex, r)}
        bytes={hex.bytes}
        at={at}
        gone={gone}
        labels={hex.labels}
        mask={rowMask(r, at, hl)}
        active={focused && r === activeRow ? act % BYTES_PER_ROW : -1}
      />,
    );
  }
  rows.push(spacer('below', (count - to) * pitch));

  return (
    <div className="hexview">
      <p className="hex-caption">{hex.caption}</p>
      <div className="hex-scroll" ref={scroller} onScroll={onScroll}>
        <table
          ref={grid}
          className="hex-grid"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA grid pattern on a table (one tab stop, arrow keys move between byte cells)
          role="grid"
          aria-label="Bytes"
          aria-readonly="true"
          aria-describedby={`${id}-info`}
          aria-activedescendant={focused && n > 0 ? `${id}-b${act}` : undefined}
          tabIndex={0}
          onKeyDown={onKey}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onMouseOver={(e) => {
            const i = (e.target as HTMLElement).dataset.i;
            if (i !== undefined) setHover(Number(i));
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const i = (e.target as HTMLElement).dataset.i;
            if (i === undefined) return;
            const k = Number(i);
            setActive(k);
            const l = hex.labels[at[k]!];
            onPin(l === undefined ? null : l.name);
          }}
        >
          <tbody>{rows}</tbody>
        </table>
      </div>
      <p id={`${id}-info`} className="hex-info" aria-live="polite">
        {described === null
          ? 'Hover over or focus a byte to name its field.'
          : describe(hex, at, gone, described)}
      </p>
      {hex.consumed.length > 0 && (
        <p className="hex-legend">
          <span className="hx gone sample" aria-hidden="true">
            ab
          </span>{' '}
          Struck through: {hex.consumedWhy}
        </p>
      )}
    </div>
  );
}
