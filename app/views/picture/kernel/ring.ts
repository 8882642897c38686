/**
 * The igb RX ring (drivers/net/ethernet/intel/igb): every descriptor as a sector of a ring,
 * coloured by its state (unarmed, armed for the NIC, written back with DD set) on the outer
 * rim, and written-back slots filled with the colour of the PDU whose bytes their buffer
 * holds. Pointers: next_to_clean (where igb_clean_rx_irq goes on), next_to_use (where
 * igb_alloc_rx_buffers re-arms next, the tail) and the NIC's head (its next DMA write).
 *
 * One focusable element for the whole ring (a slider over the slots): focusing it selects
 * the slot at next_to_clean, arrows move the selected slot. The hit area maps a click's
 * angle to a slot, so 4096 slots need no 4096 elements.
 */
import { pointer } from 'd3';
import { formatCount } from '../../../format';
import type { RingView } from '../../../sim-types';
import { pduFill, SLOT_FILL, SLOT_STATE_NAMES } from '../shared/palette';
import { child, sel, setAttr, setAttrs, setText, textWidth } from './dom';
import { slotForKey } from './keys';
import type { Box } from './layout';
import { consume, FONT, type PartCtx } from './part';
import {
  angleOf,
  arcPath,
  DONE,
  labelAnchor,
  labelLanes,
  labelPoint,
  pointAt,
  type Run,
  slotAt,
  slotRuns,
  unwrap,
} from './ring-layout';

export interface RingGeometry {
  cx: number;
  cy: number;
  r0: number;
  r1: number;
  count: number;
}

const POINTERS = [
  { key: 'ntc', field: 'ntc', cls: 'k-ptr-ntc' },
  { key: 'ntu', field: 'ntu', cls: 'k-ptr-ntu' },
  { key: 'head', field: 'head', cls: 'k-ptr-head' },
] as const;

/** Thickness of the state rim and of the whole ring, in em. */
const RIM_EM = 0.32;
const RING_EM = 1.25;

export function describeSlot(ring: RingView, i: number): string {
  const state = SLOT_STATE_NAMES[ring.slots[i] ?? 0] ?? 'unknown';
  const frame = ring.frames[i] ?? 0;
  const cid = ring.colors[i] ?? -1;
  const held = frame > 0 ? `, frame ${frame}` : '';
  const pdu = ring.slots[i] === DONE && cid >= 0 ? `, bytes of cid ${cid}` : '';
  const marks = POINTERS.filter((p) => ring[p.field] === i).map((p) => p.key);
  return `slot ${i}: ${state}${held}${pdu}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}`;
}

