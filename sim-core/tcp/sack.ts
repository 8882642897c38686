/**
 * SACK and D-SACK blocks the receiver reports (tcp_input.c: tcp_sack_new_ofo_skb,
 * tcp_sack_remove, tcp_dsack_set ...). Blocks are [start, end) in sequence space.
 */
import type { Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import { after, before } from './seq';
import {
  type SackBlock,
  type TcpState,
  MAX_TCP_OPTION_SPACE,
  TCP_NUM_SACKS,
  TCP_SACK_BLOCKS_EXPECTED,
  TCPOLEN_TSTAMP_ALIGNED,
} from './state';

/** tcp_sack_extend(): grow `sp` over [seq, end) when they touch or overlap. */
export function sackExtend(sp: SackBlock, seq: number, end: number): boolean {
  if (!after(seq, sp[1]) && !after(sp[0], end)) {
    if (before(seq, sp[0])) sp[0] = seq;
    if (after(end, sp[1])) sp[1] = end;
    return true;
  }
  return false;
}

/** tcp_dsack_set(): remember a duplicate range to report once, and count it. */
export function tcpDsackSet(sim: Sim, seq: number, end: number): void {
  const t = sim.w.tcp;
  if (!t.sackOk) return; // net.ipv4.tcp_dsack = 1
  bump(sim, before(seq, t.rcvNxt) ? 'tcp.TCPDSACKOldSent' : 'tcp.TCPDSACKOfoSent');
  t.dsack = [seq, end];
}

/** tcp_dsack_extend(). */
export function tcpDsackExtend(sim: Sim, seq: number, end: number): void {
  const t = sim.w.tcp;
  if (!t.dsack) tcpDsackSet(sim, seq, end);
  else sackExtend(t.dsack, seq, end);
}

/** tcp_sack_maybe_coalesce(): the first block may now touch others; merge them into it. */
function sackMaybeCoalesce(t: TcpState): void {
  const sp = t.sacks[0]!;
  for (let i = 1; i < t.sacks.length; ) {
    const w = t.sacks[i]!;
    if (sackExtend(sp, w[0], w[1])) t.sacks.splice(i, 1);
    else i++;
  }
}

/**
 * tcp_sack_new_ofo_skb(): report a new out-of-order range, most recent block first.
 * `flushCompressed` is tcp_sack_compress_send_ack: when the range lands beyond the blocks a peer
 * is expected to keep (TCP_SACK_BLOCKS_EXPECTED), a compressed ACK goes out first.
 */
export function tcpSackNewOfoSkb(t: TcpState, seq: number, end: number, flushCompressed: () => void): void {
  const n = t.sacks.length;
  if (n === 0) {
    t.sacks.push([seq, end]);
    return;
  }
  for (let i = 0; i < n; i++) {
    const sp = t.sacks[i]!;
    if (sackExtend(sp, seq, end)) {
      if (i >= TCP_SACK_BLOCKS_EXPECTED) flushCompressed();
      // Rotate the extended block to the front.
      t.sacks.splice(t.sacks.indexOf(sp), 1);
      t.sacks.unshift(sp);
      if (t.sacks.length > 1) sackMaybeCoalesce(t);
      return;
    }
  }
  if (n >= TCP_SACK_BLOCKS_EXPECTED) flushCompressed();
  // No neighbour: a new block at the front; forget the oldest when all slots are used.
  if (t.sacks.length >= TCP_NUM_SACKS) t.sacks.pop();
  t.sacks.unshift([seq, end]);
}

/** tcp_sack_remove(): rcv_nxt moved; blocks it now covers are gone. */
export function tcpSackRemove(t: TcpState): void {
  if (t.ofoQueue.length === 0) {
    t.sacks = [];
    return;
  }
  t.sacks = t.sacks.filter((sp) => before(t.rcvNxt, sp[0]));
}

/**
 * The SACK option of an outgoing ACK (tcp_established_options / tcp_options_write): the D-SACK
 * block first if any, then the remembered blocks, as many as fit beside the timestamp option.
 */
export function sackBlocksForAck(t: TcpState, timestamps: boolean): SackBlock[] {
  const room = MAX_TCP_OPTION_SPACE - (timestamps ? TCPOLEN_TSTAMP_ALIGNED : 0);
  const max = Math.floor((room - 4) / 8);
  const all: SackBlock[] = [];
  if (t.dsack) all.push([t.dsack[0], t.dsack[1]]);
  for (const sp of t.sacks) all.push([sp[0], sp[1]]);
  return all.slice(0, max);
}
