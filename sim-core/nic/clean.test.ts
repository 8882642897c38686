import { describe, expect, it } from 'vitest';
import '../engine/cpu';
import { run } from '../engine/run';
import { counter } from '../ledger/ledger';
import { arrive, rig, rowsOf, seg, stream } from '../softirq/testkit';
import { STATE_CODE_BASE } from '../trace/machines';
import {
  C_IGB_ALLOC,
  C_IGB_CLEAN_DESC,
  C_IGB_IS_NON_EOP,
  C_IGB_SKB_FIELDS,
  DESC_ARMED,
  DESC_UNARMED,
  RX_DESC_MACHINE,
} from './codes';
import { igbAllocRxBuffers } from './clean';
import { igbReceiveFrame } from './dma';
import { igbDescUnused } from './state';

describe('igb_alloc_rx_buffers', () => {
  it('re-arms in batches of IGB_RX_BUFFER_WRITE (16) inside the loop and the rest on exit', () => {
    const r = rig();
    for (const f of stream(40)) arrive(r.sim, 0, f);
    run(r.sim);
    const allocs = rowsOf(r, C_IGB_ALLOC);
    expect(allocs.map((x) => x.a)).toEqual([16, 16, 8]);
    // obj = first re-armed descriptor, b = new next_to_use; starts at the empty slot 255.
    expect(allocs.map((x) => [x.obj, x.b])).toEqual([
      [255, 15],
      [15, 31],
      [31, 39],
    ]);
    const n = r.sim.w.nic;
    expect([n.ntc, n.ntu, n.nta]).toEqual([40, 39, 39]);
    expect(igbDescUnused(n.ntc, n.ntu, n.count)).toBe(0);
  });

  it('arms descriptors from next_to_use on, recording each state change', () => {
    const r = rig((s) => (s.nic.rxRingSize = 80));
    const n = r.sim.w.nic;
    // Pretend the NIC wrote ten descriptors and the driver cleaned them.
    n.ntc = 10;
    n.head = 10;
    for (let i = 0; i < 10; i++) n.desc[i]!.state = DESC_UNARMED;
    igbAllocRxBuffers(r.sim, 10);
    expect(n.ntu).toBe(9);
    expect([79, 0, 8].map((i) => n.desc[i]!.state)).toEqual([DESC_ARMED, DESC_ARMED, DESC_ARMED]);
    const st = r.sim.rec.rows.filter((x) => x.code === STATE_CODE_BASE + RX_DESC_MACHINE.id);
    expect(st.map((x) => x.obj)).toEqual([79, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses to arm more than igb_desc_unused allows (the empty slot)', () => {
    const r = rig((s) => (s.nic.rxRingSize = 80));
    expect(() => igbAllocRxBuffers(r.sim, 1)).toThrow(/only 0/);
  });
});

describe('igb_clean_rx_irq', () => {
  it('records each descriptor, its EOP test and the finished skb', () => {
    const r = rig((s) => {
      s.wire.mtu = 9000;
      s.nic.rxBufferSize = 3072;
    });
    arrive(r.sim, 0, seg({ seq: 0, len: 5000 }));
    run(r.sim);
    const clean = rowsOf(r, C_IGB_CLEAN_DESC);
    expect(clean.map((x) => [x.obj, x.a])).toEqual([
      [0, 3072],
      [1, 5066 - 3072],
    ]);
    expect(new Set(clean.map((x) => x.b)).size).toBe(1); // one skb
    expect(rowsOf(r, C_IGB_IS_NON_EOP).map((x) => [x.obj, x.a, x.b])).toEqual([
      [0, 1, 1],
      [1, 0, 2],
    ]);
    expect(rowsOf(r, C_IGB_SKB_FIELDS)).toEqual([expect.objectContaining({ a: 1, b: 5000 })]);
    expect(counter(r.sim, 'nic.rx_packets')).toBe(1);
    expect(r.delivered[0]!.truesize).toBe(256 + 2 * 4096);
  });

  it('keeps an unfinished frame in rx_ring->skb until its last descriptor is written', () => {
    const r = rig((s) => {
      s.wire.mtu = 9000;
      s.nic.rxBufferSize = 2048;
    });
    const f = seg({ seq: 0, len: 8948 });
    igbReceiveFrame(r.sim, f, 1);
    // Make the NIC's write-back of the last two descriptors not yet visible: the poll stops at them.
    const n = r.sim.w.nic;
    n.desc[3]!.state = DESC_ARMED;
    n.desc[4]!.state = DESC_ARMED;
    n.head = 3;
    run(r.sim);
    expect(n.partial).not.toBeNull();
    expect(n.partial!.skb.frags).toHaveLength(3);
    expect(r.delivered).toHaveLength(0);
    expect(n.ntc).toBe(3);
  });
});
