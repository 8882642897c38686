/**
 * The three recorded nvmf machines as plain definitions (no XState here, so the worker's bundle
 * runs them without the XState library): the PDU receive machine (enum nvme_tcp_pdu_recv_state),
 * the tcp_req machine (enum spdk_nvmf_tcp_req_state) and the qpair machine (enum
 * nvmf_tcp_qpair_state). machines.ts hands these same objects to XState's createMachine for the
 * UI to draw; the simulation runs tables compiled from them here (`nextState`, O(1)), so what is
 * drawn is what runs.
 *
 * Events are named after what causes the change. A transition the definition does not list
 * throws: it would be a bug in the model (SPDK itself never checks). A transition to the same
 * state stands for a call that sets the state it is already in, which v24.09 ignores
 * (nvmf_tcp_qpair_set_recv_state logs and returns; nvmf_tcp_req_set_state re-counts).
 */
import { defineMachine } from '../../trace/machines';
import {
  MACHINE_QPAIR,
  MACHINE_RECV,
  MACHINE_REQ,
  QPAIR_STATE_NAMES,
  RECV_STATE_NAMES,
  REQ_STATE_NAMES,
} from './constants';

/** A flat machine in XState's config shape: every target is a sibling state's key. */
export interface FlatMachineConfig<E extends string> {
  id: string;
  initial: string;
  states: Record<string, { description: string; on?: Partial<Record<E, string>> }>;
}

// ---- PDU receive machine -----------------------------------------------------------------

export const RECV_EVENTS = [
  'PDU_READY',
  'CH_VALID',
  'ICREQ_ACCEPTED',
  'CAPSULE_CMD_HEADER',
  'H2C_DATA_HEADER_VALID',
  'H2C_TERM_REQ_HEADER',
  'REQ_NEEDS_NO_PAYLOAD',
  'IN_CAPSULE_BUFFER_READY',
  'CONTROL_MSG_BUFFER_EMPTY',
  'PAYLOAD_RECEIVED',
  'TERM_REQ_SENT',
  'SOCKET_ERROR',
  'NO_FREE_REQUEST',
  'H2C_TERM_REQ_RECEIVED',
  'DIF_GENERATE_FAILED',
  'PDU_WRITE_FAILED',
  'ALL_PDUS_RELEASED',
] as const;
export type RecvEvent = (typeof RECV_EVENTS)[number];

const [READY, CH, PSH, REQ, BUF, PAYLOAD, QUIESCING, ERROR] = RECV_STATE_NAMES;

/** Every state can be sent to QUIESCING by a TermReq or a failed PDU write (both can come from a completion). */
const toQuiescing = { TERM_REQ_SENT: QUIESCING, PDU_WRITE_FAILED: QUIESCING } as const;

