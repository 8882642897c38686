/**
 * Breakpoints as the page keeps them (a condition, on or off) and their names in plain words.
 * State names come from the machine definitions that run in sim-core, so the form can only
 * offer states that exist.
 */
import { recvMachine, reqMachine } from '../../sim-core/page';
import type { Breakpoint } from '../sim-types';

export interface BreakpointEntry {
  id: number;
  bp: Breakpoint;
  enabled: boolean;
}

/** A breakpoint with its name, as the player gets it. */
export interface NamedBreakpoint {
  label: string;
  bp: Breakpoint;
}

export type BreakpointKind = Breakpoint['kind'];

/** The conditions the form offers, in the order an engineer meets them along the path. */
export const BREAKPOINT_KINDS: { kind: BreakpointKind; label: string }[] = [
  { kind: 'ring-overrun', label: 'RX ring overrun (frame dropped)' },
  { kind: 'backlog-nonempty', label: 'Socket backlog becomes non-empty' },
  { kind: 'recv-state', label: 'PDU receive state enters…' },
  { kind: 'req-state', label: 'tcp_req enters state…' },
  { kind: 'termreq', label: 'A TermReq (sent or received)' },
];

/** enum nvme_tcp_pdu_recv_state, from the definition the simulation runs. */
export const RECV_STATES: readonly string[] = Object.keys(recvMachine.config.states ?? {});
/** enum spdk_nvmf_tcp_req_state, from the definition the simulation runs. */
export const REQ_STATES: readonly string[] = Object.keys(reqMachine.config.states ?? {});

/** A state name without its enum prefix (…_STATE_): AWAIT_PDU_PAYLOAD, EXECUTING. */
export function shortState(name: string): string {
  return name.replace(/^[A-Z0-9_]*?_STATE_/, '');
}

export function describeBreakpoint(bp: Breakpoint): string {
  switch (bp.kind) {
    case 'recv-state':
      return `PDU receive state enters ${shortState(bp.state)}`;
    case 'req-state':
      return `tcp_req enters ${shortState(bp.state)}`;
    case 'ring-overrun':
      return 'RX ring overrun';
    case 'backlog-nonempty':
      return 'Backlog becomes non-empty';
    case 'termreq':
      return 'TermReq';
  }
}

export function sameBreakpoint(a: Breakpoint, b: Breakpoint): boolean {
  if (a.kind !== b.kind) return false;
  if (
    (a.kind === 'recv-state' || a.kind === 'req-state') &&
    (b.kind === 'recv-state' || b.kind === 'req-state')
  ) {
    return a.state === b.state;
  }
  return true;
}

/** The enabled breakpoints, named, for the player. */
export function enabledBreakpoints(list: readonly BreakpointEntry[]): NamedBreakpoint[] {
  return list.filter((e) => e.enabled).map((e) => ({ label: describeBreakpoint(e.bp), bp: e.bp }));
}
