/**
 * The wire, kept modest: the link arriving at the NIC and, when the step is a frame event,
 * the frame itself: arriving on the wire, written by DMA into a descriptor (an arrow to the
 * slot), or dropped because no armed descriptor was left (rx_missed_errors).
 */
import { formatCount } from '../../../format';
import type { RowView } from '../../../sim-types';
import { child, setAttr, setAttrs, setText } from './dom';
import type { Box } from './layout';
import { FONT, type PartCtx } from './part';
import { angleOf, pointAt } from './ring-layout';
import type { RingGeometry } from './ring';

/** The rows the wire draws (sim-core/nic/codes.ts, host/codes.ts 'frame on the wire'). */
const C_IGB_DMA = 201;
const C_IGB_RX_MISSED = 202;
const C_IGB_RX_OVERSIZE = 203;

export interface FrameOnWire {
  kind: 'arrive' | 'dma' | 'drop' | 'fault';
  frame: number;
  bytes: number;
  /** Descriptor written (dma), else -1. */
  slot: number;
  text: string;
}

/** What the wire shows for a row, or null when the row is not about a frame. */
export function frameOf(row: RowView | null): FrameOnWire | null {
  if (row === null) return null;
  if (row.code === C_IGB_DMA)
    return { kind: 'dma', frame: row.b, bytes: row.a, slot: row.obj, text: `DMA → slot ${row.obj}` };
  if (row.code === C_IGB_RX_MISSED || row.code === C_IGB_RX_OVERSIZE)
    return { kind: 'drop', frame: row.obj, bytes: row.a, slot: -1, text: `dropped: ${row.fn}` };
  if (row.layer === 'wire' && row.fn === 'frame on the wire')
    return { kind: 'arrive', frame: row.obj, bytes: row.a, slot: -1, text: 'arrives' };
  if (row.layer === 'wire' && row.fn.startsWith('fault'))
    return { kind: 'fault', frame: row.obj, bytes: 0, slot: -1, text: row.fn };
  return null;
}

export function createWire(root: SVGGElement) {
  const title = child(root, 'text', 'k-title k-wire-title');
  const link = child(root, 'line', 'k-link');
  const head = child(root, 'path', 'k-link-head');
  const chip = child(root, 'g', 'k-frame');
  const chipBox = child(chip, 'rect', 'k-frame-box');
  const chipId = child(chip, 'text', 'k-label k-frame-id');
  const chipBytes = child(chip, 'text', 'k-small k-frame-bytes');
  const chipWhat = child(chip, 'text', 'k-small k-frame-what');
  const dma = child(root, 'path', 'k-dma');

  function draw(row: RowView | null, box: Box, ring: RingGeometry, ctx: PartCtx) {
    const em = ctx.em;
    setAttrs(title, { x: box.x, y: box.y + FONT.title * em });
    setText(title, 'wire');
    // The link runs under the title into the ring's side; a frame rides on it.
    const y = box.y + 3.2 * em;
    const x1 = box.x + box.w + 0.3 * em;
    setAttrs(link, { x1: box.x, y1: y, x2: x1 - 0.5 * em, y2: y });
    setAttr(head, 'd', `M${x1 - 0.7 * em},${y - 0.35 * em}L${x1},${y}L${x1 - 0.7 * em},${y + 0.35 * em}Z`);

    const f = frameOf(row);
    setAttr(chip, 'data-kind', f?.kind ?? 'none');
    if (f === null) {
      setAttr(chip, 'visibility', 'hidden');
      setAttr(dma, 'd', '');
      return;
    }
    setAttr(chip, 'visibility', 'visible');
    const w = box.w - 0.2 * em;
    const h = 3.3 * em;
    const cy = y - h / 2;
    setAttrs(chipBox, { x: box.x, y: cy, width: w, height: h, rx: 0.3 * em });
    setAttrs(chipId, { x: box.x + 0.35 * em, y: cy + 1.0 * em });
    setText(chipId, f.frame > 0 ? `frame ${f.frame}` : 'frame');
    setAttrs(chipBytes, { x: box.x + 0.35 * em, y: cy + 1.95 * em });
    setText(chipBytes, f.bytes > 0 ? `${formatCount(f.bytes)} B` : '');
    setAttrs(chipWhat, { x: box.x + 0.35 * em, y: cy + 2.85 * em });
    setText(
      chipWhat,
      f.kind === 'dma'
        ? 'DMA, no CPU'
        : f.kind === 'drop'
          ? 'dropped'
          : f.kind === 'fault'
            ? 'fault'
            : 'arrives',
    );
    if (f.kind === 'dma' && f.slot >= 0 && f.slot < ring.count) {
      // The frame's bytes go straight into the descriptor's buffer.
      const a = angleOf(f.slot + 0.5, ring.count);
      const [tx, ty] = pointAt(ring.cx, ring.cy, (ring.r0 + ring.r1) / 2, a);
      const sx = box.x + w;
      const sy = cy + h / 2;
      const mx = (sx + tx) / 2;
      setAttr(
        dma,
        'd',
        `M${sx.toFixed(1)},${sy.toFixed(1)}Q${mx.toFixed(1)},${Math.min(sy, ty).toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
      );
    } else setAttr(dma, 'd', '');
  }

  return { draw };
}
