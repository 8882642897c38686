/** One event log row: step, simulated time, function, layer and what happens, in plain words. */
import { memo } from 'react';
import { codeInfo } from '../../../sim-core/page';
import { formatMicros, stepNumber } from '../../format';
import type { RowView } from '../../sim-types';
import { shortState } from '../../store/breakpoints';

/** The row's words: state changes read "tcp_req 3: NEW → NEED_BUFFER". */
export function rowText(row: RowView): string {
  if (row.machine !== undefined) {
    return `${row.machine} ${row.obj}: ${shortState(row.from ?? '')} → ${shortState(row.to ?? '')}`;
  }
  return row.caption;
}

/** The row's accessible name: every column, in words. */
export function rowLabel(row: RowView): string {
  return `Step ${stepNumber(row.step)}, ${formatMicros(row.t)} µs, ${row.fn}, ${row.layer}: ${rowText(row)}`;
}

interface Props {
  id: string;
  index: number;
  count: number;
  row: RowView | undefined;
  current: boolean;
  cursor: boolean;
  top: number;
  height: number;
  onPick(index: number, row: RowView): void;
}

export const LogRow = memo(function LogRow({
  id,
  index,
  count,
  row,
  current,
  cursor,
  top,
  height,
  onPick,
}: Props) {
  const style = { transform: `translateY(${top}px)`, height };
  if (row === undefined) {
    return (
      <div
        role="option"
        id={id}
        aria-selected={false}
        aria-posinset={index + 1}
        aria-setsize={count}
        aria-label="Loading…"
        tabIndex={-1}
        className="log-row loading"
        style={style}
      >
        <span className="c-step">…</span>
      </div>
    );
  }
  const marker = codeInfo(row.code)?.marker;
  const cls = ['log-row', current ? 'current' : '', cursor ? 'cursor' : '', marker ? `mark-${marker}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles keys (Up/Down/Enter) for its rows
    <div
      // Focus stays on the listbox (aria-activedescendant names the row), never on a row.
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      role="option"
      id={id}
      aria-selected={current}
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-label={rowLabel(row)}
      className={cls}
      style={style}
      onClick={() => onPick(index, row)}
    >
      <span className="c-step">{stepNumber(row.step)}</span>
      <span className="c-time">{formatMicros(row.t)}</span>
      <code className="c-fn" title={row.fn}>
        {row.machine !== undefined ? row.fn.replace(/\s*\(.*\)$/, '') : row.fn}
      </code>
      <span className="c-layer">{row.layer}</span>
      <span className="c-what">{rowText(row)}</span>
    </div>
  );
});
