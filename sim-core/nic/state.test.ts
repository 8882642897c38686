import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testScenario } from '../softirq/testkit';
import { DESC_ARMED, DESC_UNARMED } from './codes';
import { armedCount, doneCount, igbDescUnused, igbRxBufferLen, initNicState } from './state';

describe('igb_desc_unused', () => {
  it('follows the two branches of the formula', () => {
    expect(igbDescUnused(10, 4, 256)).toBe(5); // ntc > ntu: ntc - ntu - 1
    expect(igbDescUnused(0, 255, 256)).toBe(0); // the freshly configured ring
    expect(igbDescUnused(4, 10, 256)).toBe(249); // wrapped: count + ntc - ntu - 1
    expect(igbDescUnused(7, 7, 80)).toBe(79); // equal pointers: all but one slot
  });

  it('always leaves one slot out and stays within [0, count - 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 512 }), fc.nat(), fc.nat(), (count, a, b) => {
        const ntc = a % count;
        const ntu = b % count;
        const u = igbDescUnused(ntc, ntu, count);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(count);
        expect(u).toBe((ntc - ntu - 1 + 2 * count) % count);
      }),
    );
  });
});

describe('initNicState', () => {
  it('arms count - 1 descriptors like igb_configure_rx_ring', () => {
    const n = initNicState(testScenario((s) => (s.nic.rxRingSize = 80)));
    expect(n.count).toBe(80);
    expect(n.desc.filter((d) => d.state === DESC_ARMED)).toHaveLength(79);
    expect(n.desc[79]!.state).toBe(DESC_UNARMED);
    expect([n.ntc, n.ntu, n.nta, n.head]).toEqual([0, 79, 79, 0]);
    expect(armedCount(n)).toBe(79);
    expect(doneCount(n)).toBe(0);
    expect(igbDescUnused(n.ntc, n.ntu, n.count)).toBe(0);
  });

  it('computes the EITR interval from the ITR knob', () => {
    expect(initNicState(testScenario((s) => (s.nic.itrIntsPerSec = 8000))).itrIntervalNs).toBe(125_000);
    expect(initNicState(testScenario((s) => (s.nic.itrIntsPerSec = 0))).itrIntervalNs).toBe(0);
  });
});

describe('igb_set_rx_buffer_len', () => {
  const len = (mtu: number, buf: 0 | 2048 | 3072 = 0) =>
    igbRxBufferLen(
      testScenario((s) => {
        s.wire.mtu = mtu;
        s.nic.rxBufferSize = buf;
      }),
    );
  it('uses 2048-byte buffers while mtu + 26 fits IGB_MAX_FRAME_BUILD_SKB (1536)', () => {
    expect(len(1500)).toBe(2048);
    expect(len(1510)).toBe(2048);
  });
  it('switches to 3072-byte buffers above it', () => {
    expect(len(1511)).toBe(3072);
    expect(len(9000)).toBe(3072);
  });
  it('keeps an explicit buffer size (legacy-rx 2048 with jumbo frames)', () => {
    expect(len(9000, 2048)).toBe(2048);
    expect(initNicState(testScenario((s) => (s.nic.rxBufferSize = 3072))).bufTruesize).toBe(4096);
  });
});
