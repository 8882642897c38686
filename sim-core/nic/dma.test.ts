import { describe, expect, it } from 'vitest';
import '../engine/cpu';
import { run } from '../engine/run';
import { counter } from '../ledger/ledger';
import { checkPattern } from '../ledger/pattern';
import { nicSoftirqBalance } from '../softirq/balance';
import { arrive, rig, rowsOf, seg, skbBytes, stream, TEST_CID } from '../softirq/testkit';
import { codeInfo } from '../trace/codes';
import {
  C_IGB_DMA,
  C_IGB_IRQ_ENABLE,
  C_IGB_ITR_WAIT,
  C_IGB_MSIX_RING,
  C_IGB_RX_MISSED,
  C_IGB_RX_OVERSIZE,
  DESC_ARMED,
  DESC_DONE,
  IRQ_ENABLED,
  IRQ_MACHINE,
  IRQ_MASKED,
  RX_DESC_MACHINE,
} from './codes';
import { igbReceiveFrame } from './dma';
import { armedCount, doneCount, igbDescUnused } from './state';
import { STATE_CODE_BASE } from '../trace/machines';

describe('DMA into armed descriptors', () => {
  it('writes the frame into the descriptor at the head, with no CPU time', () => {
    const r = rig();
    const w = r.sim.w;
    const f = seg({ seq: 0, len: 1448 });
    igbReceiveFrame(r.sim, f, 42);
    const d = w.nic.desc[0]!;
    expect(d.state).toBe(DESC_DONE);
    expect(d.frame).toBe(f);
    expect([d.off, d.len, d.eop, d.frameId]).toEqual([0, 1514, true, 42]);
    expect(w.nic.head).toBe(1);
    expect(doneCount(w.nic)).toBe(1);
    expect(armedCount(w.nic)).toBe(254);
    expect(w.ledger.dmaBytes).toBe(1514);
    expect(w.cpu.opCost).toBe(0);
    const dma = rowsOf(r, C_IGB_DMA);
    expect(dma).toEqual([expect.objectContaining({ obj: 0, a: 1514, b: 42 })]);
    // The descriptor's state change is recorded before the DMA row.
    const st = r.sim.rec.rows.findIndex((x) => x.code === STATE_CODE_BASE + RX_DESC_MACHINE.id);
    expect(st).toBeLessThan(r.sim.rec.rows.indexOf(dma[0]!));
    expect(w.nic.causePending).toBe(true);
  });

  it('drops a frame when no armed descriptor is left (rx_missed_errors, rx_fifo_errors)', () => {
    const r = rig((s) => (s.nic.rxRingSize = 80));
    const w = r.sim.w;
    for (let i = 0; i < 79; i++) igbReceiveFrame(r.sim, seg({ seq: i * 100, len: 100 }), i);
    expect(armedCount(w.nic)).toBe(0);
    expect(w.nic.head).toBe(79);
    igbReceiveFrame(r.sim, seg({ seq: 7900, len: 100 }), 79);
    expect(counter(r.sim, 'nic.rx_missed_errors')).toBe(1);
    expect(counter(r.sim, 'nic.rx_fifo_errors')).toBe(1);
    expect(w.nic.head).toBe(79);
    const drop = rowsOf(r, C_IGB_RX_MISSED);
    expect(drop).toEqual([expect.objectContaining({ obj: 79, a: 166, b: 0 })]);
    expect(codeInfo(C_IGB_RX_MISSED)!.marker).toBe('drop');
    const b = nicSoftirqBalance(w);
    expect([b.framesArrived, b.framesDmad, b.framesMissed, b.framesOk]).toEqual([80, 79, 1, true]);
  });

  it('drops a frame longer than the MTU allows (RLPML = mtu + 26, FCS and two VLAN tags included)', () => {
    const r = rig();
    igbReceiveFrame(r.sim, seg({ seq: 0, len: 1456 }), 0); // 1522 + FCS = 1526: still fits
    expect(counter(r.sim, 'nic.rx_length_errors')).toBe(0);
    igbReceiveFrame(r.sim, seg({ seq: 0, len: 1457 }), 1);
    expect(counter(r.sim, 'nic.rx_length_errors')).toBe(1);
    expect(rowsOf(r, C_IGB_RX_OVERSIZE)).toHaveLength(1);
    expect(r.sim.w.nic.head).toBe(1);
  });
});

describe('ring pointers', () => {
  it('wrap around an 80-descriptor ring and end with every slot but one armed', () => {
    const r = rig((s) => {
      s.nic.rxRingSize = 80;
      s.nic.itrIntsPerSec = 0;
    });
    stream(200).forEach((f, i) => {
      arrive(r.sim, i * 12_300, f);
    });
    run(r.sim);
    const n = r.sim.w.nic;
    expect(n.head).toBe(200 % 80);
    expect(n.ntc).toBe(200 % 80);
    expect(n.ntu).toBe((200 % 80) - 1);
    expect(igbDescUnused(n.ntc, n.ntu, n.count)).toBe(0);
    expect(armedCount(n)).toBe(79);
    expect(n.desc[n.ntu]!.state).not.toBe(DESC_ARMED);
    expect(counter(r.sim, 'nic.rx_missed_errors')).toBe(0);
    expect(r.delivered.reduce((a, s) => a + s.len, 0)).toBe(200 * 1448);
  });
});

