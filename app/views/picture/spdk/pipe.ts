/**
 * The recv pipe (struct spdk_pipe, lib/util/pipe.c) as a ring: offset 0 at the top, bytes held
 * from the read head to the write head coloured by the PDU they belong to, the two heads, the
 * full flag, and the one or two iovecs of the last readv into it (posix_sock_read) as arrows
 * outside the ring. The heads move on the scheduler's frames (the short way round); the held
 * bytes are cut by the spans of the view shown, clipped to the moving heads.
 */
import { arc } from 'd3';
import type { PipeView } from '../../../sim-types';
import { pduFill } from '../shared/palette';
import { type DrawCtx, isSelected, n } from './ctx';
import { clip, fits, make, selectable, setAttr, setAttrs, setText, setTitle } from './dom';
import { FONT, type SpdkLayout } from './layout';
import { angleOf, heldPieces, type RingPiece, unwrapNear } from './pipe-geometry';

export interface PipePart {
  draw(pipe: PipeView | null, layout: SpdkLayout, ctx: DrawCtx): void;
}

const ringArc = arc<{ r0: number; r1: number; a0: number; a1: number }>()
  .innerRadius((d) => d.r0)
  .outerRadius((d) => d.r1)
  .startAngle((d) => d.a0)
  .endAngle((d) => d.a1);

