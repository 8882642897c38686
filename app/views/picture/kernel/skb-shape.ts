/**
 * An skb drawn as a bar of its bytes, coloured by the PDUs they belong to (SkbView.spans);
 * bytes no span covers are grey. Shared by GRO's held skbs and the TCP lanes.
 */
import type { SkbView } from '../../../sim-types';
import { pduFill, UNKNOWN_FILL } from '../shared/palette';
import { child, setAttr, setAttrs } from './dom';

/** Pieces [from, to) as fractions of the skb, with their fill. */
export function skbPieces(s: SkbView): { from: number; to: number; fill: string }[] {
  if (s.len <= 0) return [{ from: 0, to: 1, fill: pduFill(s.pduColor) }];
  const out: { from: number; to: number; fill: string }[] = [];
  let at = 0;
  for (const [off, len, cid] of s.spans) {
    if (off > at) out.push({ from: at / s.len, to: off / s.len, fill: UNKNOWN_FILL });
    out.push({ from: off / s.len, to: (off + len) / s.len, fill: pduFill(cid) });
    at = off + len;
  }
  if (at < s.len)
    out.push({ from: at / s.len, to: 1, fill: s.spans.length === 0 ? pduFill(s.pduColor) : UNKNOWN_FILL });
  return out;
}

/** Draws (or updates) the pieces of `s` into group `g` at x..x+w, y..y+h. */
export function drawSkb(g: SVGGElement, s: SkbView, x: number, y: number, w: number, h: number): void {
  const pieces = child(g, 'g', 'k-pieces');
  const rects = Array.from(pieces.children) as SVGRectElement[];
  const ps = skbPieces(s);
  ps.forEach((p, i) => {
    let r = rects[i];
    if (r === undefined) {
      r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      pieces.appendChild(r);
    }
    setAttrs(r, {
      x: (x + p.from * w).toFixed(1),
      y,
      width: Math.max(0, (p.to - p.from) * w).toFixed(1),
      height: h,
      fill: p.fill,
    });
  });
  for (let i = ps.length; i < rects.length; i++) rects[i]?.remove();
  const edge = child(g, 'rect', 'k-skb-edge');
  setAttrs(edge, { x: x.toFixed(1), y, width: w.toFixed(1), height: h });
  // Bytes already copied to user space (a partly read head skb) are faded.
  const read = child(g, 'rect', 'k-skb-read');
  const rw = s.len > 0 ? (Math.min(s.consumed, s.len) / s.len) * w : 0;
  setAttrs(read, { x: x.toFixed(1), y, width: rw.toFixed(1), height: h });
  setAttr(read, 'visibility', rw > 0 ? 'visible' : 'hidden');
}
