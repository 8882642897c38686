/**
 * The inspector for an skb and for a TCP queue as a whole. An skb is found wherever the receive
 * path holds it at this step: the igb ring's unfinished frame (rx_ring->skb), GRO (the next
 * napi_gro_receive, gro_hash, rx_list), the lists on their way through ip_rcv, the socket's
 * backlog, sk_receive_queue and out_of_order_queue.
 *
 * Its hex view is the head frame's headers followed by the payload of every frag, so the bytes a
 * layer already pulled (Ethernet by eth_type_trans, IPv4 by ip_local_deliver_finish, TCP by
 * tcp_data_queue / tcp_rcv_established) and the payload tcp_recvmsg already copied are struck through.
 */
import type { World } from '../engine/world';
import { type RxHdr, type RxSkb, readRxHeaders } from '../nic/rx-skb';
import { type Skb, skbEndSeq } from '../skb/skb';
import { ETHERNET_HEADER_LEN } from '../wire/ethernet';
import { chunkAt, pduSpans } from './color';
import { bytes, field, notPresent, tcpFlagNames } from './inspect-format';
import { chunkGroup, HexBuilder } from './inspect-hex';
import type { InspectField, InspectSelection, InspectView } from './inspect-types';

/** Where an skb is, and how many bytes of its head frame the layers before have pulled. */
export interface SkbPlace {
  skb: Skb;
  rx: RxSkb | null;
  /** The upstream list or field holding it. */
  where: string;
  /** What holding it there means, in words. */
  about: string;
  /** Header bytes pulled: 'none' | 'eth' | 'eth+ip' | 'all'. */
  pulled: 'none' | 'eth' | 'eth+ip' | 'all';
}

/** Every skb the receive path holds at this step, in path order. */
export function skbPlaces(w: World): SkbPlace[] {
  const out: SkbPlace[] = [];
  const rx = (r: RxSkb, where: string, about: string, pulled: SkbPlace['pulled']) =>
    out.push({ skb: r.skb, rx: r, where, about, pulled });
  if (w.nic.partial !== null)
    rx(w.nic.partial, 'rx_ring->skb', 'a frame whose EOP descriptor igb has not cleaned yet', 'none');
  const s = w.softirq;
  if (s.pendingGro !== null)
    rx(s.pendingGro, 'napi_gro_receive', 'igb finished it; GRO takes it next', 'eth');
  s.napi.groHash.forEach((bucket, b) => {
    for (const r of bucket) rx(r, `napi->gro_hash[${b}]`, 'held by GRO, waiting for more segments', 'eth');
  });
  for (const r of s.napi.rxList) rx(r, 'napi->rx_list', 'batched by gro_normal_one', 'eth');
  for (const list of s.listPending)
    for (const r of list) rx(r, 'netif_receive_skb_list_internal', 'on its way to ip_rcv', 'eth');
  for (const r of s.deliverQ) rx(r, 'ip_local_deliver', 'through ip_rcv, next is tcp_v4_rcv', 'eth');
  const t = w.tcp;
  if (t !== null) {
    const tcp = (q: readonly Skb[], where: string, about: string, pulled: SkbPlace['pulled']) => {
      for (const skb of q) out.push({ skb, rx: null, where, about, pulled });
    };
    tcp(t.backlog, 'sk->sk_backlog', 'arrived while the reader owned the socket', 'eth+ip');
    tcp(t.receiveQueue, 'sk->sk_receive_queue', 'in order, ready for tcp_recvmsg', 'all');
    tcp(t.ofoQueue, 'tp->out_of_order_queue', 'after a hole: waits for the missing bytes', 'all');
  }
  return out;
}

const PULLED_WHY: Record<SkbPlace['pulled'], string> = {
  none: '',
  eth: 'The Ethernet header was pulled by eth_type_trans (igb_process_skb_fields).',
  'eth+ip':
    'The Ethernet header was pulled by eth_type_trans and the IPv4 header by ip_local_deliver_finish.',
  all: 'All headers were pulled: Ethernet (eth_type_trans), IPv4 (ip_local_deliver_finish), TCP (tcp_data_queue).',
};

