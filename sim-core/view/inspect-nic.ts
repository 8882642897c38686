/**
 * The inspector for one igb RX descriptor (union e1000_adv_rx_desc, nic/state.ts): who owns it,
 * its write-back fields, the ring pointers at it, and the bytes its buffer holds, labelled as
 * an Ethernet/IPv4/TCP frame and, in the payload, by NVMe/TCP PDU field.
 */
import type { World } from '../engine/world';
import { DESC_ARMED, DESC_DONE, RX_DESC_MACHINE } from '../nic/codes';
import { readRxHeaders } from '../nic/rx-skb';
import { bytes, field, hex, notPresent } from './inspect-format';
import { HexBuilder } from './inspect-hex';
import { skbPlaces } from './inspect-skb';
import type { InspectField, InspectSelection, InspectView } from './inspect-types';

/** E1000_RXD_STAT_DD and E1000_RXD_STAT_EOP (wb.upper.status_error). */
const STAT_DD = 0x01;
const STAT_EOP = 0x02;

export function inspectSlot(w: World, sel: InspectSelection): InspectView {
  const n = w.nic;
  const i = sel.id;
  const d = Number.isInteger(i) && i >= 0 ? n.desc[i] : undefined;
  const title = `rx descriptor ${i}`;
  if (d === undefined)
    return notPresent(
      sel,
      'slot',
      i,
      title,
      `The RX ring has ${n.count} descriptors; there is no descriptor ${i}.`,
    );
  const state = RX_DESC_MACHINE.states[d.state] ?? `state ${d.state}`;
  const holds = d.frame !== null;
  // The write-back fields stay as the NIC left them until igb_alloc_rx_buffers re-arms the slot.
  const status = holds ? STAT_DD | (d.eop ? STAT_EOP : 0) : 0;
  const owner =
    d.state === DESC_ARMED
      ? 'the NIC: armed with an empty buffer, waiting for a frame'
      : d.state === DESC_DONE
        ? 'the driver: written back (DD set), waiting for igb_clean_rx_irq'
        : holds
          ? 'the driver: cleaned, its buffer went to an skb; not yet re-armed'
          : 'the driver: not armed (igb keeps one slot out so the ring never looks both full and empty)';
  const ptrs: string[] = [];
  if (i === n.ntc) ptrs.push('next_to_clean');
  if (i === n.ntu) ptrs.push('next_to_use (tail)');
  if (i === n.head) ptrs.push('NIC head');
  const fields: InspectField[] = [
    field('state', state, `owned by ${owner}`),
    field(
      'pointers here',
      ptrs.length > 0 ? ptrs.join(', ') : 'none',
      `ntc ${n.ntc}, ntu ${n.ntu}, head ${n.head} of ${n.count}`,
    ),
    field(
      'read.pkt_addr',
      `rx_buffer_info[${i}]: ${bytes(n.bufSize)}`,
      'Simplification: buffer addresses are not modelled; the buffer references the frame bytes.',
    ),
    field(
      'wb.upper.status_error',
      hex(status, 4),
      status === 0
        ? 'nothing written back'
        : `E1000_RXD_STAT_DD${status & STAT_EOP ? ' | E1000_RXD_STAT_EOP (last buffer of the frame)' : ' (the frame goes on in the next descriptor)'}`,
    ),
    field('wb.upper.length', d.len, 'bytes the NIC wrote into this buffer'),
  ];
  let summary = `Descriptor ${i} is ${state}.`;
  const hb = new HexBuilder(w);
  let hexView = null;
  if (d.frame !== null) {
    const f = d.frame;
    const h = readRxHeaders(f);
    fields.push(
      field(
        'frame',
        `#${d.frameId}`,
        `${bytes(f.length)} on the wire (FCS stripped); this buffer holds [${d.off}, ${d.off + d.len})`,
      ),
    );
    const owner = skbPlaces(w).find((p) => p.skb.frameIds.includes(d.frameId));
    if (owner !== undefined) fields.push(field('skb', `#${owner.skb.id}`, `now in ${owner.where}`));
    if (h.tcpOk) {
      fields.push(field('tcp seq', h.seq >>> 0, `${bytes(h.payLen)} of TCP payload in the frame`));
    }
    hb.addFrame(f, d.off, d.off + d.len, h.tcpOk ? h.payOff : f.length, h.seq);
    // Payload bytes before copied_seq were copied to user space by tcp_recvmsg.
    const t = w.tcp;
    if (t !== null && h.tcpOk) {
      const from = Math.max(d.off, h.payOff);
      const to = Math.min(d.off + d.len, h.payOff + h.payLen);
      const copied = (t.copiedSeq - ((h.seq + (from - h.payOff)) >>> 0)) | 0;
      if (to > from && copied > 0) hb.consume(from - d.off, Math.min(copied, to - from));
    }
    hexView = hb.done({
      total: d.len,
      caption: `Buffer of descriptor ${i}: bytes [${d.off}, ${d.off + d.len}) of frame #${d.frameId}.`,
      consumedWhy: 'Payload before copied_seq: tcp_recvmsg already copied these stream bytes to user space.',
    });
    summary = `Descriptor ${i} is ${state}; its buffer holds ${bytes(d.len)} of frame #${d.frameId}.`;
  }
  return { selection: sel, kind: 'slot', id: i, present: true, title, summary, fields, hex: hexView };
}