export const RECV_CONFIG: FlatMachineConfig<RecvEvent> = {
  id: 'nvme_tcp_pdu_recv_state',
  initial: READY,
  states: {
    [READY]: {
      description: 'Ready for the next PDU: take a free PDU and zero it.',
      on: { PDU_READY: CH, H2C_TERM_REQ_RECEIVED: QUIESCING, ...toQuiescing },
    },
    [CH]: {
      description: 'Reading the 8-byte common header (may take several reads).',
      on: { CH_VALID: PSH, SOCKET_ERROR: QUIESCING, ...toQuiescing },
    },
    [PSH]: {
      description: 'Reading the rest of the header: PDU-specific header, header digest, padding.',
      on: {
        ICREQ_ACCEPTED: READY,
        CAPSULE_CMD_HEADER: REQ,
        H2C_DATA_HEADER_VALID: PAYLOAD,
        H2C_TERM_REQ_HEADER: PAYLOAD,
        SOCKET_ERROR: QUIESCING,
        ...toQuiescing,
      },
    },
    [REQ]: {
      description: 'A command arrived: waiting for a free tcp_req to hold it.',
      on: {
        REQ_NEEDS_NO_PAYLOAD: READY,
        IN_CAPSULE_BUFFER_READY: PAYLOAD,
        CONTROL_MSG_BUFFER_EMPTY: BUF,
        NO_FREE_REQUEST: QUIESCING,
        ...toQuiescing,
      },
    },
    [BUF]: {
      description: 'Waiting for a control-message buffer for large in-capsule data.',
      on: { IN_CAPSULE_BUFFER_READY: PAYLOAD, ...toQuiescing },
    },
    [PAYLOAD]: {
      description: 'Reading the data (and data digest) into the request buffers.',
      on: {
        PAYLOAD_RECEIVED: READY,
        SOCKET_ERROR: QUIESCING,
        DIF_GENERATE_FAILED: QUIESCING,
        ...toQuiescing,
      },
    },
    [QUIESCING]: {
      description: 'Connection is ending: waiting for PDUs still being worked on.',
      on: {
        ALL_PDUS_RELEASED: ERROR,
        // A control-message buffer can still arrive for a waiting command and start its payload.
        IN_CAPSULE_BUFFER_READY: PAYLOAD,
        TERM_REQ_SENT: QUIESCING,
        PDU_WRITE_FAILED: QUIESCING,
      },
    },
    [ERROR]: {
      description: 'Nothing more is read from this connection.',
      on: { IN_CAPSULE_BUFFER_READY: PAYLOAD, ...toQuiescing },
    },
  },
};

// ---- tcp_req machine ---------------------------------------------------------------------

export const REQ_EVENTS = [
  'CAPSULE_CMD_RECEIVED',
  'DATA_EXPECTED',
  'NO_DATA',
  'BIDIRECTIONAL_COMMAND',
  'BUFFERS_ACQUIRED',
  'ZCOPY_STARTED',
  'ZCOPY_START_DONE',
  'ZCOPY_START_FAILED',
  'ZCOPY_READ_READY',
  'R2T_QUEUED',
  'IN_CAPSULE_DATA',
  'NO_HOST_DATA',
  'R2T_SENT',
  'ALL_DATA_RECEIVED',
  'DATA_DIGEST_ERROR',
  'EXECUTE',
  'FUSED_FAILED',
  'ZCOPY_COMMIT',
  'BACKEND_DONE',
  'RESULT_READY',
  'RESPONSE_QUEUED',
  'RESPONSE_SENT',
  'ZCOPY_RELEASE',
  'ZCOPY_RELEASED',
  'RELEASED',
  'QPAIR_INACTIVE',
  'QPAIR_CLOSED',
] as const;
export type ReqEvent = (typeof REQ_EVENTS)[number];

const [
  FREE,
  NEW,
  NEED_BUFFER,
  HAVE_BUFFER,
  ZC_START,
  ZC_START_DONE,
  H2C,
  R2T_ACK,
  READY_TO_EXECUTE,
  EXECUTING,
  ZC_COMMIT,
  EXECUTED,
  READY_TO_COMPLETE,
  C2H,
  ZC_RELEASE,
  COMPLETED,
] = REQ_STATE_NAMES;

/** nvmf_tcp_req_process on an inactive qpair moves any request straight to COMPLETED. */
const inactive = { QPAIR_INACTIVE: COMPLETED } as const;
/** nvmf_tcp_cleanup_all_states frees requests in these states when the qpair is destroyed. */
const drained = { QPAIR_CLOSED: COMPLETED, ...inactive } as const;

