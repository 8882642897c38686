/**
 * viewOf: the world at one step projected into the view model (types.ts), one small function
 * per stage. Pure: it reads the world and never changes it, so it can run inside a replay (at
 * the moment a row is written) as well as on a restored world, with the same result.
 */
import type { World } from '../engine/world';
import { cpuView } from './cpu';
import { groView } from './gro';
import { ledgerView } from './ledger';
import { pduView } from './pdu';
import { type PipeWrite, pipeView } from './pipe';
import { reqsView } from './reqs';
import { ringView } from './ring';
import { tcpView } from './tcp';
import type { RowView, ViewState } from './types';

/** Facts about the step that live in the trace, not in the world. */
export interface ViewContext {
  /** The last spdk_pipe_writer_advance row at or before the step (see lastPipeWrite in scan.ts). */
  lastPipeWrite?: PipeWrite | null;
}

export function viewOf(w: World, row: RowView | null, totalSteps: number, ctx: ViewContext = {}): ViewState {
  return {
    step: row?.step ?? w.step - 1,
    totalSteps,
    t: row?.t ?? w.now,
    row,
    ring: ringView(w),
    cpu: cpuView(w, row),
    gro: groView(w),
    tcp: tcpView(w),
    pipe: pipeView(w, ctx.lastPipeWrite ?? null),
    pdu: pduView(w),
    reqs: reqsView(w),
    ledger: ledgerView(w),
  };
}
