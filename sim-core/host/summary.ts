/**
 * What the run summary and the setup code read from the host side.
 */
import type { World } from '../engine/world';
import {
  HOST_IP,
  HOST_MAC,
  HOST_WINDOW_FIELD,
  NVME_TCP_PORT,
  TARGET_IP,
  TARGET_MAC,
  WSCALE,
} from './addresses';
import { QpState } from './machines';
import { initialPeerWindow } from './syn-ack';

export interface HostSummary {
  mode: 'nvme' | 'raw';
  writesIssued: number;
  /** Simulated time of the first write issued and of the last write answered (-1: none). */
  firstIssueNs: number;
  lastAnswerNs: number;
  /** Writes completed with status 0. */
  writesCompleted: number;
  /** Writes completed with an error status (SCT << 8 | SC), not retried. */
  writesFailed: { cid: number; status: number }[];
  termReqs: { fes: number; fei: number }[];
  /** PDUs the host sent, by type name. */
  pdus: Record<string, number>;
  /** Bytes the host wrote into its TCP stream (each byte once). */
  bytesSent: number;
  /** Bytes of that stream the target acknowledged. */
  bytesAcked: number;
  /** Data segments sent, retransmissions included, and frames put on the wire toward the target. */
  segmentsSent: number;
  framesToTarget: number;
  wireBytesToTarget: number;
  retransmissions: number;
  fastRetransmits: number;
  timeouts: number;
  zeroWindowProbes: number;
  windowStalls: number;
  zeroWindowStalls: number;
  dupAcks: number;
  faultsApplied: number;
  /** The connection ended (C2HTermReq, failed Connect). */
  ended: boolean;
}

export function hostSummary(w: World): HostSummary {
  const h = w.host;
  const n = h.nvme;
  const s = h.stats;
  return {
    mode: h.mode,
    writesIssued: n.issued,
    firstIssueNs: n.firstIssueNs,
    lastAnswerNs: n.lastAnswerNs,
    writesCompleted: n.completed,
    writesFailed: n.failed.map((f) => ({ ...f })),
    termReqs: n.termReqs.map((t) => ({ ...t })),
    pdus: { ...n.pdusByType },
    bytesSent: h.tcp.end,
    bytesAcked: h.tcp.una,
    segmentsSent: s.segments,
    framesToTarget: s.framesToTarget,
    wireBytesToTarget: s.wireBytesToTarget,
    retransmissions: s.retransmissions,
    fastRetransmits: s.fastRetransmits,
    timeouts: s.timeouts,
    zeroWindowProbes: s.probes,
    windowStalls: s.windowStalls,
    zeroWindowStalls: s.zeroWindowStalls,
    dupAcks: s.dupAcks,
    faultsApplied: s.faultsApplied,
    ended: n.ended,
  };
}

/** All work finished (every write answered, or the raw stream acknowledged) or the connection ended. */
export function hostDone(w: World): boolean {
  const h = w.host;
  const n = h.nvme;
  if (n.ended) return true;
  if (!h.started) return false;
  if (h.mode === 'raw') return h.tcp.una >= h.tcp.end && h.tcp.end > 0;
  return n.completed + n.failed.length >= n.writes && n.qp.state === QpState.RUNNING;
}

/** What the target's TCP needs to know about the connection (valid after startHost). */
export interface ConnectionInfo {
  hostIp: number;
  targetIp: number;
  hostMac: number;
  targetMac: number;
  hostPort: number;
  targetPort: number;
  /** ISNs of the SYNs: the first data byte of each direction is ISN + 1. */
  hostIss: number;
  targetIss: number;
  mss: number;
  /** The host's own window scale (its SYN's option). */
  wscale: number;
  /** The target's window scale (its SYN-ACK's option): how the host reads the target's window field. */
  targetWscale: number;
  /** Window the host assumes from the SYN-ACK until the first ACK. */
  initialWindow: number;
  /** The host's advertised window in bytes (constant). */
  hostWindow: number;
}

export function connectionInfo(w: World): ConnectionInfo {
  const h = w.host;
  return {
    hostIp: HOST_IP,
    targetIp: TARGET_IP,
    hostMac: HOST_MAC,
    targetMac: TARGET_MAC,
    hostPort: h.hostPort,
    targetPort: NVME_TCP_PORT,
    hostIss: h.tcp.iss,
    targetIss: h.tgt.iss,
    mss: h.tcp.mss,
    wscale: WSCALE,
    targetWscale: h.tgt.wscale,
    initialWindow: initialPeerWindow(w.scenario),
    hostWindow: HOST_WINDOW_FIELD << WSCALE,
  };
}
