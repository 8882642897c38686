/** An skb as a range of TCP sequence space, for the GRO and queue drawings (skb/skb.ts). */
import type { World } from '../engine/world';
import { type Skb, skbEndSeq } from '../skb/skb';
import { pduSpans } from './color';
import type { SkbView } from './types';

export function skbView(w: World, s: Skb): SkbView {
  const spans = pduSpans(w, s.seq, s.len);
  const first = spans[0];
  return {
    id: s.id,
    seq: s.seq >>> 0,
    end: skbEndSeq(s),
    len: s.len,
    segs: s.segs,
    truesize: s.truesize,
    consumed: s.consumed,
    pduColor: first === undefined ? -1 : first[2],
    pduId: first === undefined ? -1 : first[3],
    spans,
  };
}
