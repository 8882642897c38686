/**
 * The igb RX ring and its interrupt, as plain data (w.nic).
 *
 * Pointers (igb.h, struct igb_ring): the driver cleans at next_to_clean (ntc) and re-arms at
 * next_to_use (ntu, also the tail register); the NIC fills at its head. Descriptors [head, ntu)
 * are armed (owned by the NIC), [ntc, head) are done (written back, DD set, waiting for the
 * driver), the rest are cleaned but not yet re-armed. igb_desc_unused leaves one slot out, so
 * the ring never looks full and empty at once: at most count - 1 descriptors are ever armed.
 */
import type { Scenario } from '../scenario/types';
import { DESC_ARMED, DESC_UNARMED, IRQ_ENABLED } from './codes';
import type { RxSkb } from './rx-skb';

/** igb.h: how many cleaned descriptors the driver gathers before re-arming them in one go. */
export const IGB_RX_BUFFER_WRITE = 16;
export const IGB_RXBUFFER_2048 = 2048;
export const IGB_RXBUFFER_3072 = 3072;
/** igb.h (Linux 6.5, 4 KiB pages): IGB_RXBUFFER_1536 - NET_IP_ALIGN, and NET_IP_ALIGN is 0 on x86. */
export const IGB_MAX_FRAME_BUILD_SKB = 1536;
/** igb.h: ETH_HLEN + ETH_FCS_LEN + 2 * VLAN_HLEN, added to the MTU to get adapter->max_frame_size. */
export const IGB_ETH_PKT_HDR_PAD = 14 + 4 + 2 * 4;
const ETH_FCS_LEN = 4;

export interface RxDesc {
  /** RX_DESC_MACHINE state: unarmed, armed (buffer given to the NIC), done (written back, DD set). */
  state: number;
  /**
   * Simplification: the buffer references the received frame's bytes instead of holding a copy
   * in a page; `off`/`len` say which piece of the frame this buffer holds. Byte values are the same.
   */
  frame: Uint8Array | null;
  off: number;
  /** wb.upper.length: bytes the NIC wrote into this buffer (0 while armed). */
  len: number;
  /** EOP status bit: the frame ends in this descriptor. */
  eop: boolean;
  frameId: number;
}

/** The locals of one igb_clean_rx_irq call, kept between ops. */
export interface IgbCleanCtx {
  active: boolean;
  budget: number;
  totalPackets: number;
  totalBytes: number;
  /** Cleaned descriptors not yet re-armed (starts at igb_desc_unused). */
  cleanedCount: number;
}

export interface NicStats {
  framesArrived: number;
  framesDmad: number;
  framesMissed: number;
  framesOversize: number;
  /** Descriptors the NIC wrote back / the driver cleaned, since the start. */
  descWritten: number;
  descCleaned: number;
  /** TCP payload bytes of frames the driver finished cleaning (EOP reached). */
  payloadCleaned: number;
}

export interface NicState {
  count: number;
  /** Bytes the NIC may write per descriptor (SRRCTL.BSIZEPKT). */
  bufSize: number;
  /** Memory one buffer costs an skb (half a page: 2048, or 4096 for 3072-byte buffers in order-1 pages). */
  bufTruesize: number;
  /** adapter->max_frame_size (RLPML), FCS included. */
  maxFrameSize: number;
  desc: RxDesc[];
  ntu: number;
  ntc: number;
  nta: number;
  /** The NIC's head: next descriptor it will fill. */
  head: number;
  /** IRQ_MACHINE holder: enabled or auto-masked. */
  irq: { state: number };
  /** An RX write-back happened since the last interrupt (EICR cause bit, latched even while masked). */
  causePending: boolean;
  /** An EV_IGB_MSIX event is in the queue. */
  irqQueued: boolean;
  /** Time of the last interrupt, -1 before the first. */
  lastIrqAt: number;
  /** Minimum gap between interrupts (EITR), 0 = none. */
  itrIntervalNs: number;
  /** rx_ring->skb: a frame whose first descriptors are cleaned but whose EOP is not yet. */
  partial: RxSkb | null;
  clean: IgbCleanCtx;
  stats: NicStats;
}

/** igb_set_rx_buffer_len (Linux 6.5, 4 KiB pages): 3072-byte buffers once max_frame_size exceeds the 2 KiB build_skb limit. */
export function igbRxBufferLen(s: Scenario): number {
  if (s.nic.rxBufferSize !== 0) return s.nic.rxBufferSize;
  return s.wire.mtu + IGB_ETH_PKT_HDR_PAD > IGB_MAX_FRAME_BUILD_SKB ? IGB_RXBUFFER_3072 : IGB_RXBUFFER_2048;
}

/** igb_desc_unused: cleaned descriptors the driver may re-arm; one slot is always kept out. */
export function igbDescUnused(ntc: number, ntu: number, count: number): number {
  return ntc > ntu ? ntc - ntu - 1 : count + ntc - ntu - 1;
}

/** Descriptors the NIC owns and may fill ([head, ntu)). */
export function armedCount(n: NicState): number {
  return (n.ntu - n.head + n.count) % n.count;
}

/** Descriptors written back and not yet cleaned ([ntc, head)). */
export function doneCount(n: NicState): number {
  return (n.head - n.ntc + n.count) % n.count;
}

/**
 * The ring right after igb_configure_rx_ring: igb_alloc_rx_buffers(ring, igb_desc_unused(ring))
 * armed count - 1 descriptors, so ntu = count - 1 and the last slot stays empty.
 */
export function initNicState(s: Scenario): NicState {
  const count = s.nic.rxRingSize;
  const bufSize = igbRxBufferLen(s);
  const desc: RxDesc[] = [];
  const armed = igbDescUnused(0, 0, count);
  for (let i = 0; i < count; i++) {
    desc.push({
      state: i < armed ? DESC_ARMED : DESC_UNARMED,
      frame: null,
      off: 0,
      len: 0,
      eop: false,
      frameId: -1,
    });
  }
  const itr = s.nic.itrIntsPerSec;
  return {
    count,
    bufSize,
    bufTruesize: bufSize > IGB_RXBUFFER_2048 ? 4096 : 2048,
    maxFrameSize: s.wire.mtu + IGB_ETH_PKT_HDR_PAD,
    desc,
    ntu: armed % count,
    ntc: 0,
    nta: armed % count,
    head: 0,
    irq: { state: IRQ_ENABLED },
    causePending: false,
    irqQueued: false,
    lastIrqAt: -1,
    itrIntervalNs: itr > 0 ? Math.round(1e9 / itr) : 0,
    partial: null,
    clean: { active: false, budget: 0, totalPackets: 0, totalBytes: 0, cleanedCount: 0 },
    stats: {
      framesArrived: 0,
      framesDmad: 0,
      framesMissed: 0,
      framesOversize: 0,
      descWritten: 0,
      descCleaned: 0,
      payloadCleaned: 0,
    },
  };
}

/** The frame (without FCS, as DMA'd) is longer than RLPML allows. */
export function frameTooLong(n: NicState, len: number): boolean {
  return len + ETH_FCS_LEN > n.maxFrameSize;
}
