/**
 * The view model: what the picture and the panels show at one step, projected from a World
 * by `viewOf(world, trace row)` (view/project.ts). Plain, small, JSON-friendly data (no
 * Uint8Array bigger than a PDU header), so the worker can post it every step without
 * sending the world. Each stage's part names the upstream objects and fields it shows.
 * The app never computes simulation facts itself: if it needs one, it belongs here.
 */

/** A range of TCP sequence space held by an skb, for queue drawings. */
export interface SkbView {
  id: number;
  /** seq and end_seq as unsigned 32-bit numbers. */
  seq: number;
  end: number;
  len: number;
  segs: number;
  truesize: number;
  /** Bytes already copied to user space (a partly read skb). */
  consumed: number;
  /** Command id (cid) of the PDU owning the first byte, when known: colours bytes by PDU. -1 unknown. */
  pduColor: number;
  /**
   * Id of the host's PDU owning the first byte (the host numbers the PDUs it sends), -1 unknown.
   * Not the target's PduView.id: the target numbers the PDUs it receives on its own.
   */
  pduId: number;
  /**
   * The skb's payload cut by PDU: [offset in the skb, length, cid, pduId] per piece, in order
   * (at most MAX_SPANS; empty when the bytes cannot be mapped to a host PDU).
   */
  spans: [number, number, number, number][];
}

export interface RingView {
  count: number;
  ntu: number;
  ntc: number;
  /** Next descriptor the NIC will fill (hardware head). */
  head: number;
  bufSize: number;
  /** Per slot: 0 unarmed, 1 armed, 2 done (DD set), as in the rx descriptor machine. */
  slots: number[];
  /** Per slot: frame id held, or 0 (a cleaned slot keeps naming the frame its buffer went to until re-armed). */
  frames: number[];
  irqMasked: boolean;
  napiScheduled: boolean;
  /** Per slot: cid of the PDU owning the first TCP payload byte of the frame held (-1 none/unknown). */
  colors: number[];
  /** Descriptors the NIC owns ([head, ntu)), written back and waiting ([ntc, head)), and igb_desc_unused. */
  armed: number;
  done: number;
  unused: number;
}

export interface CpuView {
  cores: {
    id: number;
    /** What runs now: 'hardirq' | 'softirq' | 'ksoftirqd' | 'reactor' | 'idle'. */
    running: string;
    softirqPending: boolean;
    busyNs: { hardirq: number; softirq: number; ksoftirqd: number; reactor: number };
  }[];
  /** net_rx_action budget left of netdev_budget, and __do_softirq restarts used. */
  budgetLeft: number;
  budget: number;
  restarts: number;
  ksoftirqdAwake: boolean;
  /** Core that takes the igb interrupt (its hard IRQ, NET_RX softirq and ksoftirqd run there). */
  irqCore: number;
  /** Core the SPDK reactor is pinned to (scenario cpu.reactorCore). */
  reactorCore: number;
}

export interface GroView {
  enabled: boolean;
  held: SkbView[];
  rxListCount: number;
  batch: number;
}

export interface TcpView {
  rcvNxt: number;
  copiedSeq: number;
  window: number;
  rmemAlloc: number;
  rcvbuf: number;
  ownedByUser: boolean;
  backlog: SkbView[];
  receive: SkbView[];
  ofo: SkbView[];
  /** rcv_wnd as last advertised (unscaled bytes); `window` is what is left of it now (tcp_receive_window). */
  rcvWnd: number;
  /** sk_backlog.len (truesize), and the TCP connection exists yet (false before the start event). */
  backlogLen: number;
  established: boolean;
  /**
   * Whole-queue totals: the lists above are cut to their first and last MAX_QUEUE_SKBS / 2 skbs
   * when longer (`cut` says how many were left out of the middle).
   */
  totals: Record<'backlog' | 'receive' | 'ofo', { skbs: number; bytes: number; cut: number }>;
}

