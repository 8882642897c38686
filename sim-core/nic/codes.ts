/**
 * Trace codes, event kinds and recorded machines of the igb receive side (nic range 200-299).
 * Files are those of Linux 6.5; captions are ours.
 */
import { defineCodes, type CodeInfo } from '../trace/codes';
import { defineMachine } from '../trace/machines';

const IGB = 'drivers/net/ethernet/intel/igb/igb_main.c';

/** Event kind: the q_vector's MSI-X interrupt fires (igb_msix_ring runs on core 0). */
export const EV_IGB_MSIX = 200;

export const C_IGB_MSIX_RING = 200;
export const C_IGB_DMA = 201;
export const C_IGB_RX_MISSED = 202;
export const C_IGB_RX_OVERSIZE = 203;
export const C_IGB_CLEAN_DESC = 204;
export const C_IGB_IS_NON_EOP = 205;
export const C_IGB_ALLOC = 206;
export const C_IGB_SKB_FIELDS = 207;
export const C_IGB_POLL = 208;
export const C_IGB_CLEAN_DONE = 209;
export const C_IGB_IRQ_ENABLE = 210;
export const C_IGB_ITR_WAIT = 211;

const nic = (c: Omit<CodeInfo, 'repo'>): CodeInfo => ({ ...c, repo: 'linux' });

defineCodes(
  [200, 299],
  [
    nic({
      code: C_IGB_MSIX_RING,
      fn: 'igb_msix_ring',
      file: IGB,
      layer: 'irq',
      args: { obj: 'q_vector', a: 'interrupts so far', b: 'descriptors done, waiting for the driver' },
      caption:
        'The NIC raises its MSI-X interrupt on core 0; the vector masks itself and the handler only asks NAPI to poll.',
      marker: 'irq',
    }),
    nic({
      code: C_IGB_DMA,
      fn: 'DMA write-back (hardware, no CPU)',
      file: IGB,
      layer: 'nic',
      args: { obj: 'first descriptor', a: 'frame bytes', b: 'frame id' },
      caption:
        'The NIC copies the frame into the buffers of the next armed descriptors by DMA and writes their length and DD bit; no CPU works here.',
    }),
    nic({
      code: C_IGB_RX_MISSED,
      fn: 'rx_missed_errors (MPC)',
      file: IGB,
      layer: 'nic',
      args: { obj: 'frame id', a: 'frame bytes', b: 'armed descriptors left' },
      caption:
        'No armed descriptor is left for this frame, so the NIC drops it: rx_missed_errors and rx_fifo_errors (ifconfig "overruns").',
      marker: 'drop',
    }),
    nic({
      code: C_IGB_RX_OVERSIZE,
      fn: 'rx_length_errors (ROC)',
      file: IGB,
      layer: 'nic',
      args: { obj: 'frame id', a: 'frame bytes', b: 'largest frame allowed (RLPML)' },
      caption: 'The frame is longer than the MTU allows (RLPML), so the NIC drops it.',
      marker: 'drop',
    }),
    nic({
      code: C_IGB_CLEAN_DESC,
      fn: 'igb_clean_rx_irq',
      file: IGB,
      layer: 'nic',
      args: { obj: 'descriptor index', a: 'bytes in this buffer', b: 'skb id' },
      caption:
        'The driver takes one finished descriptor: the first piece of a frame becomes a new skb (igb_build_skb), later pieces are added as page frags (igb_add_rx_frag). No bytes are copied.',
    }),
    nic({
      code: C_IGB_IS_NON_EOP,
      fn: 'igb_is_non_eop',
      file: IGB,
      layer: 'nic',
      args: {
        obj: 'descriptor index',
        a: '1 = frame continues in the next descriptor',
        b: 'new next_to_clean',
      },
      caption: 'next_to_clean moves on; without the EOP bit the frame continues in the next descriptor.',
    }),
    nic({
      code: C_IGB_ALLOC,
      fn: 'igb_alloc_rx_buffers',
      file: IGB,
      layer: 'nic',
      args: { obj: 'first descriptor re-armed', a: 'descriptors re-armed', b: 'new next_to_use (tail)' },
      caption:
        'Cleaned descriptors get a buffer again and go back to the NIC; next_to_use moves and the tail register is written.',
    }),
    nic({
      code: C_IGB_SKB_FIELDS,
      fn: 'igb_process_skb_fields',
      file: IGB,
      layer: 'nic',
      args: {
        obj: 'skb id',
        a: '1 = checksum verified by the NIC (CHECKSUM_UNNECESSARY)',
        b: 'TCP payload bytes',
      },
      caption:
        'The whole frame is in the skb: the driver notes the hardware checksum result and the protocol, then hands the skb to GRO.',
    }),
    nic({
      code: C_IGB_POLL,
      fn: 'igb_poll',
      file: IGB,
      layer: 'nic',
      args: { obj: 'q_vector', a: 'budget (NAPI weight)', b: 'descriptors done and waiting' },
      caption:
        "NAPI calls the driver's poll function, which cleans the RX ring (igb_clean_rx_irq) up to the budget.",
    }),
    nic({
      code: C_IGB_CLEAN_DONE,
      fn: 'igb_clean_rx_irq',
      file: IGB,
      layer: 'nic',
      args: { obj: 'q_vector', a: 'packets cleaned', b: '1 = budget used up, poll again' },
      caption: 'The cleaning loop stops: either no finished descriptor is left or the budget is used up.',
    }),
    nic({
      code: C_IGB_IRQ_ENABLE,
      fn: 'igb_ring_irq_enable',
      file: IGB,
      layer: 'irq',
      args: {
        obj: 'q_vector',
        a: '1 = a frame arrived while masked, an interrupt follows',
        b: 'descriptors done, waiting',
      },
      caption:
        'Polling is over: the driver unmasks the interrupt (EIMS) so the next frame can interrupt again.',
    }),
    nic({
      code: C_IGB_ITR_WAIT,
      fn: 'EITR interrupt moderation (hardware)',
      file: IGB,
      layer: 'irq',
      args: {
        obj: 'q_vector',
        a: 'wait in ns before the interrupt may fire',
        b: 'interval in ns (1e9 / ITR)',
      },
      caption:
        'Interrupt moderation: the NIC holds the interrupt until its minimum interval since the last one has passed.',
    }),
  ],
);

/** igb RX descriptor, as the driver and the NIC hand it back and forth. */
export const RX_DESC_MACHINE = defineMachine({
  id: 20,
  name: 'igb rx descriptor',
  upstream: 'union e1000_adv_rx_desc: read format (buffer address) / write-back format (length, DD, EOP)',
  states: ['unarmed', 'armed', 'done'],
});
export const DESC_UNARMED = 0;
export const DESC_ARMED = 1;
export const DESC_DONE = 2;

/** The q_vector's interrupt: EIMS set (enabled) or auto-masked (EIAM) after it fired. */
export const IRQ_MACHINE = defineMachine({
  id: 21,
  name: 'igb q_vector interrupt',
  upstream: 'EIMS / EIMC bit of the MSI-X vector (auto-masked through EIAM when it fires)',
  states: ['enabled', 'masked'],
});
export const IRQ_ENABLED = 0;
export const IRQ_MASKED = 1;
