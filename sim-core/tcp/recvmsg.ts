/**
 * The read syscall: readv -> sock_read_iter (net/socket.c) -> sock_recvmsg -> inet_recvmsg
 * (net/ipv4/af_inet.c) -> tcp_recvmsg -> tcp_recvmsg_locked (net/ipv4/tcp.c). SPDK's sockets are
 * O_NONBLOCK, so sock_read_iter passes MSG_DONTWAIT and the read never sleeps (timeo = 0).
 *
 * tcp_recvmsg's release_sock is deferred to the end of the reader's CPU op (releaseSockAtOpEnd):
 * the lock is held for the op's whole duration, which is what lets softirq find it owned.
 */
import { charge, copyCost } from '../engine/cpu';
import { EAGAIN } from '../engine/hooks';
import { type Iov, iovTotal } from '../engine/iov';
import type { Sim } from '../engine/sim';
import { record } from '../engine/sim';
import { type Skb, skbCopyBits } from '../skb/skb';
import { tcpSendAck, inPingpong } from './ack';
import { TC } from './codes';
import { before } from './seq';
import { lockSock, skFlushBacklog } from './sock';
import { ICSK_ACK_PUSHED, ICSK_ACK_PUSHED2, ICSK_ACK_SCHED } from './state';
import { selectWindowRaw, tcpReceiveWindow } from './window';

/** Where the next byte goes in the caller's iovecs (struct iov_iter, reduced). */
interface IovCursor {
  iovs: readonly Iov[];
  i: number;
  off: number;
}

/** skb_copy_datagram_msg(): copy `len` bytes from `offset` in the skb to the iovecs. A CPU copy. */
function skbCopyDatagramMsg(sim: Sim, skb: Skb, offset: number, cur: IovCursor, len: number): void {
  const ledger = sim.w.ledger;
  let done = 0;
  while (done < len) {
    const v = cur.iovs[cur.i]!;
    const n = Math.min(v.len - cur.off, len - done);
    if (n > 0) {
      skbCopyBits(skb, offset + done, v.buf, v.off + cur.off, n);
      // Bytes landing in a request buffer are write payload read straight from the kernel.
      if (v.kind === 'data') ledger.payloadDirectBytes += n;
      done += n;
      cur.off += n;
    }
    if (cur.off >= v.len) {
      cur.i++;
      cur.off = 0;
    }
  }
  ledger.kernelCopyBytes += len;
  sim.w.tcp.acct.copiedBytes += len;
  charge(sim, copyCost(sim, len));
  record(sim, TC.COPY_DATAGRAM_MSG, skb.id, len, offset);
}

/** tcp_eat_recv_skb(): unlink a fully read skb and release its memory (sock_rfree). */
function tcpEatRecvSkb(sim: Sim, skb: Skb): void {
  const t = sim.w.tcp;
  t.receiveQueue.shift();
  t.rmemAlloc -= skb.truesize;
  record(sim, TC.EAT_RECV_SKB, skb.id, skb.truesize, t.rmemAlloc);
}

/**
 * tcp_cleanup_rbuf(): after a read, send the ACK that is due, or a window update when the read
 * opened the window "significantly" (the new window is at least twice what the host can still use).
 */
export function tcpCleanupRbuf(sim: Sim, copied: number): void {
  const t = sim.w.tcp;
  const a = t.ack;
  let sendAck = false;
  let reason: 'quick' | 'window-update' = 'quick';
  if (a.pending & ICSK_ACK_SCHED) {
    const sinceWup = (t.rcvNxt - t.rcvWup) >>> 0;
    if (
      // The once-per-two-segments ACK was not sent by the input path.
      sinceWup > a.rcvMss ||
      // The read drained a queue that held a short pushed segment.
      (copied > 0 &&
        ((a.pending & ICSK_ACK_PUSHED2) !== 0 || ((a.pending & ICSK_ACK_PUSHED) !== 0 && !inPingpong(t))) &&
        t.rmemAlloc === 0)
    ) {
      sendAck = true;
    }
  }
  if (copied > 0 && !sendAck) {
    const rcvWindowNow = tcpReceiveWindow(t);
    if (2 * rcvWindowNow <= t.windowClamp) {
      const newWindow = selectWindowRaw(t);
      if (newWindow && newWindow >= 2 * rcvWindowNow) {
        sendAck = true;
        reason = 'window-update';
      }
    }
  }
  record(sim, TC.CLEANUP_RBUF, 0, copied, sendAck ? 1 : 0);
  if (sendAck) tcpSendAck(sim, reason);
}

/**
 * tcp_recvmsg_locked(): copy from the receive queue starting at copied_seq until `len` is filled
 * or the queue runs dry. `timeo` is 0 for a non-blocking read (the only kind SPDK does).
 */
export function tcpRecvmsgLocked(sim: Sim, iovs: readonly Iov[], timeo = 0): number {
  const t = sim.w.tcp;
  let len = iovTotal(iovs);
  const cur: IovCursor = { iovs, i: 0, off: 0 };
  // sock_rcvlowat(sk, waitall = 0, len): MSG_WAITALL is not used.
  const target = Math.min(t.rcvlowat, len) || 1;
  let copied = 0;

  while (len > 0) {
    const skb = t.receiveQueue[0];
    let offset = 0;
    let found = false;
    if (skb !== undefined) {
      if (before(t.copiedSeq, skb.seq)) {
        // A hole before the queue head: the kernel WARNs ("recvmsg seq # bug") and stops.
        t.acct.seqErrors++;
        break;
      }
      offset = (t.copiedSeq - skb.seq) >>> 0;
      found = offset < skb.len;
    }
    if (!found) {
      // Nothing left to copy. Only a blocking read that already met its target flushes the
      // backlog here; a non-blocking one returns (release_sock will process the backlog).
      if (copied >= target && t.backlog.length === 0) break;
      if (copied) {
        if (!timeo) break;
      } else if (!timeo) {
        copied = EAGAIN;
        break;
      }
      if (copied >= target) {
        skFlushBacklog(sim);
        continue;
      }
      // Simplification: a blocking read would sleep in sk_wait_data; SPDK never blocks.
      break;
    }
    const s = skb!;
    const used = Math.min(s.len - offset, len);
    skbCopyDatagramMsg(sim, s, offset, cur, used);
    t.copiedSeq = (t.copiedSeq + used) >>> 0;
    copied += used;
    len -= used;
    s.consumed = offset + used;
    // tcp_rcv_space_adjust (receive buffer autotuning) does nothing: SO_RCVBUF locks sk_rcvbuf.
    if (used + offset < s.len) continue;
    tcpEatRecvSkb(sim, s);
  }
  tcpCleanupRbuf(sim, copied);
  return copied;
}

/**
 * hooks.sockReadv: readv(2) on the connection socket, non-blocking. Returns bytes copied or
 * -EAGAIN. The socket lock stays held until the caller's CPU op ends.
 */
export function sockReadv(sim: Sim, iovs: readonly Iov[]): number {
  charge(sim, sim.w.scenario.cpu.costs.syscallNs);
  const total = iovTotal(iovs);
  record(sim, TC.SOCK_READ_ITER, 0, total, iovs.length);
  // sock_read_iter: an empty read returns 0 without reaching TCP.
  if (total === 0) return 0;
  lockSock(sim);
  const ret = tcpRecvmsgLocked(sim, iovs, 0);
  record(sim, TC.RECVMSG, 0, ret, iovs.length);
  return ret;
}
