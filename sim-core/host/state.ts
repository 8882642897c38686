/**
 * The host side of the world (`w.host`): the NVMe/TCP initiator, its TCP sender, the link in
 * both directions, the faults, and the target's transmit side as the host sees it.
 * Plain data only: byte arrays and numbers, so a keyframe is a structured clone.
 *
 * Stream offsets: both directions count bytes from the first byte after the SYN (offset 0 is
 * sequence number ISN + 1), so the bookkeeping never wraps; sequence numbers are derived
 * when a frame is built or read.
 */
import type { Scenario } from '../scenario/types';
import type { HostWireFrame } from './frames';
import { CaState, QpState } from './machines';
import { initialPeerWindow, targetWscale } from './syn-ack';

/** One piece of a queued PDU: literal bytes, or `len` bytes of the payload pattern of command `cid` from `off`. */
export type Part = { bytes: Uint8Array } | { cid: number; off: number; len: number; total: number };

/** One socket write: a PDU (or the raw stream) at stream offset `off`. */
export interface Chunk {
  off: number;
  len: number;
  /** PDU id (trace object), or the raw-stream chunk id. */
  id: number;
  parts: Part[];
}

/** A segment sent and not yet fully acknowledged (an skb on the retransmit queue). */
export interface SentSeg {
  start: number;
  end: number;
  psh: boolean;
  /** The receiver reported holding it (SACK). */
  sacked: boolean;
  /** Times it was sent again. */
  rexmits: number;
}

export interface HostTcp {
  /** Host's initial sequence number (the SYN's). */
  iss: number;
  /** snd_una, snd_nxt and the end of queued data (write_seq), as stream offsets. */
  una: number;
  nxt: number;
  end: number;
  /** The target's advertised window (unscaled bytes), from its latest ACK. */
  wnd: number;
  mss: number;
  /** Send queue: socket writes not yet fully acknowledged, from `qHead` on. */
  q: Chunk[];
  qHead: number;
  /** Retransmit queue, from `rtxHead` on. */
  rtx: SentSeg[];
  rtxHead: number;
  /** tcp_ca_state, recorded through setState. */
  ca: { state: CaState };
  dupAcks: number;
  /** high_seq: loss recovery ends when snd_una reaches it. */
  highSeq: number;
  /** Bytes below this offset were already resent in the current recovery. */
  rexmitHigh: number;
  /** Highest byte the target reported by SACK (offset of its end), or -1. */
  highSack: number;
  /** Retransmission timer: deadline (-1 = off), doubled `backoff` times. */
  rtoAt: number;
  backoff: number;
  /** Persist (zero-window probe) timer. */
  persistAt: number;
  probeBackoff: number;
  /** Time of the pending timer event, -1 when none (the deadline above is the truth). */
  rtoEv: number;
  persistEv: number;
  /** Stalled by the window (for the stall row and counter). */
  wndBlocked: boolean;
  zeroWndStalled: boolean;
  /** IPv4 identification of the next frame, and the timestamp clock offset. */
  ipId: number;
  tsOffset: number;
  /** Latest TSval seen from the target (echoed as TSecr). */
  tsRecent: number;
  /** The socket no longer sends (connection ended). */
  closed: boolean;
}

/** The host's receive side: the target's byte stream, in order. */
export interface HostRx {
  /** The target's initial sequence number. */
  irs: number;
  /** rcv_nxt as a stream offset. */
  nxt: number;
  /** Bytes of a PDU not yet complete. */
  pending: Uint8Array;
}

/** A frame held back by a reorder fault. */
export interface HeldFrame {
  frame: HostWireFrame;
  frameId: number;
  segNo: number;
  by: number;
  remaining: number;
}

export interface LinkState {
  /** The host -> target and target -> host transmitters are busy until these times. */
  h2tBusyUntil: number;
  t2hBusyUntil: number;
  /** Data segments put on the wire for the first time so far (fault numbering). */
  dataSegNo: number;
  held: HeldFrame[];
  /**
   * Where host frames are built when they reach the target: consecutive pieces of one slab, a
   * new slab when it is full (one allocation for dozens of frames instead of one each; a frame
   * is a view and keeps its slab alive). In the world so that a restored run carves the same.
   */
  slab: Uint8Array;
  slabUsed: number;
}

/** The target's transmit side, as far as it shapes frames (its TCP send path is not modelled). */
export interface TargetTx {
  iss: number;
  /** snd_nxt as a stream offset. */
  nxt: number;
  /** From the target TCP's latest ACK: rcv_nxt (a host sequence number), window, SACK blocks. */
  ack: number;
  wnd: number;
  sack: [number, number][];
  /** The target's window scale (from its SYN-ACK): window fields are its bytes >> wscale. */
  wscale: number;
  ipId: number;
  tsOffset: number;
  /** TSval of the latest host frame that reached the target (echoed as TSecr). */
  tsRecent: number;
}

export interface WriteReq {
  cid: number;
  len: number;
  inCapsule: boolean;
  /** NVME_TCP_REQ_ACTIVE (1) or NVME_TCP_REQ_ACTIVE_R2T (2). */
  state: number;
  ttag: number;
  /** Data offset the next H2CData starts at. */
  datao: number;
  issuedAt: number;
}

