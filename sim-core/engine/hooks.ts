/**
 * Calls that cross from one stage to another. The real implementations are bound in
 * `sim-core/setup.ts`; a unit test of one stage binds fakes for its neighbours.
 * Keeping them here (rather than importing across folders) lets each stage be tested
 * alone and shows, in one screen, how the path is wired.
 */
import type { Sim } from './sim';
import type { Skb } from '../skb/skb';
import type { Iov } from './iov';

export interface Hooks {
  /** Wire -> target NIC: a frame arrives at the target port (after serialization and the link delay). */
  frameToTarget(sim: Sim, frame: Uint8Array, frameId: number): void;
  /** igb -> NAPI: the hard IRQ handler asks for a poll (napi_schedule). */
  napiSchedule(sim: Sim): void;
  /** IP -> TCP: an skb for our socket (tcp_v4_rcv). */
  tcpV4Rcv(sim: Sim, skb: Skb): void;
  /** TCP -> host: the target's ACK / window update leaves (reaches the host after the link delay). */
  sendAck(sim: Sim, ack: AckInfo): void;
  /** TCP -> SPDK: sk_data_ready / EPOLLIN became true for the socket. */
  dataReady(sim: Sim): void;
  /** SPDK -> kernel: would epoll report EPOLLIN now (level-triggered: bytes available >= sk_rcvlowat)? */
  tcpReadable(sim: Sim): boolean;
  /** SPDK -> kernel: readv(2) on the connection socket, non-blocking. Returns bytes copied or -EAGAIN (-11). */
  sockReadv(sim: Sim, iovs: readonly Iov[]): number;
  /** nvmf -> host: a PDU the target sends (ICResp, R2T, CapsuleResp, C2HTermReq). */
  targetSend(sim: Sim, pdu: Uint8Array): void;
  /** nvmf -> bdev: start executing request `reqIdx`; the backend calls back later. */
  backendSubmit(sim: Sim, reqIdx: number): void;
  /** Anything -> reactor: there may be work for the SPDK poll group (wake an idle reactor). */
  wakeReactor(sim: Sim): void;
}

export interface AckInfo {
  /** rcv_nxt: next sequence number expected. */
  ack: number;
  /** Advertised window in bytes (already unscaled). */
  window: number;
  /** SACK blocks [start, end) the receiver holds beyond `ack`. */
  sack: [number, number][];
  /** Why this ACK was sent, for the trace: 'quick', 'delayed', 'window-update', 'dup'. */
  reason: 'quick' | 'delayed' | 'window-update' | 'dup' | 'ofo';
}

export const EAGAIN = -11;
