/** igb RX ring: pointers, descriptors by state, interrupt and NAPI. */
import { formatCount } from '../../format';
import type { RingView } from '../../sim-types';
import { Facts, Stage, yesNo } from './facts';

/** Slots by state (0 unarmed, 1 armed, 2 done). */
export function slotCounts(slots: readonly number[]): [unarmed: number, armed: number, done: number] {
  const n: [number, number, number] = [0, 0, 0];
  for (const s of slots) if (s >= 0 && s <= 2) n[s as 0 | 1 | 2]++;
  return n;
}

export function RingSummary({ ring }: { ring: RingView }) {
  const [unarmed, armed, done] = slotCounts(ring.slots);
  return (
    <Stage title="igb RX ring" upstream="igb_ring">
      <Facts
        items={[
          ['Descriptors', `${formatCount(ring.count)} × ${formatCount(ring.bufSize)} B buffers`],
          ['next_to_use / next_to_clean', `${ring.ntu} / ${ring.ntc}`],
          ['NIC head (next to fill)', ring.head],
          ['Armed (NIC owns) / done (DD set)', `${formatCount(armed)} / ${formatCount(done)}`],
          ['Unarmed / igb_desc_unused', `${formatCount(unarmed)} / ${formatCount(ring.unused)}`],
          ['IRQ masked / NAPI scheduled', `${yesNo(ring.irqMasked)} / ${yesNo(ring.napiScheduled)}`],
        ]}
      />
    </Stage>
  );
}
