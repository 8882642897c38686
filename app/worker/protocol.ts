/**
 * Messages between the page and the simulation worker. The page never simulates and never
 * holds the whole trace: it asks for the view at a step and for rows in a window; large
 * arrays cross as transferable buffers. Every request carries an id; every answer names it.
 */
import type { Scenario, Summary } from '../../sim-core';
import type { Breakpoint, Granularity, Markers, RowView, ViewState } from '../../sim-core/view/types';

/**
 * Granularity, Breakpoint and Markers are defined beside the code that evaluates them
 * (sim-core/view/types.ts, scan.ts) and re-exported here unchanged.
 * - Granularity: 'event' the next row; 'function' the next row that is not a state change;
 *   'packet' the next frame DMA'd by the NIC; 'pdu' the next time the PDU receive machine
 *   enters AWAIT_PDU_CH (a new PDU's common header starts to be read).
 * - Breakpoint states may be full upstream names or their ends ('AWAIT_PDU_PAYLOAD', 'EXECUTING').
 */
export type { Breakpoint, Granularity, Markers };

export type ToWorker =
  | { type: 'load'; id: number; scenario: Scenario }
  | { type: 'cancel'; id: number }
  | { type: 'view'; id: number; step: number }
  | { type: 'rows'; id: number; from: number; to: number }
  /** Next/previous step from `from` at a granularity, or the next step where a breakpoint holds. */
  | { type: 'seek'; id: number; from: number; dir: 1 | -1; by: Granularity | { breakpoint: Breakpoint } };

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

export type FromWorker =
  /** `fraction`: writes answered / writes to issue (0..1), null when the scenario has no writes to count. */
  | { type: 'progress'; id: number; events: number; simTimeNs: number; fraction: number | null }
  | { type: 'loaded'; id: number; totalSteps: number; summary: Summary; markers: Markers }
  /** The load `id` was cancelled (by a cancel message or by a newer load). */
  | { type: 'cancelled'; id: number }
  | { type: 'view'; id: number; view: ViewState }
  | { type: 'rows'; id: number; rows: RowsWindow; described: RowView[] }
  | { type: 'seek'; id: number; step: number | null }
  | { type: 'error'; id: number; message: string };
