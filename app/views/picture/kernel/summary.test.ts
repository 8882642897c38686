import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../../sim-core/scenario';
import { createWorld } from '../../../../sim-core/setup';
import { viewOf } from '../../../../sim-core/view/project';
import type { SkbView, ViewState } from '../../../sim-types';
import { counterName, kernelSummary, queueLabel } from './summary';

function view(): ViewState {
  return viewOf(createWorld(DEFAULT_SCENARIO), null, 0);
}

const skb = (id: number, seq: number, len: number): SkbView => ({
  id,
  seq,
  end: seq + len,
  len,
  segs: 1,
  truesize: 2304,
  consumed: 0,
  pduColor: -1,
  pduId: -1,
  spans: [],
});

describe('kernel band words', () => {
  it('names the ring pointers and counts as the view has them', () => {
    const v = view();
    v.ring.ntc = 17;
    v.ring.ntu = 16;
    v.ring.head = 40;
    const s = kernelSummary(v);
    expect(s).toContain(
      `igb RX ring of ${v.ring.count} descriptors: next_to_clean 17, next_to_use 16, NIC head 40`,
    );
    expect(s).toContain('No TCP connection yet.');
  });
  it('labels a queue by its whole totals, with the hole before out-of-order data', () => {
    const v = view();
    v.tcp.established = true;
    v.tcp.rcvNxt = 1000;
    v.tcp.ofo = [skb(1, 2448, 1448)];
    v.tcp.totals.ofo = { skbs: 60, bytes: 86_880, cut: 12 };
    expect(queueLabel(v, 2)).toBe('out_of_order_queue: 60 skbs, 86,880 bytes, after a hole of 1,448 bytes');
    expect(queueLabel(v, 1)).toBe('sk_receive_queue: 0 skbs, 0 bytes');
    expect(kernelSummary(v)).toContain('out_of_order_queue: 60 skbs');
  });
  it('shortens ledger counter names', () => {
    expect(counterName('nic.rx_missed_errors')).toBe('rx_missed_errors');
    expect(counterName('plain')).toBe('plain');
  });
});