describe('multi-descriptor frames', () => {
  const jumbo = (s: Parameters<Parameters<typeof rig>[0] & object>[0]) => {
    s.wire.mtu = 9000;
    s.nic.rxBufferSize = 2048;
  };

  it('spreads a 9014-byte frame over five 2048-byte buffers, EOP on the last', () => {
    const r = rig(jumbo);
    const f = seg({ seq: 0, len: 8948 });
    expect(f.length).toBe(9014);
    igbReceiveFrame(r.sim, f, 5);
    const d = r.sim.w.nic.desc.slice(0, 5);
    expect(d.map((x) => x.len)).toEqual([2048, 2048, 2048, 2048, 822]);
    expect(d.map((x) => x.eop)).toEqual([false, false, false, false, true]);
    expect(d.map((x) => x.off)).toEqual([0, 2048, 4096, 6144, 8192]);
    expect(counter(r.sim, 'nic.multi_desc_frames')).toBe(1);
  });

  it('chains the descriptors into one skb whose frags follow the buffers', () => {
    const r = rig(jumbo);
    arrive(r.sim, 0, seg({ seq: 0, len: 8948 }));
    run(r.sim);
    expect(r.delivered).toHaveLength(1);
    const skb = r.delivered[0]!;
    expect(skb.len).toBe(8948);
    expect(skb.frags.map((f) => f.len)).toEqual([2048 - 66, 2048, 2048, 2048, 822]);
    expect(skb.truesize).toBe(256 + 5 * 2048);
    expect(checkPattern(skbBytes(skb), 0, TEST_CID, 0, 8948)).toBe(-1);
  });

  it('drops a jumbo frame when fewer armed descriptors remain than it needs', () => {
    const r = rig((s) => {
      jumbo(s);
      s.nic.rxRingSize = 80;
    });
    // 76 small frames leave 3 armed descriptors; the jumbo frame needs 5.
    for (let i = 0; i < 76; i++) igbReceiveFrame(r.sim, seg({ seq: i, len: 1 }), i);
    igbReceiveFrame(r.sim, seg({ seq: 76, len: 8948 }), 76);
    expect(counter(r.sim, 'nic.rx_missed_errors')).toBe(1);
    expect(armedCount(r.sim.w.nic)).toBe(3);
    expect(counter(r.sim, 'nic.multi_desc_frames')).toBe(0);
  });
});

describe('interrupts', () => {
  it('are spaced by the ITR interval', () => {
    const r = rig((s) => (s.nic.itrIntsPerSec = 10_000)); // 100 us
    for (let i = 0; i < 40; i++) arrive(r.sim, i * 10_000, seg({ seq: i * 1448, len: 1448, ipId: i }));
    run(r.sim);
    const irqs = rowsOf(r, C_IGB_MSIX_RING).map((x) => x.t);
    expect(irqs[0]).toBe(0);
    expect(irqs.length).toBeGreaterThan(3);
    for (let i = 1; i < irqs.length; i++) expect(irqs[i]! - irqs[i - 1]!).toBeGreaterThanOrEqual(100_000);
    expect(irqs.length).toBe(counter(r.sim, 'nic.interrupts'));
    expect(rowsOf(r, C_IGB_ITR_WAIT).length).toBeGreaterThan(0);
    expect(r.delivered.reduce((a, s) => a + s.len, 0)).toBe(40 * 1448);
  });

  it('fire at once with ITR 0', () => {
    const r = rig((s) => (s.nic.itrIntsPerSec = 0));
    arrive(r.sim, 0, seg({ seq: 0, len: 100 }));
    arrive(r.sim, 50_000, seg({ seq: 100, len: 100 }));
    run(r.sim);
    expect(rowsOf(r, C_IGB_MSIX_RING).map((x) => x.t)).toEqual([0, 50_000]);
  });

  it('stay masked while NAPI polls; a frame written meanwhile brings one after the unmask', () => {
    const r = rig((s) => {
      s.nic.itrIntsPerSec = 0;
      s.cpu.costs.perDescriptorNs = 20_000; // a slow poll: frames land while it runs
    });
    for (let i = 0; i < 6; i++) arrive(r.sim, i * 15_000, seg({ seq: i * 1448, len: 1448, ipId: i }));
    run(r.sim);
    const irqCode = STATE_CODE_BASE + IRQ_MACHINE.id;
    const seq = r.sim.rec.rows.filter(
      (x) => x.code === C_IGB_MSIX_RING || x.code === C_IGB_IRQ_ENABLE || x.code === irqCode,
    );
    // Every interrupt is preceded by an enabled vector and masks it; no interrupt while masked.
    let enabled = true;
    for (const x of seq) {
      if (x.code === irqCode) enabled = x.b === IRQ_ENABLED;
      if (x.code === C_IGB_MSIX_RING) expect(enabled).toBe(false); // the row follows the mask
      if (x.code === irqCode && x.b === IRQ_MASKED) expect(x.a).toBe(IRQ_ENABLED);
    }
    const enables = rowsOf(r, C_IGB_IRQ_ENABLE);
    expect(enables.some((x) => x.a === 1)).toBe(true);
    const irqs = rowsOf(r, C_IGB_MSIX_RING);
    // Fewer interrupts than frames: the ones that landed while polling rode on the same poll or the next one.
    expect(irqs.length).toBeLessThan(6);
    expect(irqs.length).toBeGreaterThanOrEqual(2);
    expect(r.sim.w.nic.irq.state).toBe(IRQ_ENABLED);
    expect(r.delivered.reduce((a, s) => a + s.len, 0)).toBe(6 * 1448);
  });
});