export const REQ_CONFIG: FlatMachineConfig<ReqEvent> = {
  id: 'spdk_nvmf_tcp_req_state',
  initial: FREE,
  states: {
    [FREE]: { description: 'Not in use.', on: { CAPSULE_CMD_RECEIVED: NEW } },
    [NEW]: {
      description: 'A command just arrived; its data transfer needs decide what comes next.',
      on: {
        DATA_EXPECTED: NEED_BUFFER,
        NO_DATA: READY_TO_EXECUTE,
        BIDIRECTIONAL_COMMAND: READY_TO_COMPLETE,
        ...drained,
      },
    },
    [NEED_BUFFER]: {
      description: 'Waiting for data buffers (shared pool, in-capsule buffer or control message).',
      on: { BUFFERS_ACQUIRED: HAVE_BUFFER, ...drained },
    },
    [HAVE_BUFFER]: {
      description: 'Buffers are there: ask the host for the data (R2T) or take it from the capsule.',
      on: {
        ZCOPY_STARTED: ZC_START,
        R2T_QUEUED: R2T_ACK,
        IN_CAPSULE_DATA: H2C,
        NO_HOST_DATA: READY_TO_EXECUTE,
        ...inactive,
      },
    },
    [ZC_START]: {
      description: 'Zero-copy: waiting for the bdev buffers (unused by default).',
      on: { ZCOPY_START_DONE: ZC_START_DONE, ...inactive },
    },
    [ZC_START_DONE]: {
      description: 'Zero-copy buffers arrived (unused by default).',
      on: {
        ZCOPY_START_FAILED: READY_TO_COMPLETE,
        R2T_QUEUED: R2T_ACK,
        ZCOPY_READ_READY: EXECUTED,
        ...inactive,
      },
    },
    [H2C]: {
      description: 'Receiving the data from the host.',
      on: { ALL_DATA_RECEIVED: READY_TO_EXECUTE, DATA_DIGEST_ERROR: READY_TO_COMPLETE, ...drained },
    },
    [R2T_ACK]: {
      description: 'R2T queued on the socket, not yet written.',
      on: { R2T_SENT: H2C, ...drained },
    },
    [READY_TO_EXECUTE]: {
      description: 'All data is in: ready for the block device.',
      on: { EXECUTE: EXECUTING, FUSED_FAILED: READY_TO_COMPLETE, ZCOPY_COMMIT: ZC_COMMIT, ...inactive },
    },
    [EXECUTING]: {
      description: 'The block device is working on it.',
      on: { BACKEND_DONE: EXECUTED, ...drained },
    },
    [ZC_COMMIT]: {
      description: 'Zero-copy commit (unused by default).',
      on: { BACKEND_DONE: EXECUTED, ...inactive },
    },
    [EXECUTED]: {
      description: 'The block device finished.',
      on: { RESULT_READY: READY_TO_COMPLETE, ...inactive },
    },
    [READY_TO_COMPLETE]: {
      description: 'Ready to send the completion.',
      on: { RESPONSE_QUEUED: C2H, ...inactive },
    },
    [C2H]: {
      description: 'Sending the response (and read data) to the host.',
      on: { RESPONSE_SENT: COMPLETED, ...drained },
    },
    [ZC_RELEASE]: {
      description: 'Zero-copy release (unused by default).',
      on: { ZCOPY_RELEASED: COMPLETED, ...inactive },
    },
    [COMPLETED]: {
      description: 'Done: buffers go back, the slot is freed.',
      on: {
        RELEASED: FREE,
        ZCOPY_RELEASE: ZC_RELEASE,
        QPAIR_INACTIVE: COMPLETED,
        QPAIR_CLOSED: COMPLETED,
        RESPONSE_SENT: COMPLETED,
      },
    },
  },
};

// ---- qpair machine -----------------------------------------------------------------------

export const QPAIR_EVENTS = ['ICREQ_RECEIVED', 'ICRESP_SENT', 'DISCONNECT', 'QPAIR_CLOSED'] as const;
export type QpairEvent = (typeof QPAIR_EVENTS)[number];

const [Q_INVALID, Q_INIT, Q_RUNNING, Q_EXITING, Q_EXITED] = QPAIR_STATE_NAMES;

