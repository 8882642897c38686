/**
 * The host kernel's TCP receive side (net/ipv4/tcp_input.c): target frames arrive, their ACK
 * fields move snd_una and the window (tcp_ack), duplicate ACKs and SACK blocks drive fast
 * retransmit and loss recovery, and the target's bytes are reassembled into PDUs.
 *
 * Simplification: the target -> host direction is lossless and in order, so the host needs
 * no receive queues of its own, and it never sends a pure ACK: its acknowledgements ride on
 * its data segments.
 * Simplification: loss recovery is NewReno with SACK: in recovery the host resends every
 * segment below the highest SACKed byte that was not SACKed, once, and on each partial ACK
 * the new first segment; without congestion control nothing else paces it.
 */
import { bump } from '../ledger/ledger';
import { defineHandler, record, type Sim, setState } from '../engine/sim';
import { getU32LE } from '../wire/bytes';
import { parseFrame } from '../wire/frame';
import { TCP_REORDERING } from './addresses';
import { C_TCP_ACK, C_TCP_DUPACK, C_TCP_FAST_RETRANS, C_TCP_RCV, C_TCP_SACK, C_TCP_WND_OPEN } from './codes';
import { EV_FRAME_AT_HOST } from './events';
import { CaState, HOST_CA_MACHINE } from './machines';
import { hostOffset, targetSeq } from './frames';
import { onTargetPdu } from './nvme-host';
import { releaseAcked } from './send-queue';
import { armRto, disarmRto, headSeg, retransmit, tcpWriteXmit } from './tcp-output';

function setCa(sim: Sim, to: CaState): void {
  const h = sim.w.host;
  setState(sim, HOST_CA_MACHINE.id, h.hostPort, h.tcp.ca, to);
}

/** tcp_sacktag_write_queue: mark sent segments the target holds. Returns how many were newly marked. */
function sackTag(sim: Sim, frameId: number, blocks: readonly { left: number; right: number }[]): number {
  const h = sim.w.host;
  const t = h.tcp;
  if (blocks.length === 0) return 0;
  let segs = 0;
  let bytes = 0;
  for (const blk of blocks) {
    const l = hostOffset(h, blk.left, t.una);
    const r = hostOffset(h, blk.right, t.una);
    // Below snd_una (a D-SACK) or beyond what was sent: nothing to mark.
    if (r <= t.una || r > t.nxt || l >= r) continue;
    for (let i = t.rtxHead; i < t.rtx.length; i++) {
      const s = t.rtx[i]!;
      if (s.start >= r) break;
      if (!s.sacked && s.start >= l && s.end <= r && s.end > t.una) {
        s.sacked = true;
        segs++;
        bytes += s.end - s.start;
      }
    }
    if (r > t.highSack) t.highSack = r;
  }
  if (segs > 0) record(sim, C_TCP_SACK, frameId, bytes, blocks.length);
  return segs;
}

/** Segments above snd_una the target reported holding (sacked_out). */
function sackedOut(sim: Sim): number {
  const t = sim.w.host.tcp;
  let n = 0;
  for (let i = t.rtxHead; i < t.rtx.length; i++) {
    const s = t.rtx[i]!;
    if (s.sacked && s.end > t.una) n++;
  }
  return n;
}

/**
 * Resend what recovery believes lost and has not resent yet (tcp_xmit_retransmit_queue): the
 * first unacknowledged segment (NewReno), and every unSACKed segment below the highest SACKed
 * byte. Only data sent before recovery began (below high_seq) is considered.
 */
function retransmitLost(sim: Sim): void {
  const t = sim.w.host.tcp;
  for (let i = t.rtxHead; i < t.rtx.length; i++) {
    const s = t.rtx[i]!;
    if (s.start >= t.highSeq) break;
    if (s.end <= t.una || s.sacked) continue;
    if (Math.max(s.start, t.una) < t.rexmitHigh) continue;
    const isHead = s.start <= t.una;
    if (!isHead && s.end > t.highSack) break;
    retransmit(sim, s);
    t.rexmitHigh = s.end;
  }
}

/** tcp_fastretrans_alert deciding a segment is lost: enter TCP_CA_Recovery and resend it now. */
function enterRecovery(sim: Sim): void {
  const h = sim.w.host;
  const t = h.tcp;
  t.highSeq = t.nxt;
  t.rexmitHigh = t.una;
  setCa(sim, CaState.Recovery);
  h.stats.fastRetransmits++;
  bump(sim, 'host.TCPFastRetrans');
  record(sim, C_TCP_FAST_RETRANS, h.hostPort, t.una, t.highSeq);
  if (headSeg(sim) !== undefined) retransmitLost(sim);
}

/**
 * tcp_ack for one target frame: its ack number, unscaled window and SACK blocks. Loss is
 * declared after TCP_REORDERING duplicate ACKs, or (with SACK) once that many segments above
 * snd_una are SACKed, even if the ACKs also changed the window (tcp_time_to_recover).
 */