function pulledBytes(h: RxHdr, p: SkbPlace['pulled']): number {
  if (p === 'none') return 0;
  if (p === 'eth') return ETHERNET_HEADER_LEN;
  if (p === 'eth+ip') return h.tcpOff > 0 ? h.tcpOff : ETHERNET_HEADER_LEN + h.ihl;
  return h.payOff;
}

/** The PDUs an skb's payload carries, e.g. "CapsuleCmd cid 3 [0, 72); H2CData cid 3 datao 0 [72, 1448)". */
function carried(w: World, s: Skb): string {
  const spans = pduSpans(w, s.seq, s.len);
  if (spans.length === 0 || w.tcp === null) return 'not known';
  const t = w.tcp;
  const parts = spans.map(([off, len]) => {
    const c = chunkAt(w.host.tcp.q, (s.seq + off - t.irs) >>> 0);
    return `${c === undefined ? 'PDU' : chunkGroup(c)} [${off}, ${off + len})`;
  });
  const covered = spans.reduce((n, sp) => n + sp[1], 0);
  return covered < s.len ? `${parts.join('; ')}; …` : parts.join('; ');
}

export function inspectSkb(w: World, sel: InspectSelection): InspectView {
  const place = skbPlaces(w).find((p) => p.skb.id === sel.id);
  const title = `skb #${sel.id}`;
  if (place === undefined) {
    return notPresent(
      sel,
      'skb',
      sel.id,
      title,
      `skb #${sel.id} is not present at this step: it does not exist yet, or it was merged into another skb (GRO, coalescing), copied to user space and freed, or dropped.`,
    );
  }
  const s = place.skb;
  const head = place.rx?.frame ?? s.frags[0]?.bytes ?? null;
  const h = place.rx?.h ?? (head === null ? null : readRxHeaders(head));
  const pulled = h === null ? 0 : pulledBytes(h, place.pulled);
  const headerLen = h === null ? 0 : h.payOff;
  const fields: InspectField[] = [
    field('where', place.where, place.about),
    field('TCP_SKB_CB(skb)->seq', s.seq >>> 0),
    field('TCP_SKB_CB(skb)->end_seq', skbEndSeq(s), 'seq + payload bytes'),
    field(
      'len',
      headerLen - pulled + s.len,
      `skb->len: ${bytes(s.len)} of TCP payload${headerLen - pulled > 0 ? ` + ${bytes(headerLen - pulled)} of headers not yet pulled` : ''}`,
    ),
    field('truesize', s.truesize, 'memory charged for it (buffers + struct sk_buff)'),
    field('skb_shinfo(skb)->gso_segs', s.segs, 'wire segments merged into it (GRO, coalescing)'),
  ];
  if (place.rx !== null)
    fields.push(field('skb_shinfo(skb)->gso_size', place.rx.gsoSize, 'MSS GRO compares later segments with'));
  fields.push(
    field(
      'skb_shinfo(skb)->nr_frags',
      s.frags.length,
      'Simplification: igb_build_skb makes the first buffer the head; the model keeps every payload piece as a frag.',
    ),
    field('TCP_SKB_CB(skb)->tcp_flags', tcpFlagNames(s.tcpFlags)),
    field('TCP_SKB_CB(skb)->ack_seq', s.ack >>> 0),
    field(
      'frames',
      s.frameIds.map((f) => `#${f}`).join(' '),
      'the wire frames (ring buffers) its bytes came in',
    ),
  );
  if (place.pulled === 'all' && place.where === 'sk->sk_receive_queue') {
    fields.push(field('copied', s.consumed, 'bytes tcp_recvmsg already copied from it (copied_seq − seq)'));
  }
  if (place.rx !== null) {
    const r = place.rx;
    fields.push(
      field(
        'ip_summed',
        r.csumUnnecessary ? 'CHECKSUM_UNNECESSARY' : 'CHECKSUM_NONE',
        'igb_rx_checksum: the NIC checked IPv4 and TCP checksums',
      ),
      field('NAPI_GRO_CB(skb)->count', r.count),
      field('NAPI_GRO_CB(skb)->flush', r.flush),
      field('NAPI_GRO_CB(skb)->age', r.age, 'jiffy it was held'),
    );
  }
  fields.push(
    field('PDUs carried', carried(w, s), 'bytes of the host PDUs in its payload (offsets in the skb)'),
  );

  const hb = new HexBuilder(w);
  if (head !== null && h !== null) {
    hb.addFrame(head, 0, h.payOff, h.payOff, s.seq);
    hb.consume(0, pulled);
  }
  const payloadAt = hb.bytes.length;
  let seq = s.seq;
  for (const f of s.frags) {
    if (hb.full) break;
    hb.addStream(f.bytes.subarray(f.off, f.off + f.len), seq);
    seq = (seq + f.len) >>> 0;
  }
  if (s.consumed > 0) hb.consume(payloadAt, s.consumed);
  const why = [
    PULLED_WHY[place.pulled],
    s.consumed > 0 ? `tcp_recvmsg copied the first ${bytes(s.consumed)} of payload to user space.` : '',
  ]
    .filter((x) => x !== '')
    .join(' ');
  return {
    selection: sel,
    kind: 'skb',
    id: s.id,
    present: true,
    title,
    summary: `${bytes(s.len)} of TCP payload, seq ${s.seq >>> 0} to ${skbEndSeq(s)}, in ${place.where}.`,
    fields,
    hex: hb.done({
      total: headerLen + s.len,
      caption: 'The head frame\u2019s headers, then the payload of every frag, labelled by field.',
      consumedWhy: why,
    }),
  };
}