export const QPAIR_CONFIG: FlatMachineConfig<QpairEvent> = {
  id: 'nvmf_tcp_qpair_state',
  initial: Q_INVALID,
  states: {
    [Q_INVALID]: {
      description: 'Connected, no ICReq yet.',
      on: { ICREQ_RECEIVED: Q_INIT, DISCONNECT: Q_EXITING },
    },
    [Q_INIT]: {
      description: 'ICReq accepted, ICResp being sent.',
      on: { ICRESP_SENT: Q_RUNNING, DISCONNECT: Q_EXITING },
    },
    [Q_RUNNING]: { description: 'Capsules and data flow.', on: { DISCONNECT: Q_EXITING } },
    [Q_EXITING]: {
      description: 'Disconnecting: waiting for outstanding I/O.',
      on: { QPAIR_CLOSED: Q_EXITED },
    },
    [Q_EXITED]: { description: 'Closed and destroyed.' },
  },
};

// ---- compiled tables ---------------------------------------------------------------------

export interface TransitionTable {
  name: string;
  states: readonly string[];
  events: readonly string[];
  /** next[state * events.length + event] = next state index, or -1 when not allowed. */
  next: Int8Array;
}

/**
 * Compile a definition into a dense table: states in definition order, each `on` entry's target
 * a sibling state. XState reads the same object (machines.ts), and machines.test.ts checks the
 * table against XState for every (state, event) pair.
 */
export function compileConfig(config: FlatMachineConfig<string>, events: readonly string[]): TransitionTable {
  const states = Object.keys(config.states);
  const next = new Int8Array(states.length * events.length).fill(-1);
  states.forEach((key, s) => {
    for (const [type, target] of Object.entries(config.states[key]!.on ?? {})) {
      const e = events.indexOf(type);
      if (e < 0) throw new Error(`${config.id}: event ${type} is not in the event list`);
      const to = target === undefined ? -1 : states.indexOf(target);
      if (to < 0) throw new Error(`${config.id}: ${type} from ${key} targets no state of the machine`);
      next[s * events.length + e] = to;
    }
  });
  return { name: config.id, states, events, next };
}

/** The next state for `event` in `state`; throws when the definition has no such transition (a model bug). */
export function nextState(t: TransitionTable, state: number, event: number): number {
  const to = t.next[state * t.events.length + event];
  if (to === undefined || to < 0) {
    throw new Error(
      `${t.name}: no transition from ${t.states[state] ?? state} on ${t.events[event] ?? event}`,
    );
  }
  return to;
}

export const RECV_TABLE = compileConfig(RECV_CONFIG, RECV_EVENTS);
export const REQ_TABLE = compileConfig(REQ_CONFIG, REQ_EVENTS);
export const QPAIR_TABLE = compileConfig(QPAIR_CONFIG, QPAIR_EVENTS);

/** Event indices, for call sites: RE.CH_VALID ... */
function indices<T extends readonly string[]>(names: T): { readonly [K in T[number]]: number } {
  const o: Record<string, number> = {};
  names.forEach((n, i) => {
    o[n] = i;
  });
  return o as { readonly [K in T[number]]: number };
}
export const RE = indices(RECV_EVENTS);
export const TE = indices(REQ_EVENTS);
export const QE = indices(QPAIR_EVENTS);

export const RECV_MACHINE_INFO = defineMachine({
  id: MACHINE_RECV,
  name: 'PDU receive (tqpair->recv_state)',
  upstream: 'enum nvme_tcp_pdu_recv_state (include/spdk_internal/nvme_tcp.h)',
  states: RECV_TABLE.states,
});
export const REQ_MACHINE_INFO = defineMachine({
  id: MACHINE_REQ,
  name: 'tcp_req',
  upstream: 'enum spdk_nvmf_tcp_req_state (lib/nvmf/tcp.c)',
  states: REQ_TABLE.states,
});
export const QPAIR_MACHINE_INFO = defineMachine({
  id: MACHINE_QPAIR,
  name: 'TCP qpair',
  upstream: 'enum nvmf_tcp_qpair_state (lib/nvmf/tcp.c)',
  states: QPAIR_TABLE.states,
});
