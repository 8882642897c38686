/**
 * Conservation on the receive path from the wire to tcp_v4_rcv, for property tests:
 * - frames: every frame that reached the NIC was DMA'd or dropped and counted;
 * - descriptors: every descriptor written back was cleaned or is still done in the ring;
 * - payload: every TCP payload byte of a cleaned frame reached tcp_v4_rcv, is still held
 *   (GRO buckets, rx_list, the lists on their way through ip_rcv), or was dropped and counted.
 * The held bytes are found by walking the structures, independently of the running tallies.
 */
import type { World } from '../engine/world';
import type { RxSkb } from '../nic/rx-skb';
import { doneCount } from '../nic/state';

export interface NicSoftirqBalance {
  framesArrived: number;
  framesDmad: number;
  framesMissed: number;
  framesOversize: number;
  descWritten: number;
  descCleaned: number;
  descDoneInRing: number;
  payloadCleaned: number;
  payloadToTcp: number;
  payloadHeld: number;
  payloadDropped: number;
  framesOk: boolean;
  descOk: boolean;
  payloadOk: boolean;
}

function sum(list: readonly RxSkb[]): number {
  let n = 0;
  for (const rs of list) n += rs.skb.len;
  return n;
}

export function nicSoftirqBalance(w: World): NicSoftirqBalance {
  const n = w.nic;
  const s = w.softirq;
  let held = sum(s.napi.rxList) + sum(s.deliverQ) + (s.pendingGro?.skb.len ?? 0);
  for (const b of s.napi.groHash) held += sum(b);
  for (const l of s.listPending) held += sum(l);
  const st = n.stats;
  const descDoneInRing = doneCount(n);
  return {
    framesArrived: st.framesArrived,
    framesDmad: st.framesDmad,
    framesMissed: st.framesMissed,
    framesOversize: st.framesOversize,
    descWritten: st.descWritten,
    descCleaned: st.descCleaned,
    descDoneInRing,
    payloadCleaned: st.payloadCleaned,
    payloadToTcp: s.tally.payloadToTcp,
    payloadHeld: held,
    payloadDropped: s.tally.payloadDropped,
    framesOk: st.framesArrived === st.framesDmad + st.framesMissed + st.framesOversize,
    descOk: st.descWritten === st.descCleaned + descDoneInRing,
    payloadOk: st.payloadCleaned === s.tally.payloadToTcp + held + s.tally.payloadDropped,
  };
}