export function createRing(root: SVGGElement) {
  let last: RingView | null = null;
  let geo: RingGeometry = { cx: 0, cy: 0, r0: 0, r1: 0, count: 1 };
  let lastCtx: PartCtx | null = null;
  /** Unwrapped pointer targets (ring-layout unwrap). */
  const targets: Record<string, number> = {};
  let spokesKey = '';

  const title = child(root, 'text', 'k-title k-ring-title');
  const focus = child(root, 'g', 'k-ring-focus k-focusable');
  setAttrs(focus, { tabindex: 0, role: 'slider', 'aria-valuemin': 0, 'data-part': 'ring' });
  const focusRing = child(focus, 'circle', 'k-focus');
  const hit = child(focus, 'path', 'k-hit');
  const bodies = child(focus, 'g', 'k-bodies');
  const rims = child(focus, 'g', 'k-rims');
  const spokes = child(focus, 'path', 'k-spokes');
  const hoverMark = child(focus, 'path', 'k-slot-hover');
  const selMark = child(focus, 'path', 'k-slot-sel');
  const markers = child(root, 'g', 'k-markers');
  const big = child(root, 'text', 'k-big k-ring-count');
  const unit = child(root, 'text', 'k-small k-ring-unit');
  const unit2 = child(root, 'text', 'k-small k-ring-unit2');

  const selectedSlot = (ctx: PartCtx | null) => (ctx?.selection?.kind === 'slot' ? ctx.selection.id : null);

  const slotFromEvent = (e: MouseEvent): number | null => {
    if (last === null) return null;
    const [x, y] = pointer(e, root);
    const dx = x - geo.cx;
    const dy = y - geo.cy;
    const d = Math.hypot(dx, dy);
    if (d < geo.r0 - 6 || d > geo.r1 + 6) return null;
    return slotAt(dx, dy, last.count);
  };

  focus.addEventListener('click', (e) => {
    const i = slotFromEvent(e);
    if (i !== null) lastCtx?.select({ kind: 'slot', id: i });
  });
  focus.addEventListener('mousemove', (e) => {
    const i = slotFromEvent(e);
    if (lastCtx !== null && lastCtx.hover.slot !== i) {
      lastCtx.hover.slot = i;
      lastCtx.hovered();
    }
  });
  focus.addEventListener('mouseleave', () => {
    if (lastCtx !== null && lastCtx.hover.slot !== null) {
      lastCtx.hover.slot = null;
      lastCtx.hovered();
    }
  });
  focus.addEventListener('focus', () => {
    // Focus lands on the slot the driver cleans next (unless a slot is already selected).
    if (last !== null && lastCtx !== null && selectedSlot(lastCtx) === null)
      lastCtx.select({ kind: 'slot', id: last.ntc });
  });
  focus.addEventListener('keydown', (e) => {
    if (last === null || lastCtx === null || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = slotForKey(e.key, selectedSlot(lastCtx), last.count, last.ntc);
    if (next === null) return;
    consume(e);
    lastCtx.select({ kind: 'slot', id: next });
  });

  function drawRuns(runs: Run[], ring: RingView) {
    const { cx, cy, r0, r1, count } = geo;
    const rimIn = r1 - RIM_EM * lastEm;
    const a = (i: number) => angleOf(i, count);
    sel(bodies)
      .selectAll<SVGPathElement, Run>('path')
      .data(runs)
      .join('path')
      .each(function (r) {
        setAttr(this, 'd', arcPath(cx, cy, r0, rimIn, a(r.start), a(r.start + r.len)));
        setAttr(
          this,
          'fill',
          r.state === DONE ? (r.cid >= 0 ? pduFill(r.cid) : SLOT_FILL[DONE]) : (SLOT_FILL[r.state] ?? ''),
        );
      });
    sel(rims)
      .selectAll<SVGPathElement, Run>('path')
      .data(runs)
      .join('path')
      .each(function (r) {
        setAttr(this, 'd', arcPath(cx, cy, rimIn, r1, a(r.start), a(r.start + r.len)));
        setAttr(this, 'fill', SLOT_FILL[r.state] ?? '');
      });
    // Separators between slots when a slot is wide enough for one to show.
    const key = `${count}:${cx}:${cy}:${r0}:${r1}`;
    if (key !== spokesKey) {
      spokesKey = key;
      const per = (2 * Math.PI * r0) / count;
      let d = '';
      if (per >= 2.2) {
        for (let i = 0; i < count; i++) {
          const [x0, y0] = pointAt(cx, cy, r0, a(i));
          const [x1, y1] = pointAt(cx, cy, r1, a(i));
          d += `M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`;
        }
      }
      setAttr(spokes, 'd', d);
    }
    void ring;
  }

  let lastEm = 16;

  function slotOutline(el: SVGPathElement, i: number | null, pad: number) {
    if (i === null || i < 0 || i >= geo.count) {
      setAttr(el, 'd', '');
      return;
    }
    const { cx, cy, r0, r1, count } = geo;
    // A slot may be a fraction of a pixel wide: the outline is at least a few pixels.
    const minA = 7 / r1;
    const a0 = angleOf(i, count);
    const a1 = angleOf(i + 1, count);
    const mid = (a0 + a1) / 2;
    const half = Math.max((a1 - a0) / 2, minA / 2);
    setAttr(el, 'd', arcPath(cx, cy, r0 - pad, r1 + pad, mid - half, mid + half));
  }

  function draw(ring: RingView, box: Box, ctx: PartCtx, jump: boolean) {
    last = ring;
    lastCtx = ctx;
    const em = ctx.em;
    lastEm = em;
    const titleH = 1.5 * em;
    const room = 1.9 * em; // pointer labels around the ring
    const r1 = Math.max(3 * em, Math.min(box.w / 2 - room, (box.h - titleH) / 2 - room * 0.8));
    const r0 = r1 - RING_EM * em;
    geo = { cx: box.x + box.w / 2, cy: box.y + titleH + (box.h - titleH) / 2, r0, r1, count: ring.count };
    const { cx, cy } = geo;

    setAttrs(title, { x: box.x, y: box.y + FONT.title * em });
    setText(title, 'igb RX ring');

    setAttr(hit, 'd', arcPath(cx, cy, r0 - 6, r1 + 6, 0, Math.PI * 2));
    setAttrs(focusRing, { cx, cy, r: r1 + 8 });
    drawRuns(slotRuns(ring.slots, ring.colors), ring);
    slotOutline(selMark, selectedSlot(ctx), 0.25 * em);
    slotOutline(hoverMark, ctx.hover.slot, 0.12 * em);

    const sel0 = selectedSlot(ctx);
    const now = sel0 ?? ring.ntc;
    setAttrs(focus, {
      'aria-label': `igb RX ring: ${formatCount(ring.count)} descriptors. Arrow keys select a slot.`,
      'aria-valuemax': ring.count - 1,
      'aria-valuenow': now,
      'aria-valuetext': describeSlot(ring, now),
      'data-selected': sel0 === null ? null : sel0,
    });

    setAttrs(big, { x: cx, y: cy - 0.05 * em });
    setText(big, formatCount(ring.count));
    setAttrs(unit, { x: cx, y: cy + 1.0 * em });
    setText(unit, 'descriptors');
    setAttrs(unit2, { x: cx, y: cy + 1.85 * em });
    setText(unit2, `× ${formatCount(ring.bufSize)} B`);

    // Pointers: lanes from their target angles, positions animated along the ring.
    const labelPx = FONT.label * em;
    const lanes = labelLanes(
      POINTERS.map((p) => ({
        key: p.key,
        angle: angleOf(ring[p.field] + 0.5, ring.count),
        width: textWidth(`${p.key} ${ring[p.field]}`, labelPx) + 4,
      })),
      r1 + 0.5 * em,
      labelPx * 1.15,
      labelPx,
    );
    for (const p of POINTERS) {
      const g = child(markers, 'g', `k-ptr ${p.cls}`);
      setAttr(g, 'data-marker', p.key);
      const line = child(g, 'polyline', 'k-ptr-line');
      const dot = child(g, 'circle', 'k-ptr-dot');
      const label = child(g, 'text', 'k-label k-ptr-label');
      const value = ring[p.field];
      setText(label, `${p.key} ${value}`);
      const prev = targets[p.key];
      const target = prev === undefined || jump ? value : unwrap(prev, value, ring.count);
      targets[p.key] = target;
      const place = lanes[p.key] ?? { lane: 0, shift: 0, anchor: 'middle' as const };
      const rl = r1 + 0.5 * em;
      const step = labelPx * 1.15;
      ctx.move(`ring:${p.key}`, target, (v) => {
        const a = angleOf(v + 0.5, ring.count);
        const [x0, y0] = pointAt(cx, cy, r0 - 0.15 * em, a);
        const [x1, y1] = pointAt(cx, cy, r1 + 0.2 * em, a);
        const [dx, dy] = labelPoint(a, rl, step, labelPx, place);
        const lx = cx + dx;
        const ly = cy + dy;
        // The line runs through the ring, then bends to its label (fanned out when crowded).
        line.setAttribute(
          'points',
          `${x0.toFixed(1)},${y0.toFixed(1)} ${x1.toFixed(1)},${y1.toFixed(1)} ${lx.toFixed(1)},${ly.toFixed(1)}`,
        );
        dot.setAttribute('cx', x0.toFixed(1));
        dot.setAttribute('cy', y0.toFixed(1));
        dot.setAttribute('r', String(Math.max(2.5, 0.16 * em)));
        const c = Math.cos(a);
        const anchor = labelAnchor(a) === 'middle' ? place.anchor : labelAnchor(a);
        const pad = anchor === 'start' ? 0.25 * em : anchor === 'end' ? -0.25 * em : 0;
        label.setAttribute('x', (lx + pad).toFixed(1));
        label.setAttribute('y', ly.toFixed(1));
        label.setAttribute('text-anchor', anchor);
        label.setAttribute('dominant-baseline', c > 0.25 ? 'alphabetic' : c < -0.25 ? 'hanging' : 'central');
      });
    }
  }

  return {
    draw,
    geometry: (): RingGeometry => geo,
  };
}