export function hostTcpAck(
  sim: Sim,
  frameId: number,
  ackSeq: number,
  wnd: number,
  sack: readonly { left: number; right: number }[],
  hasData: boolean,
): void {
  const w = sim.w;
  const h = w.host;
  const t = h.tcp;
  if (t.closed) return;
  const ackOff = hostOffset(h, ackSeq, t.una);
  // Older than snd_una, or acknowledging bytes never sent: tcp_ack ignores it.
  if (ackOff < t.una || ackOff > t.nxt) return;
  const oldWnd = t.wnd;
  const newlySacked = sackTag(sim, frameId, sack);
  const acked = ackOff - t.una;
  // A duplicate ACK: no data, no new acknowledgement, no window change, data outstanding.
  const dup = acked === 0 && !hasData && t.nxt > t.una && wnd === oldWnd;
  if (acked > 0) {
    t.una = ackOff;
    releaseAcked(t);
    t.dupAcks = 0;
    // New data acknowledged: the peer is alive, timers start over from the base timeout.
    t.backoff = 0;
    t.probeBackoff = 0;
    if (t.highSack <= t.una) t.highSack = -1;
    if (t.una >= t.nxt) disarmRto(sim);
    else armRto(sim);
    record(sim, C_TCP_ACK, frameId, acked, wnd);
    const ca = t.ca.state;
    if (ca === CaState.Recovery || ca === CaState.Loss) {
      if (t.una >= t.highSeq) setCa(sim, CaState.Open);
      else retransmitLost(sim);
    } else if (ca === CaState.Disorder && sackedOut(sim) === 0) {
      setCa(sim, CaState.Open);
    }
  } else if (dup) {
    t.dupAcks++;
    h.stats.dupAcks++;
    record(sim, C_TCP_DUPACK, frameId, t.dupAcks, t.una);
  }
  const ca = t.ca.state;
  if (dup || newlySacked > 0) {
    if (ca === CaState.Open || ca === CaState.Disorder) {
      if (ca === CaState.Open) setCa(sim, CaState.Disorder);
      if (t.dupAcks >= TCP_REORDERING || sackedOut(sim) >= TCP_REORDERING) enterRecovery(sim);
    } else if (acked === 0) {
      // Still in recovery: new SACK information may show more holes.
      retransmitLost(sim);
    }
  }
  // tcp_ack_update_window: frames arrive in order, so the newest window is the one to use.
  t.wnd = wnd;
  if (wnd > 0 && t.zeroWndStalled) {
    t.zeroWndStalled = false;
    record(sim, C_TCP_WND_OPEN, h.hostPort, wnd, oldWnd);
  }
}

/** Bytes of the target's stream, in order; complete PDUs go to the NVMe/TCP host. */
function receiveData(sim: Sim, frameId: number, seq: number, payload: Uint8Array): void {
  const h = sim.w.host;
  const rx = h.rx;
  let off = rx.nxt + ((seq - targetSeq(h, rx.nxt)) | 0);
  let data = payload;
  if (off < rx.nxt) {
    const skip = rx.nxt - off;
    if (skip >= data.length) return;
    data = data.subarray(skip);
    off = rx.nxt;
  }
  // A gap cannot happen: the target -> host direction is lossless and in order.
  if (off > rx.nxt) return;
  rx.nxt += data.length;
  record(sim, C_TCP_RCV, frameId, off, data.length);
  let buf: Uint8Array;
  if (rx.pending.length === 0) buf = data;
  else {
    buf = new Uint8Array(rx.pending.length + data.length);
    buf.set(rx.pending, 0);
    buf.set(data, rx.pending.length);
  }
  let pos = 0;
  let pduOff = rx.nxt - buf.length;
  while (buf.length - pos >= 8) {
    const plen = getU32LE(buf, pos + 4);
    // A length below the common header cannot be framed: take the 8 bytes as one bad PDU.
    const take = Math.max(plen, 8);
    if (buf.length - pos < take) break;
    onTargetPdu(sim, buf.slice(pos, pos + take), pduOff);
    pos += take;
    pduOff += take;
  }
  rx.pending = buf.slice(pos);
}

defineHandler(EV_FRAME_AT_HOST, 'target frame reaches the host', (sim, e) => {
  const w = sim.w;
  const h = w.host;
  const frame = e.ref as Uint8Array;
  h.stats.framesFromTarget++;
  const p = parseFrame(frame);
  if (!p.ok) return;
  const tcp = p.value.tcp;
  if (tcp.options.timestamps !== undefined) h.tcp.tsRecent = tcp.options.timestamps.tsval;
  const payload = p.value.payload;
  // RFC 7323: the target's window field is scaled by the shift its SYN-ACK announced.
  hostTcpAck(sim, e.a, tcp.ack, tcp.window * 2 ** h.tgt.wscale, tcp.options.sack ?? [], payload.length > 0);
  if (payload.length > 0) receiveData(sim, e.a, tcp.seq, payload);
  tcpWriteXmit(sim);
});