/** An SVG arc path along radius `r` from offset `from` to `to` (unwrapped) of `sz`. */
function arcPath(from: number, to: number, sz: number, r: number): string {
  const a0 = angleOf(from, sz);
  // A whole-ring iovec would be a zero-length arc: stop just short of closing it.
  const a1 = angleOf(Math.min(to, from + sz * 0.998), sz);
  const x0 = Math.sin(a0) * r;
  const y0 = -Math.cos(a0) * r;
  const x1 = Math.sin(a1) * r;
  const y1 = -Math.cos(a1) * r;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${x0.toFixed(1)},${y0.toFixed(1)}A${r},${r} 0 ${large} 1 ${x1.toFixed(1)},${y1.toFixed(1)}`;
}

export function createPipe(g: SVGGElement, select: DrawCtx['select']): PipePart {
  const title = make(g, 'text', 'sp-title');
  const note = make(g, 'text', 'sp-small sp-muted');
  const none = make(g, 'text', 'sp-label sp-muted');
  const ring = make(g, 'g', 'sp-obj sp-pipe');
  selectable(ring, () => ({ kind: 'pipe', id: 0 }), select);
  const halo = make(ring, 'circle', 'sp-sel-ring');
  const bg = make(ring, 'path', 'sp-ring-bg');
  const held = make(ring, 'g', 'sp-held');
  const iovs = make(ring, 'g', 'sp-iovs');
  const zero = make(ring, 'line', 'sp-zero');
  const zeroText = make(ring, 'text', 'sp-small sp-muted');
  const heads = {
    read: make(ring, 'g', 'sp-head sp-head-read'),
    write: make(ring, 'g', 'sp-head sp-head-write'),
  };
  for (const [k, h] of Object.entries(heads)) {
    make(h, 'line', 'sp-head-line');
    make(h, 'circle', 'sp-head-dot');
    setText(make(h, 'text', 'sp-head-text'), k === 'read' ? 'R' : 'W');
  }
  const center = [
    make(ring, 'text', 'sp-big'),
    make(ring, 'text', 'sp-small'),
    make(ring, 'text', 'sp-small sp-lit-text'),
  ];
  const below = [make(g, 'text', 'sp-small'), make(g, 'text', 'sp-small')];

  // The heads as drawn now (unwrapped offsets), and what they move toward.
  let lo = 0;
  let len = 0;
  let loTarget = 0;
  let last: { pipe: PipeView; layout: SpdkLayout } | null = null;

  const drawHeld = () => {
    if (last === null) return;
    const { pipe, layout } = last;
    const { r, r0 } = layout.pipe;
    const pieces = heldPieces(lo, lo + len, loTarget, pipe.spans);
    const paths = held.children;
    // Keyed by position in the list: pieces are few and their order is stable within a view.
    while (paths.length < pieces.length) make(held, 'path', 'sp-piece');
    while (paths.length > pieces.length) paths[paths.length - 1]!.remove();
    pieces.forEach((p: RingPiece, i) => {
      const el = paths[i]!;
      setAttrs(el, {
        d: ringArc({ r0, r1: r, a0: angleOf(p.from, pipe.sz), a1: angleOf(p.to, pipe.sz) }),
        fill: p.cid < 0 ? 'var(--sp-unknown)' : pduFill(p.cid),
        class: p.key === 'under' ? 'sp-piece sp-piece-under' : 'sp-piece',
      });
    });
    placeHead(heads.read, lo, pipe.sz, layout);
    placeHead(heads.write, lo + len, pipe.sz, layout);
    // Empty or full, the heads are at one place: one mark says both.
    const together = len < pipe.sz * 0.012 || len > pipe.sz * 0.988;
    setAttr(heads.read, 'display', together ? 'none' : null);
    setText(heads.write.children[2]!, together ? 'RW' : 'W');
    setAttr(heads.write.children[2]!, 'font-size', (together ? FONT.code * 0.85 : FONT.small) * layout.em);
    setAttr(heads.read.children[2]!, 'font-size', FONT.small * layout.em);
  };

  const placeHead = (h: SVGGElement, off: number, sz: number, layout: SpdkLayout) => {
    const { r, r0, cx, cy } = layout.pipe;
    const e = layout.em;
    const a = angleOf(off, sz);
    const deg = (a * 180) / Math.PI;
    setAttr(h, 'transform', `translate(${cx},${cy}) rotate(${deg.toFixed(2)})`);
    const line = h.children[0]!;
    setAttrs(line, { x1: 0, x2: 0, y1: -(r0 - 0.35 * e), y2: -(r + 0.3 * e) });
    // The head's letter sits on the ring's band, leaving the middle to the numbers.
    const mid = (r0 + r) / 2;
    const dot = h.children[1]!;
    setAttrs(dot, { cx: 0, cy: -mid, r: 0.5 * e });
    // The letter stays upright whatever the angle.
    const text = h.children[2]!;
    setAttrs(text, {
      x: 0,
      y: -mid,
      transform: `rotate(${(-deg).toFixed(2)} 0 ${(-mid).toFixed(1)})`,
    });
  };

  return {
    draw(pipe, layout, ctx) {
      const e = layout.em;
      const P = layout.pipe;
      setAttrs(title, { x: P.cx, y: 1.1 * e, 'text-anchor': 'middle', 'font-size': FONT.title * e });
      setText(title, clip('recv pipe · struct spdk_pipe', fits(P.w + 2 * e, FONT.title * e)));
      setAttrs(note, { x: P.cx, y: 2.05 * e, 'text-anchor': 'middle', 'font-size': FONT.small * e });
      setAttr(ring, 'display', pipe === null ? 'none' : null);
      for (const t of below) setAttr(t, 'display', pipe === null ? 'none' : null);
      setAttr(none, 'display', pipe === null ? null : 'none');
      if (pipe === null) {
        setText(note, 'not allocated yet');
        setAttrs(none, { x: P.cx, y: P.cy, 'text-anchor': 'middle', 'font-size': FONT.label * e });
        setText(none, 'no pipe until ICReq: reads go straight in');
        last = null;
        return;
      }
      setText(
        note,
        pipe.rewindOnEmpty
          ? 'empty → both heads rewind to 0 (v24.09)'
          : 'keeps its offsets when empty (pre-v24.05)',
      );
      setTitle(
        ring,
        `spdk_pipe: ${n(pipe.bytes)} of ${n(pipe.sz)} bytes held, read ${n(pipe.read)}, write ${n(pipe.write)}${pipe.full ? ', full' : ''}. ` +
          (pipe.rewindOnEmpty
            ? 'SPDK v24.09 rewinds an empty pipe: spdk_pipe_reader_advance puts both offsets back to 0, so posix_sock_read never wraps here (scenario knob spdk.pipeRewindOnEmpty).'
            : 'This scenario turns off the v24.09 rewind (spdk.pipeRewindOnEmpty = false, the pre-v24.05 pipe), so the free space wraps and a readv can take two iovecs.'),
      );
      const sel = isSelected(ctx, 'pipe', 0);
      setAttr(
        ring,
        'aria-label',
        `recv pipe, ${n(pipe.bytes)} of ${n(pipe.sz)} bytes held${pipe.full ? ', full' : ''}`,
      );
      setAttr(ring, 'aria-pressed', sel ? 'true' : 'false');
      setAttr(ring, 'class', sel ? 'sp-obj sp-pipe sp-selected' : 'sp-obj sp-pipe');
      setAttrs(halo, { cx: P.cx, cy: P.cy, r: P.r + 0.95 * e });
      setAttrs(bg, {
        transform: `translate(${P.cx},${P.cy})`,
        d: ringArc({ r0: P.r0, r1: P.r, a0: 0, a1: 2 * Math.PI }),
      });
      setAttr(held, 'transform', `translate(${P.cx},${P.cy})`);
      setAttrs(zero, { x1: P.cx, x2: P.cx, y1: P.cy - P.r - 0.15 * e, y2: P.cy - P.r0 });
      // Offset 0 named just inside the ring, clear of the heads (on the band) and the arrows (outside).
      setAttrs(zeroText, {
        x: P.cx,
        y: P.cy - P.r0 + 0.95 * e,
        'text-anchor': 'middle',
        'font-size': FONT.small * e,
      });
      setText(zeroText, '0');

      // Heads: the read head moves the short way round; a full pipe holds sz bytes.
      const heldBytes = pipe.full ? pipe.sz : pipe.bytes;
      loTarget = unwrapNear(pipe.read, loTarget, pipe.sz);
      last = { pipe, layout };
      ctx.move('pipe.lo', loTarget, (v) => {
        lo = v;
        drawHeld();
      });
      ctx.move('pipe.len', heldBytes, (v) => {
        len = v;
        drawHeld();
      });
      drawHeld();

      // The last readv's iovecs: arrows just outside the ring, numbered at their start.
      const ra = P.r + 0.55 * e;
      const arrows = pipe.lastWriteIovs;
      const groups = iovs.children;
      while (groups.length < arrows.length) {
        const a = make(iovs, 'g', 'sp-iov');
        make(a, 'path', 'sp-iov-arrow');
        make(a, 'circle', 'sp-iov-dot');
        make(a, 'text', 'sp-iov-num');
      }
      while (groups.length > arrows.length) groups[groups.length - 1]!.remove();
      arrows.forEach(([off, l], i) => {
        const a = groups[i]! as SVGGElement;
        setAttr(a, 'transform', `translate(${P.cx},${P.cy})`);
        setAttr(a, 'data-iov', i);
        setTitle(a, `iov[${i}] of the last readv into the pipe: ${n(l)} bytes at offset ${n(off)}`);
        setAttr(a.children[1]!, 'd', arcPath(off, off + l, pipe.sz, ra));
        // The iovec's number at the middle of its arrow (its start may sit on a head).
        const am = angleOf(off + l / 2, pipe.sz);
        const px = Math.sin(am) * ra;
        const py = -Math.cos(am) * ra;
        setAttrs(a.children[2]!, { cx: px, cy: py, r: 0.42 * e });
        setAttrs(a.children[3]!, { x: px, y: py, 'font-size': FONT.code * e });
        setText(a.children[3]!, String(i));
      });

      // In the middle: bytes held; under the ring: the heads and the last readv.
      setAttrs(center[0]!, {
        x: P.cx,
        y: P.cy - 0.05 * e,
        'text-anchor': 'middle',
        'font-size': FONT.label * 1.25 * e,
      });
      setText(center[0]!, `${n(pipe.bytes)} B`);
      setAttrs(center[1]!, {
        x: P.cx,
        y: P.cy + 0.95 * e,
        'text-anchor': 'middle',
        'font-size': FONT.small * e,
      });
      setText(center[1]!, `held of ${n(pipe.sz)}`);
      setAttrs(center[2]!, {
        x: P.cx,
        y: P.cy + 1.85 * e,
        'text-anchor': 'middle',
        'font-size': FONT.small * e,
      });
      setText(center[2]!, pipe.full ? 'full' : '');
      const by = P.cy + P.r + 1.45 * e;
      setAttrs(below[0]!, { x: P.cx, y: by, 'text-anchor': 'middle', 'font-size': FONT.small * e });
      setText(below[0]!, `read ${n(pipe.read)} · write ${n(pipe.write)}`);
      setAttrs(below[1]!, { x: P.cx, y: by + 1.0 * e, 'text-anchor': 'middle', 'font-size': FONT.small * e });
      setText(
        below[1]!,
        arrows.length === 0
          ? 'no readv into it yet'
          : `last readv: ${arrows.length} iovec${arrows.length === 1 ? '' : 's'} · ${n(arrows.reduce((s, x) => s + x[1], 0))} B`,
      );
    },
  };
}
