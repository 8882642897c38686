/**
 * The NIC's side: a frame arrives, is DMA'd into armed descriptors and written back, and the
 * interrupt follows under interrupt moderation (EITR). Also the hard IRQ handler igb_msix_ring
 * and igb_ring_irq_enable, which re-arms the interrupt when NAPI is done.
 *
 * Interrupt model: every write-back latches the RX cause (EICR). When the vector is enabled and
 * a cause is latched, the interrupt fires no sooner than the EITR interval after the previous one.
 * Firing clears the cause (EIAC) and masks the vector (EIAM); it stays masked while NAPI polls,
 * until igb_ring_irq_enable. A frame written while masked leaves the cause latched, so an
 * interrupt follows the unmask.
 */
import { charge, enterHardIrq, exitHardIrq } from '../engine/cpu';
import { defineHandler, record, scheduleAt, setState, type Sim } from '../engine/sim';
import { bump } from '../ledger/ledger';
import {
  C_IGB_DMA,
  C_IGB_IRQ_ENABLE,
  C_IGB_ITR_WAIT,
  C_IGB_MSIX_RING,
  C_IGB_RX_MISSED,
  C_IGB_RX_OVERSIZE,
  DESC_DONE,
  EV_IGB_MSIX,
  IRQ_ENABLED,
  IRQ_MACHINE,
  IRQ_MASKED,
  RX_DESC_MACHINE,
} from './codes';
import { armedCount, doneCount, frameTooLong } from './state';

/** The core that takes the igb interrupt. */
export const IGB_IRQ_CORE = 0;

/**
 * hooks.frameToTarget: the last bit of `frame` reached the target NIC.
 * Simplification: the DMA and the write-back happen at that instant (no PCIe latency), and there
 * is no on-chip packet buffer to absorb a burst: a frame that finds too few armed descriptors is
 * dropped at once.
 */
export function igbReceiveFrame(sim: Sim, frame: Uint8Array, frameId: number): void {
  const n = sim.w.nic;
  const len = frame.length;
  n.stats.framesArrived++;
  if (frameTooLong(n, len)) {
    n.stats.framesOversize++;
    bump(sim, 'nic.rx_length_errors');
    record(sim, C_IGB_RX_OVERSIZE, frameId, len, n.maxFrameSize);
    return;
  }
  const need = Math.max(1, Math.ceil(len / n.bufSize));
  const armed = armedCount(n);
  if (armed < need) {
    n.stats.framesMissed++;
    bump(sim, 'nic.rx_missed_errors');
    bump(sim, 'nic.rx_fifo_errors');
    record(sim, C_IGB_RX_MISSED, frameId, len, armed);
    return;
  }
  const first = n.head;
  for (let k = 0; k < need; k++) {
    const i = n.head;
    const d = n.desc[i]!;
    d.frame = frame;
    d.off = k * n.bufSize;
    d.len = Math.min(len, (k + 1) * n.bufSize) - d.off;
    d.eop = k === need - 1;
    d.frameId = frameId;
    n.head = (i + 1) % n.count;
    n.stats.descWritten++;
    setState(sim, RX_DESC_MACHINE.id, i, d, DESC_DONE);
  }
  n.stats.framesDmad++;
  sim.w.ledger.dmaBytes += len;
  if (need > 1) bump(sim, 'nic.multi_desc_frames');
  record(sim, C_IGB_DMA, first, len, frameId);
  n.causePending = true;
  igbMaybeInterrupt(sim);
}

/** Fire the interrupt if the vector is enabled and a cause is latched, respecting EITR. */
export function igbMaybeInterrupt(sim: Sim): void {
  const n = sim.w.nic;
  if (n.irq.state !== IRQ_ENABLED || !n.causePending || n.irqQueued) return;
  const now = sim.w.now;
  const earliest = n.lastIrqAt < 0 ? now : n.lastIrqAt + n.itrIntervalNs;
  const at = Math.max(now, earliest);
  n.irqQueued = true;
  if (at > now) record(sim, C_IGB_ITR_WAIT, 0, at - now, n.itrIntervalNs);
  scheduleAt(sim, at, EV_IGB_MSIX);
}

/** igb_msix_ring: the MSI-X message arrives on core 0. */
defineHandler(EV_IGB_MSIX, 'igb_msix_ring', (sim) => {
  const n = sim.w.nic;
  n.irqQueued = false;
  if (n.irq.state !== IRQ_ENABLED || !n.causePending) return;
  // The message goes out: EIAC clears the cause, EIAM masks the vector.
  n.causePending = false;
  n.lastIrqAt = sim.w.now;
  setState(sim, IRQ_MACHINE.id, 0, n.irq, IRQ_MASKED);
  bump(sim, 'nic.interrupts');
  const mark = enterHardIrq(sim);
  charge(sim, sim.w.scenario.cpu.costs.hardIrqNs);
  record(sim, C_IGB_MSIX_RING, 0, sim.w.ledger.c['nic.interrupts'] ?? 0, doneCount(n));
  // igb_write_itr is a no-op here (fixed ITR); then napi_schedule(&q_vector->napi).
  sim.hooks.napiSchedule(sim);
  exitHardIrq(sim, IGB_IRQ_CORE, mark);
});

/**
 * igb_ring_irq_enable, called by igb_poll when napi_complete_done allowed it: unmask the vector
 * (EIMS). Simplification: the dynamic ITR update (igb_set_itr / igb_update_ring_itr) is left out;
 * the interval stays the scenario's.
 */
export function igbRingIrqEnable(sim: Sim): void {
  const n = sim.w.nic;
  setState(sim, IRQ_MACHINE.id, 0, n.irq, IRQ_ENABLED);
  record(sim, C_IGB_IRQ_ENABLE, 0, n.causePending ? 1 : 0, doneCount(n));
  igbMaybeInterrupt(sim);
}