export interface PipeView {
  sz: number;
  read: number;
  write: number;
  full: boolean;
  bytes: number;
  /** Iovecs [offset, length] of the last readv into the pipe (one, or two when it wrapped). */
  lastWriteIovs: [number, number][];
  /** Step of that write (the spdk_pipe_writer_advance row), -1 when none is known. */
  lastWriteStep: number;
  socketHasData: boolean;
  pipeHasData: boolean;
  /**
   * The held bytes cut by PDU, from the read head on: [offset from `read`, length, cid, pduId] per
   * piece, in order (at most MAX_PIPE_SPANS; empty when the bytes cannot be mapped to a host PDU).
   * Same colouring as SkbView.spans: the pipe holds the stream bytes just before copied_seq.
   */
  spans: [number, number, number, number][];
  /** Both heads go back to 0 when the pipe empties (v24.09; off in the pre-v24.05 pipe, scenario spdk.pipeRewindOnEmpty). */
  rewindOnEmpty: boolean;
}

export interface PduView {
  /** Receive machine state name (nvme_tcp_pdu_recv_state). */
  recvState: string;
  /** PDU type name once the common header is in, else ''. */
  type: string;
  chValid: number;
  pshLen: number;
  pshValid: number;
  padding: number;
  dataLen: number;
  /** Payload bytes received so far (rw_offset). */
  rwOffset: number;
  hasHdgst: boolean;
  hasDdgst: boolean;
  /** The header bytes received so far (CH + PSH), for the hex view. */
  header: number[];
  cid: number;
  /** Trace id of the PDU being received (0: none taken yet). */
  id: number;
  /** Index of recvState in the machine's states (for lighting the statechart). */
  recvStateIndex: number;
  /** From the common header once in: hlen, pdo, plen (0 before). */
  hlen: number;
  pdo: number;
  plen: number;
  /** tcp_req index the PDU is bound to, or -1. */
  reqIdx: number;
  /**
   * cid of the host PDU whose bytes this PDU is made of, read from the host's stream (as
   * SkbView.spans colours them), known from its first byte on; -1 unknown. `cid` needs the header.
   */
  streamCid: number;
}

export interface ReqView {
  idx: number;
  /** tcp_req state name (spdk_nvmf_tcp_req_state). */
  state: string;
  cid: number;
  length: number;
  h2cOffset: number;
  /** Data iovecs: length and bytes filled so far. */
  iovs: { len: number; filled: number }[];
  status: number;
  /** Index of `state` in the tcp_req machine's states. */
  stateIndex: number;
  /** Data direction: 'none' | 'h2c' | 'c2h' | 'bidir'. */
  xfer: string;
}

export interface RowView {
  step: number;
  t: number;
  code: number;
  fn: string;
  file: string;
  /** Link to the file at the pinned version, or null for rxpath's own rows. */
  url: string | null;
  layer: string;
  caption: string;
  obj: number;
  a: number;
  b: number;
  /** For state rows: machine name and from/to state names. */
  machine?: string;
  from?: string;
  to?: string;
}

export interface LedgerView {
  dmaBytes: number;
  kernelCopyBytes: number;
  pipeBytes: number;
  directBytes: number;
  pipeCopyBytes: number;
  cpuCopiesPerPayloadByte: number;
  drops: Record<string, number>;
}

export interface ViewState {
  step: number;
  totalSteps: number;
  t: number;
  row: RowView | null;
  ring: RingView;
  cpu: CpuView;
  gro: GroView;
  tcp: TcpView;
  pipe: PipeView | null;
  pdu: PduView;
  reqs: ReqView[];
  ledger: LedgerView;
}

/** Stepping granularities (see scan.ts for what each one stops at). */
export type Granularity = 'event' | 'function' | 'pdu' | 'packet';

/** A breakpoint condition, evaluated over the trace's columns (scan.ts). */
export type Breakpoint =
  | { kind: 'recv-state'; state: string }
  | { kind: 'req-state'; state: string }
  | { kind: 'ring-overrun' }
  | { kind: 'backlog-nonempty' }
  | { kind: 'termreq' };

/** Steps worth a mark on the timeline, ascending (transferable). */
export interface Markers {
  irq: Uint32Array;
  drop: Uint32Array;
  termreq: Uint32Array;
  error: Uint32Array;
  state: Uint32Array;
}
