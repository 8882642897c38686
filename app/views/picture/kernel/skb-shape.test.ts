import { describe, expect, it } from 'vitest';
import type { SkbView } from '../../../sim-types';
import { pduFill, UNKNOWN_FILL } from '../shared/palette';
import { skbPieces } from './skb-shape';

const base: SkbView = {
  id: 1,
  seq: 0,
  end: 1000,
  len: 1000,
  segs: 1,
  truesize: 2304,
  consumed: 0,
  pduColor: 2,
  pduId: 7,
  spans: [],
};

describe('skbPieces', () => {
  it('colours each PDU span and covers the whole skb', () => {
    const p = skbPieces({
      ...base,
      spans: [
        [0, 200, 2, 7],
        [200, 800, 3, 8],
      ],
    });
    expect(p).toEqual([
      { from: 0, to: 0.2, fill: pduFill(2) },
      { from: 0.2, to: 1, fill: pduFill(3) },
    ]);
  });
  it('greys bytes the spans do not reach (more than MAX_SPANS pieces)', () => {
    const p = skbPieces({ ...base, spans: [[0, 500, 2, 7]] });
    expect(p.at(-1)).toEqual({ from: 0.5, to: 1, fill: UNKNOWN_FILL });
  });
  it('falls back to the first byte’s PDU when there are no spans', () => {
    expect(skbPieces(base)).toEqual([{ from: 0, to: 1, fill: pduFill(2) }]);
  });
});
