/**
 * GRO (net/core/gro.c): whether it is on, the skbs napi_gro_receive holds in its gro_hash
 * buckets (each a bar of its bytes coloured by PDU, with how many segments it merged), and
 * the rx_list batch gro_normal_one fills up to gro_normal_batch before handing it on.
 */
import { formatBytes, formatCount } from '../../../format';
import type { GroView } from '../../../sim-types';
import { child, setAttr, setAttrs, setText } from './dom';
import type { Box } from './layout';
import { consume, FONT, isSelected, type PartCtx } from './part';
import { drawSkb } from './skb-shape';

/** Held skbs drawn; more are counted. */
const MAX_CHIPS = 4;
/** GRO merges up to 64 KiB (GRO_LEGACY_MAX_SIZE): the bar's full width. */
const GRO_MAX = 65_536;

export function createGro(root: SVGGElement) {
  const frame = child(root, 'rect', 'k-part-frame');
  const title = child(root, 'text', 'k-title k-gro-title');
  const fn = child(root, 'text', 'k-small k-mono k-gro-fn');
  const badge = child(root, 'g', 'k-badge k-gro-badge');
  const badgeBox = child(badge, 'rect', 'k-badge-box');
  const badgeText = child(badge, 'text', 'k-label k-badge-text');
  const heldLabel = child(root, 'text', 'k-label k-gro-held');
  const chips = child(root, 'g', 'k-gro-chips');
  const more = child(root, 'text', 'k-small k-gro-more');
  const hint1 = child(root, 'text', 'k-small k-gro-hint1');
  const hint2 = child(root, 'text', 'k-small k-gro-hint2');
  const rxLabel = child(root, 'text', 'k-label k-gro-rx');
  const rxFn = child(root, 'text', 'k-small k-mono k-gro-batch');
  const rxCells = child(root, 'g', 'k-gro-cells');
  let lastCtx: PartCtx | null = null;

  function draw(gro: GroView, box: Box, ctx: PartCtx) {
    lastCtx = ctx;
    const em = ctx.em;
    setAttr(root, 'data-enabled', gro.enabled ? 'true' : 'false');
    setAttrs(frame, { x: box.x, y: box.y, width: box.w, height: box.h, rx: 0.4 * em });
    const pad = 0.5 * em;
    const x = box.x + pad;
    const w = box.w - 2 * pad;
    let y = box.y + pad + FONT.title * em;
    setAttrs(title, { x, y });
    setText(title, 'GRO');
    const bw = 2.6 * em;
    const bh = FONT.label * em * 1.4;
    setAttrs(badgeBox, { x: x + w - bw, y: y - bh + 0.25 * em, width: bw, height: bh, rx: bh / 2 });
    setAttrs(badgeText, { x: x + w - bw / 2, y: y - bh / 2 + 0.25 * em });
    setText(badgeText, gro.enabled ? 'on' : 'off');
    setAttr(badge, 'data-on', gro.enabled ? 'true' : 'false');
    y += 1.0 * em;
    setAttrs(fn, { x, y });
    setText(fn, 'napi_gro_receive');
    y += 1.3 * em;
    setAttrs(heldLabel, { x, y });
    setText(heldLabel, `held: ${formatCount(gro.held.length)} skb${gro.held.length === 1 ? '' : 's'}`);
    y += 0.4 * em;

    const shown = gro.held.slice(0, MAX_CHIPS);
    const chipH = 1.0 * em;
    const sel = chips;
    const els = new Map<string, SVGGElement>();
    for (const el of Array.from(sel.children) as SVGGElement[]) els.set(el.dataset.id ?? '', el);
    const keep = new Set<string>();
    shown.forEach((s, i) => {
      const key = String(s.id);
      keep.add(key);
      let g = els.get(key);
      if (g === undefined) {
        g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        g.dataset.id = key;
        setAttrs(g, { class: 'k-skb k-focusable', tabindex: 0, role: 'button', 'data-part': 'skb' });
        const id = s.id;
        g.addEventListener('click', () => lastCtx?.select({ kind: 'skb', id }));
        g.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            consume(e);
            lastCtx?.select({ kind: 'skb', id });
          }
        });
        g.addEventListener('mouseenter', () => {
          if (lastCtx !== null) {
            lastCtx.hover.skb = id;
            lastCtx.hovered();
          }
        });
        g.addEventListener('mouseleave', () => {
          if (lastCtx !== null && lastCtx.hover.skb === id) {
            lastCtx.hover.skb = null;
            lastCtx.hovered();
          }
        });
        sel.appendChild(g);
      }
      const cy = y + i * (chipH + 0.55 * em) + 0.2 * em;
      const cw = Math.max(1.2 * em, Math.min(1, s.len / GRO_MAX) * (w - 3 * em));
      drawSkb(g, s, x, cy, cw, chipH);
      const label = child(g, 'text', 'k-small k-skb-label');
      setAttrs(label, { x: x + cw + 0.3 * em, y: cy + chipH / 2 });
      setText(label, `${s.segs} seg${s.segs === 1 ? '' : 's'}`);
      const selected = isSelected(ctx, 'skb', s.id);
      setAttrs(g, {
        'aria-label': `skb held by GRO: ${s.segs} segments, ${formatBytes(s.len)}`,
        'aria-pressed': selected ? 'true' : 'false',
      });
    });
    for (const [k, el] of els) if (!keep.has(k)) el.remove();
    const extra = gro.held.length - shown.length;
    setAttrs(more, { x, y: y + MAX_CHIPS * (chipH + 0.55 * em) + 0.6 * em });
    setText(more, extra > 0 ? `+${formatCount(extra)} more` : '');
    // Empty: say what GRO would hold.
    const idle = gro.held.length === 0;
    setAttrs(hint1, { x, y: y + 1.2 * em });
    setText(hint1, idle ? (gro.enabled ? 'merges back-to-back' : 'napi_gro_receive hands') : '');
    setAttrs(hint2, { x, y: y + 2.1 * em });
    setText(hint2, idle ? (gro.enabled ? 'segments of one flow' : 'each skb straight on') : '');

    // rx_list: a row of gro_normal_batch cells, rxListCount of them filled.
    const ry = box.y + box.h - pad - 2.2 * em;
    setAttrs(rxLabel, { x, y: ry - 0.45 * em });
    setText(rxLabel, `rx_list ${gro.rxListCount} of ${gro.batch}`);
    setAttrs(rxFn, { x, y: ry + 1.9 * em });
    setText(rxFn, 'gro_normal_batch');
    const n = Math.max(1, Math.min(gro.batch, 64));
    const cw = Math.min(1.2 * em, (w - (n - 1) * 2) / n);
    const cells = Array.from(rxCells.children) as SVGRectElement[];
    for (let i = 0; i < n; i++) {
      let r = cells[i];
      if (r === undefined) {
        r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rxCells.appendChild(r);
      }
      setAttrs(r, {
        x: (x + i * (cw + 2)).toFixed(1),
        y: ry,
        width: cw.toFixed(1),
        height: 0.9 * em,
        class: i < gro.rxListCount ? 'k-rx-cell k-rx-full' : 'k-rx-cell',
      });
    }
    for (let i = n; i < cells.length; i++) cells[i]?.remove();
  }

  return { draw };
}
