/**
 * The igb RX ring as drawn: one entry per descriptor (its RX_DESC_MACHINE state and the frame
 * it holds), the driver's pointers and the NIC's head (w.nic, nic/state.ts).
 */
import type { World } from '../engine/world';
import { IRQ_MASKED } from '../nic/codes';
import { armedCount, doneCount, igbDescUnused } from '../nic/state';
import { NAPI_SCHED } from '../softirq/codes';
import { getU16BE, getU32BE } from '../wire/bytes';
import { pduColor } from './color';
import type { RingView } from './types';

/**
 * TCP sequence number of the first payload byte inside `frame[off, off + len)`, or -1 when that
 * piece holds no payload (headers only) or the frame is not IPv4/TCP. Reads only the fields it
 * needs: no checksum work (the ring may have 4096 slots).
 */
export function firstPayloadSeq(frame: Uint8Array, off: number, len: number): number {
  if (frame.length < 34 || getU16BE(frame, 12) !== 0x0800 || frame[23] !== 6) return -1;
  const ihl = (frame[14]! & 0x0f) * 4;
  const tcp = 14 + ihl;
  if (frame.length < tcp + 20) return -1;
  const payOff = tcp + (frame[tcp + 12]! >> 4) * 4;
  const payEnd = Math.min(frame.length, 14 + getU16BE(frame, 16));
  const from = Math.max(payOff, off);
  if (from >= Math.min(payEnd, off + len)) return -1;
  return (getU32BE(frame, tcp + 4) + (from - payOff)) >>> 0;
}

export function ringView(w: World): RingView {
  const n = w.nic;
  const slots: number[] = [];
  const frames: number[] = [];
  const colors: number[] = [];
  for (const d of n.desc) {
    slots.push(d.state);
    // A cleaned (unarmed) slot still names the frame whose buffer the skb took, until re-armed.
    frames.push(Math.max(d.frameId, 0));
    const seq = d.frame === null ? -1 : firstPayloadSeq(d.frame, d.off, d.len);
    colors.push(seq < 0 ? -1 : pduColor(w, seq));
  }
  return {
    count: n.count,
    ntu: n.ntu,
    ntc: n.ntc,
    head: n.head,
    bufSize: n.bufSize,
    slots,
    frames,
    irqMasked: n.irq.state === IRQ_MASKED,
    napiScheduled: w.softirq.napi.state === NAPI_SCHED,
    colors,
    armed: armedCount(n),
    done: doneCount(n),
    unused: igbDescUnused(n.ntc, n.ntu, n.count),
  };
}
