/**
 * Messages between the page and the simulation worker. The page never simulates and never
 * holds the whole trace: it asks for the view at a step and for rows in a window; large
 * arrays cross as transferable buffers. Every request carries an id; every answer names it.
 */
import type { Scenario, Summary } from '../../sim-core';
import type { Breakpoint, Granularity, Markers, RowView, ViewState } from '../../sim-core/view/types';
import type { InspectSelection, InspectView } from '../../sim-core/view/inspect-types';
import type { FilterQuery } from './filter';

/**
 * Granularity, Breakpoint and Markers are defined beside the code that evaluates them
 * (sim-core/view/types.ts, scan.ts) and re-exported here unchanged.
 * - Granularity: 'event' the next row; 'function' the next row that is not a state change;
 *   'packet' the next frame DMA'd by the NIC; 'pdu' the next time the PDU receive machine
 *   enters AWAIT_PDU_CH (a new PDU's common header starts to be read).
 * - Breakpoint states may be full upstream names or their ends ('AWAIT_PDU_PAYLOAD', 'EXECUTING').
 */
export type { Breakpoint, Granularity, Markers };
export type { FilterKind, FilterQuery } from './filter';

export type ToWorker =
  | { type: 'load'; id: number; scenario: Scenario }
  | { type: 'cancel'; id: number }
  | { type: 'view'; id: number; step: number }
  | { type: 'rows'; id: number; from: number; to: number }
  /** Next/previous step from `from` at a granularity, or the next step where a breakpoint holds. */
  | { type: 'seek'; id: number; from: number; dir: 1 | -1; by: Granularity | { breakpoint: Breakpoint } }
  /** The inspector: every field of the selected object at `step` (null: the PDU in progress). */
  | { type: 'inspect'; id: number; step: number; selection: InspectSelection | null }
  /** Event log filter (filter.ts): match the whole trace, keep the matching steps in the worker. */
  | { type: 'filter'; id: number; query: FilterQuery }
  /** Matches [from, to) of filter `filter` (the id of its 'filter' request), at most 2^16 per call. */
  | { type: 'filterRows'; id: number; filter: number; from: number; to: number }
  /** Index of the last match at or before `step` (-1: none). */
  | { type: 'filterIndex'; id: number; filter: number; step: number };

/** Columnar rows (transferable). */
export interface RowsWindow {
  from: number;
  length: number;
  t: Float64Array;
  code: Uint16Array;
  obj: Uint32Array;
  a: Int32Array;
  b: Int32Array;
}

/** Matching rows [from, to) of a filter: their steps and columns (transferable). */
export interface MatchWindow {
  /** Index of the first match in the window (not a step). */
  from: number;
  length: number;
  steps: Uint32Array;
  t: Float64Array;
  code: Uint16Array;
  obj: Uint32Array;
  a: Int32Array;
  b: Int32Array;
}

export type FromWorker =
  /** `fraction`: writes answered / writes to issue (0..1), null when the scenario has no writes to count. */
  | { type: 'progress'; id: number; events: number; simTimeNs: number; fraction: number | null }
  | { type: 'loaded'; id: number; totalSteps: number; summary: Summary; markers: Markers }
  /** The load `id` was cancelled (by a cancel message or by a newer load). */
  | { type: 'cancelled'; id: number }
  | { type: 'view'; id: number; view: ViewState }
  | { type: 'rows'; id: number; rows: RowsWindow; described: RowView[] }
  | { type: 'seek'; id: number; step: number | null }
  | { type: 'inspect'; id: number; inspect: InspectView }
  /** A filter's match count over `total` rows; `filter` names it in later requests. */
  | { type: 'filter'; id: number; filter: number; count: number; total: number }
  | { type: 'filterRows'; id: number; rows: MatchWindow; described: RowView[] }
  | { type: 'filterIndex'; id: number; index: number }
  | { type: 'error'; id: number; message: string };