export interface NvmeHost {
  qp: { state: QpState };
  /** Negotiated in ICResp. */
  hdgst: boolean;
  ddgst: boolean;
  cpda: number;
  maxh2cdata: number;
  cntlid: number;
  /** Commands outstanding at most (queue depth, clamped to what the target accepts). */
  qd: number;
  writes: number;
  issued: number;
  completed: number;
  /** When the first write was issued and the last one answered (for throughput). -1 = not yet. */
  firstIssueNs: number;
  lastAnswerNs: number;
  failed: { cid: number; status: number }[];
  termReqs: { fes: number; fei: number }[];
  inflight: WriteReq[];
  nextCid: number;
  /** An EV_ISSUE event is pending (think time). */
  issuePending: boolean;
  /** PDUs the host has sent (fault numbering: ICReq is 1). */
  pdus: number;
  pdusByType: Record<string, number>;
  /** Connection over: TermReq received, Connect failed. */
  ended: boolean;
}

export interface HostStats {
  /** Data segments sent, first transmissions and retransmissions. */
  segments: number;
  retransmissions: number;
  fastRetransmits: number;
  timeouts: number;
  probes: number;
  windowStalls: number;
  zeroWindowStalls: number;
  dupAcks: number;
  framesToTarget: number;
  wireBytesToTarget: number;
  framesFromTarget: number;
  faultsApplied: number;
}

export interface HostState {
  mode: 'nvme' | 'raw';
  /** Raw stream bytes (raw mode), parsed from scenario.workload.rawStreamHex. */
  raw: Uint8Array | null;
  started: boolean;
  hostPort: number;
  tcp: HostTcp;
  rx: HostRx;
  link: LinkState;
  tgt: TargetTx;
  nvme: NvmeHost;
  stats: HostStats;
}

/** MSS from the MTU: minus IPv4 and TCP headers and the 12 aligned timestamp option bytes. */
export function mssFor(scenario: Scenario): number {
  return scenario.wire.mtu - 20 - 20 - (scenario.wire.tcpTimestamps ? 12 : 0);
}

export function parseHex(hex: string): Uint8Array {
  const s = hex.replace(/\s+/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) {
    throw new Error('workload.rawStreamHex: must be an even number of hex digits');
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Empty host state. Random choices (port, ISNs, timestamp offsets, IP ids) are drawn from
 * w.rng by `startHost` (nvme-host.ts), since this function only sees the scenario.
 */
export function initHostState(scenario: Scenario): HostState {
  const mss = mssFor(scenario);
  const raw = scenario.workload.rawStreamHex === null ? null : parseHex(scenario.workload.rawStreamHex);
  const qd = Math.max(1, Math.min(scenario.workload.queueDepth, scenario.spdk.maxQueueDepth));
  return {
    mode: raw === null ? 'nvme' : 'raw',
    raw,
    started: false,
    hostPort: 0,
    tcp: {
      iss: 0,
      una: 0,
      nxt: 0,
      end: 0,
      wnd: initialPeerWindow(scenario),
      mss,
      q: [],
      qHead: 0,
      rtx: [],
      rtxHead: 0,
      ca: { state: CaState.Open },
      dupAcks: 0,
      highSeq: 0,
      rexmitHigh: 0,
      highSack: -1,
      rtoAt: -1,
      backoff: 0,
      persistAt: -1,
      probeBackoff: 0,
      rtoEv: -1,
      persistEv: -1,
      wndBlocked: false,
      zeroWndStalled: false,
      ipId: 0,
      tsOffset: 0,
      tsRecent: 0,
      closed: false,
    },
    rx: { irs: 0, nxt: 0, pending: new Uint8Array(0) },
    link: { h2tBusyUntil: 0, t2hBusyUntil: 0, dataSegNo: 0, held: [], slab: new Uint8Array(0), slabUsed: 0 },
    tgt: {
      iss: 0,
      nxt: 0,
      ack: 0,
      wnd: initialPeerWindow(scenario),
      sack: [],
      wscale: targetWscale(scenario),
      ipId: 0,
      tsOffset: 0,
      tsRecent: 0,
    },
    nvme: {
      qp: { state: QpState.INVALID },
      hdgst: false,
      ddgst: false,
      cpda: 0,
      maxh2cdata: 0,
      cntlid: 0,
      qd,
      writes: raw === null ? scenario.workload.writes : 0,
      issued: 0,
      firstIssueNs: -1,
      lastAnswerNs: -1,
      completed: 0,
      failed: [],
      termReqs: [],
      inflight: [],
      nextCid: 1,
      issuePending: false,
      pdus: 0,
      pdusByType: {},
      ended: false,
    },
    stats: {
      segments: 0,
      retransmissions: 0,
      fastRetransmits: 0,
      timeouts: 0,
      probes: 0,
      windowStalls: 0,
      zeroWindowStalls: 0,
      dupAcks: 0,
      framesToTarget: 0,
      wireBytesToTarget: 0,
      framesFromTarget: 0,
      faultsApplied: 0,
    },
  };
}
