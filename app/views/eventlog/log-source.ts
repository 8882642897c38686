/**
 * Where the event log's rows come from: every row of the trace, or the matches of a filter kept
 * in the worker. Either way the page asks for one page of rows at a time (described by the
 * worker) and for the row index of a step; it never holds the trace.
 */
import type { RowView } from '../../sim-types';
import type { SimClient } from '../../worker/client';

/** Rows per request: the worker describes up to 200 rows of each window (engine.ts DESCRIBED_ROWS). */
export const PAGE_ROWS = 200;

export type LogClient = Pick<SimClient, 'rows' | 'filterRows' | 'filterIndex'>;

export interface LogSource {
  /** Changes whenever the rows do (another trace or another filter). */
  readonly key: string;
  /** Rows in the log. */
  readonly count: number;
  /** Rows of the whole trace. */
  readonly total: number;
  readonly filtered: boolean;
  /** The rows of page `p` ([p * PAGE_ROWS, (p + 1) * PAGE_ROWS)). */
  page(p: number): Promise<RowView[]>;
  /** Index of the row of `step`, or of the last row before it; -1 when none. */
  indexOf(step: number): Promise<number>;
}

/** Every row of a trace of `total` rows; `trace` names the loaded trace. */
export function allRows(client: LogClient, total: number, trace: string): LogSource {
  return {
    key: `all:${trace}:${total}`,
    count: total,
    total,
    filtered: false,
    async page(p) {
      const { described } = await client.rows(p * PAGE_ROWS, (p + 1) * PAGE_ROWS);
      return described;
    },
    indexOf: (step) => Promise.resolve(Math.min(step, total - 1)),
  };
}

/** The matches of filter `filter` (count of total rows). */
export function filteredRows(client: LogClient, filter: number, count: number, total: number): LogSource {
  return {
    key: `filter:${filter}`,
    count,
    total,
    filtered: true,
    async page(p) {
      const { described } = await client.filterRows(filter, p * PAGE_ROWS, (p + 1) * PAGE_ROWS);
      return described;
    },
    indexOf: (step) => client.filterIndex(filter, step),
  };
}
