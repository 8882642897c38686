/**
 * What the charts light at a step, from the view (pure): which tcp_req the second chart follows,
 * and which transition the current trace row took, if it is a state change of a drawn machine.
 *
 * The trace records a state change as (machine, object, from, to), not the event: the events
 * named are the ones the definition allows from `from` to `to` (usually exactly one).
 */
import type { ReqView, RowView, ViewState } from '../../sim-types';
import type { Selection } from '../../store/store';
import type { ChartGraph } from './chart-model';

export type ReqReason = 'selected' | 'pdu' | 'busy' | 'first';

export interface ReqChoice {
  idx: number;
  reason: ReqReason;
}

/**
 * The tcp_req to follow: the one selected (selection kind 'req'), else the one the PDU being
 * received is bound to, else the first one not in `freeState`, else the first one.
 */
export function chooseReq(
  reqs: readonly ReqView[],
  pduReqIdx: number,
  selection: Selection | null,
  freeState: string,
): ReqChoice | null {
  if (selection?.kind === 'req' && reqs.some((r) => r.idx === selection.id)) {
    return { idx: selection.id, reason: 'selected' };
  }
  if (pduReqIdx >= 0 && reqs.some((r) => r.idx === pduReqIdx)) return { idx: pduReqIdx, reason: 'pdu' };
  const busy = reqs.find((r) => r.state !== freeState);
  if (busy !== undefined) return { idx: busy.idx, reason: 'busy' };
  const first = reqs[0];
  return first === undefined ? null : { idx: first.idx, reason: 'first' };
}

/** Why automatic following shows this request (short: it sits beside the picker). */
export const REASON_TEXT: Record<ReqReason, string> = {
  selected: 'chosen',
  pdu: "the current PDU's",
  busy: 'first in use',
  first: 'all free',
};

export interface Taken {
  from: string;
  to: string;
  /** Events of the definition that lead from `from` to `to`. */
  events: string[];
  /** The drawn arrow, or null when the transition is one of the group notes. */
  edgeId: string | null;
  groupIds: string[];
}

/** True when the row is a state change between two states of this graph. */
export function isRowOf(graph: ChartGraph, row: RowView | null): boolean {
  if (row?.machine === undefined || row.from === undefined || row.to === undefined) return false;
  const { from, to } = row;
  return graph.states.some((s) => s.key === from) && graph.states.some((s) => s.key === to);
}

/** The transition the row took in this graph (for the tcp_req chart, only of object `obj`). */
export function takenBy(graph: ChartGraph, row: RowView | null, obj?: number): Taken | null {
  if (!isRowOf(graph, row) || row === null) return null;
  if (obj !== undefined && row.obj !== obj) return null;
  const from = row.from ?? '';
  const to = row.to ?? '';
  const events = graph.transitions.filter((t) => t.from === from && t.to === to).map((t) => t.event);
  const edge = graph.edges.find((e) => e.from === from && e.to === to);
  const groupIds = graph.groups.filter((g) => g.to === to && g.from.includes(from)).map((g) => g.id);
  return { from, to, events, edgeId: edge?.id ?? null, groupIds };
}

/** A short label for a tcp_req: "tcp_req 3 · cid 5", or "tcp_req 3 · free". */
export function reqLabel(r: ReqView, freeState: string): string {
  return r.state === freeState ? `tcp_req ${r.idx} · free` : `tcp_req ${r.idx} · cid ${r.cid}`;
}

/** The state of the followed tcp_req at a step, or null. */
export function reqStateOf(view: ViewState | null, idx: number | undefined): string | null {
  if (view === null || idx === undefined) return null;
  return view.reqs.find((r) => r.idx === idx)?.state ?? null;
}
