/**
 * Beside the ring: its legend with the counts (armed, written back, unarmed and
 * igb_desc_unused), what the three pointers are, the interrupt and NAPI flags, the NIC's
 * drop counters (rx_missed_errors: no armed descriptor for a frame) and the slot the
 * pointer is over or that is selected.
 */
import { formatCount } from '../../../format';
import type { ViewState } from '../../../sim-types';
import { pduFill, SLOT_FILL } from '../shared/palette';
import { child, setAttr, setAttrs, setText, textWidth } from './dom';
import type { Box } from './layout';
import { FONT, type PartCtx } from './part';
import { describeSlot } from './ring';
import { counterName, dropsOf } from './summary';

interface Line {
  /** Swatch fills (several: the PDU colours of written-back slots). */
  swatch?: string[];
  text: string;
  value?: string;
  cls?: string;
}

export function createRingFacts(root: SVGGElement) {
  const lines = child(root, 'g', 'k-fact-lines');
  const badges = child(root, 'g', 'k-badges');

  function draw(view: ViewState, box: Box, ctx: PartCtx) {
    const r = view.ring;
    const em = ctx.em;
    const unarmed = r.count - r.armed - r.done;
    const cids: string[] = [];
    for (let i = 0; i < r.count && cids.length < 3; i++) {
      if (r.slots[i] === 2 && (r.colors[i] ?? -1) >= 0) {
        const f = pduFill(r.colors[i] ?? -1);
        if (!cids.includes(f)) cids.push(f);
      }
    }
    const rows: Line[] = [
      { swatch: [SLOT_FILL[1]], text: 'armed (NIC owns)', value: formatCount(r.armed) },
      {
        swatch: cids.length > 0 ? cids : [SLOT_FILL[2]],
        text: 'written back (DD)',
        value: formatCount(r.done),
      },
      { swatch: [SLOT_FILL[0]], text: 'unarmed', value: formatCount(unarmed) },
      { text: 'igb_desc_unused', value: formatCount(r.unused), cls: 'k-mono' },
      { text: '' },
      { text: 'ntc', value: 'next_to_clean', cls: 'k-ptr-ntc k-key' },
      { text: '', value: 'igb_clean_rx_irq', cls: 'k-fn' },
      { text: 'ntu', value: 'next_to_use', cls: 'k-ptr-ntu k-key' },
      { text: '', value: 'igb_alloc_rx_buffers', cls: 'k-fn' },
      { text: 'head', value: "NIC's next write", cls: 'k-ptr-head k-key' },
    ];
    for (const [k, v] of dropsOf(view, 'nic.'))
      rows.push({ text: counterName(k), value: formatCount(v), cls: 'k-drop' });
    const shown = ctx.hover.slot ?? (ctx.selection?.kind === 'slot' ? ctx.selection.id : null);

    const lh = FONT.label * em * 1.3;
    const sw = 0.9 * em;
    const x0 = box.x;
    let y = box.y + FONT.title * em;
    const els = Array.from(lines.children) as SVGGElement[];
    rows.forEach((row, i) => {
      let g = els[i];
      if (g === undefined) {
        g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        lines.appendChild(g);
      }
      setAttr(g, 'class', `k-fact ${row.cls ?? ''}`);
      setAttr(g, 'transform', `translate(${x0},${y.toFixed(1)})`);
      const swatches = child(g, 'g', 'k-swatches');
      const ss = Array.from(swatches.children) as SVGRectElement[];
      const fills = row.swatch ?? [];
      fills.forEach((fill, j) => {
        let rect = ss[j];
        if (rect === undefined) {
          rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
          swatches.appendChild(rect);
        }
        const w = sw / fills.length;
        setAttrs(rect, { x: j * w, y: -0.75 * em, width: w, height: 0.8 * em, fill });
      });
      for (let j = fills.length; j < ss.length; j++) ss[j]?.remove();
      const label = child(g, 'text', 'k-label k-fact-text');
      const value = child(g, 'text', 'k-label k-fact-value');
      const tx = fills.length > 0 ? sw + 0.4 * em : 0;
      setAttrs(label, { x: tx, y: 0 });
      setText(label, row.text);
      const key = row.cls?.includes('k-key') ?? false;
      const fn = row.cls?.includes('k-fn') ?? false;
      // Pointer rows: the short name, then its meaning; function rows indent under it.
      const vx = key || fn ? 2.6 * em : box.w;
      setAttrs(value, { x: vx, y: 0, 'text-anchor': key || fn ? 'start' : 'end' });
      setText(value, row.value ?? '');
      y += row.text === '' && row.value === undefined ? lh * 0.4 : lh;
    });
    for (let j = rows.length; j < els.length; j++) els[j]?.remove();

    // Flags: two badges, lit when set.
    y += lh * 0.25;
    const flags: [string, boolean][] = [
      ['IRQ masked', r.irqMasked],
      ['NAPI scheduled', r.napiScheduled],
    ];
    let bx = x0;
    const bh = FONT.label * em * 1.5;
    for (const [name, on] of flags) {
      const g = child(badges, 'g', `k-badge k-badge-${name.split(' ')[0]!.toLowerCase()}`);
      setAttr(g, 'data-on', on ? 'true' : 'false');
      const rect = child(g, 'rect', 'k-badge-box');
      const text = child(g, 'text', 'k-label k-badge-text');
      const w = textWidth(name, FONT.label * em) + 0.8 * em;
      if (bx > x0 && bx + w > x0 + box.w) {
        bx = x0;
        y += bh + 0.3 * em;
      }
      setAttrs(rect, { x: bx, y, width: w, height: bh, rx: bh / 2 });
      setAttrs(text, { x: bx + w / 2, y: y + bh / 2 });
      setText(text, name);
      bx += w + 0.4 * em;
    }
    y += bh + 0.9 * em;
    const readout = child(root, 'text', 'k-label k-readout');
    setAttrs(readout, { x: x0, y });
    setText(readout, shown === null ? '' : describeSlot(r, shown));
  }

  return { draw };
}