const QUEUES = [
  {
    name: 'sk->sk_backlog',
    about: 'skbs that arrived while the reader owned the socket (sock_owned_by_user)',
  },
  { name: 'sk->sk_receive_queue', about: 'in-order skbs that tcp_recvmsg copies from' },
  { name: 'tp->out_of_order_queue', about: 'skbs after a hole in the sequence space' },
] as const;

/** Most skbs listed one by one in a queue's fields. */
const QUEUE_LIST_MAX = 32;

export function inspectQueue(w: World, sel: InspectSelection): InspectView {
  const q = QUEUES[sel.id];
  if (q === undefined)
    return notPresent(sel, 'queue', sel.id, `queue ${sel.id}`, `There is no TCP queue number ${sel.id}.`);
  const t = w.tcp;
  if (t === null)
    return notPresent(sel, 'queue', sel.id, q.name, 'The TCP connection does not exist yet at this step.');
  const list = sel.id === 0 ? t.backlog : sel.id === 1 ? t.receiveQueue : t.ofoQueue;
  let len = 0;
  let truesize = 0;
  for (const s of list) {
    len += s.len;
    truesize += s.truesize;
  }
  const fields: InspectField[] = [
    field('skbs', list.length, q.about),
    field('payload bytes', len),
    field(
      'truesize (sum)',
      truesize,
      sel.id === 0
        ? `sk_backlog.len is ${t.backlogLen}`
        : `sk_rmem_alloc is ${t.rmemAlloc} of sk_rcvbuf ${t.rcvbuf}`,
    ),
    field('tp->rcv_nxt', t.rcvNxt >>> 0, 'next sequence number expected'),
    field('tp->copied_seq', t.copiedSeq >>> 0, 'next byte tcp_recvmsg copies'),
    field('sock_owned_by_user', t.ownedByUser),
  ];
  list.slice(0, QUEUE_LIST_MAX).forEach((s, i) => {
    fields.push(
      field(
        `[${i}] skb #${s.id}`,
        `seq ${s.seq >>> 0} to ${skbEndSeq(s)}`,
        `${bytes(s.len)}, ${s.segs} segs, truesize ${s.truesize}`,
      ),
    );
  });
  if (list.length > QUEUE_LIST_MAX) fields.push(field('…', `${list.length - QUEUE_LIST_MAX} more skbs`));
  const first = list[0];
  const last = list[list.length - 1];
  return {
    selection: sel,
    kind: 'queue',
    id: sel.id,
    present: true,
    title: q.name,
    summary:
      first === undefined || last === undefined
        ? `${q.name} is empty.`
        : `${list.length} skbs, ${bytes(len)} of payload, seq ${first.seq >>> 0} to ${skbEndSeq(last)}.`,
    fields,
    hex: null,
  };
}
