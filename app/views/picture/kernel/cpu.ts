/**
 * CPU contexts: a grid of contexts (rows: the igb hard IRQ, the NET_RX softirq, ksoftirqd,
 * the SPDK reactor) by cores (columns), with the one running now lit. Cells where a context
 * cannot run (the IRQ goes to one core, the reactor is pinned to one) are left empty. The
 * softirq cell shows how much of netdev_budget net_rx_action has used; the line below says
 * the __do_softirq restarts. Each core is a button (for the inspector).
 */
import type { CpuView } from '../../../sim-types';
import { budgetUsed, CONTEXTS, cpuRows, MAX_SOFTIRQ_RESTART } from './cpu-model';
import { child, setAttr, setAttrs, setText, textWidth } from './dom';
import type { Box } from './layout';
import { consume, FONT, isSelected, type PartCtx } from './part';

export function createCpu(root: SVGGElement) {
  const title = child(root, 'text', 'k-title k-cpu-title');
  const heads = child(root, 'g', 'k-cpu-heads');
  const cols = child(root, 'g', 'k-cpu-cols');
  const foot = child(root, 'text', 'k-label k-cpu-foot');
  let lastCtx: PartCtx | null = null;

  function draw(cpu: CpuView, box: Box, ctx: PartCtx) {
    lastCtx = ctx;
    const em = ctx.em;
    setAttrs(title, { x: box.x, y: box.y + FONT.title * em });
    setText(title, 'CPU contexts');
    const labelW = 7.6 * em;
    const gap = 0.35 * em;
    const rows = cpuRows(cpu);
    const colW = (box.w - labelW - gap * rows.length) / Math.max(1, rows.length);
    const top = box.y + 1.5 * em;
    const headH = 1.5 * em;
    const rowH = 2.05 * em;
    const rowY = (i: number) => top + headH + i * (rowH + gap);
    CONTEXTS.forEach((c, i) => {
      const g = child(heads, 'g', `k-cpu-head k-cpu-head-${c.ctx}`);
      const t = child(g, 'text', 'k-label k-cpu-ctx');
      const fn = child(g, 'text', 'k-small k-mono k-cpu-fn');
      setAttrs(t, { x: box.x, y: rowY(i) + 0.85 * em });
      setText(t, c.title);
      setAttrs(fn, { x: box.x, y: rowY(i) + 1.75 * em });
      setText(fn, c.fn);
    });
    const { used, share } = budgetUsed(cpu);
    rows.forEach((row, r) => {
      const g = child(cols, 'g', `k-core k-core-${row.id}`);
      if (!g.hasAttribute('tabindex')) {
        setAttrs(g, { tabindex: 0, role: 'button', 'data-part': 'cpu' });
        g.classList.add('k-focusable');
        const id = row.id;
        g.addEventListener('click', () => lastCtx?.select({ kind: 'cpu', id }));
        g.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            consume(e);
            lastCtx?.select({ kind: 'cpu', id });
          }
        });
      }
      const x = box.x + labelW + gap + r * (colW + gap);
      const selected = isSelected(ctx, 'cpu', row.id);
      setAttrs(g, { 'aria-label': row.label, 'aria-pressed': selected ? 'true' : 'false' });
      const frame = child(g, 'rect', 'k-focus k-core-frame');
      const bottom = rowY(CONTEXTS.length) - gap;
      setAttrs(frame, {
        x: x - 0.2 * em,
        y: top - 0.1 * em,
        width: colW + 0.4 * em,
        height: bottom - top + 0.3 * em,
        rx: 0.3 * em,
      });
      const name = child(g, 'text', 'k-label k-core-name');
      setAttrs(name, { x: x + colW / 2, y: top + 0.75 * em });
      setText(name, `CPU ${row.id}`);
      row.cells.forEach((cell, i) => {
        const cg = child(g, 'g', `k-cell k-cell-${cell.ctx}`);
        setAttrs(cg, {
          'data-here': cell.here ? 'true' : 'false',
          'data-running': cell.running ? 'true' : 'false',
        });
        const y = rowY(i);
        const rect = child(cg, 'rect', 'k-cell-box');
        setAttrs(rect, { x, y, width: colW, height: rowH, rx: 0.25 * em });
        const budget = cell.ctx === 'softirq' && cell.here;
        const st = child(cg, 'text', 'k-label k-cell-state');
        setAttrs(st, { x: x + 0.35 * em, y: y + (budget ? 0.75 * em : rowH / 2) });
        setText(st, cell.here ? cell.state : '');
        // The softirq cell of the IRQ core: netdev_budget used, as a bar.
        const track = child(cg, 'rect', 'k-budget-track');
        const bar = child(cg, 'rect', 'k-budget-bar');
        const btxt = child(cg, 'text', 'k-small k-budget-text');
        const vis = budget ? 'visible' : 'hidden';
        setAttr(track, 'visibility', vis);
        setAttr(bar, 'visibility', vis);
        setAttr(btxt, 'visibility', vis);
        if (budget) {
          const bw = colW - 0.7 * em;
          const by = y + rowH - 0.75 * em;
          setAttrs(track, { x: x + 0.35 * em, y: by, width: bw, height: 0.45 * em });
          setAttrs(bar, { x: x + 0.35 * em, y: by, height: 0.45 * em });
          ctx.move(`cpu:budget:${row.id}`, share * bw, (v) => bar.setAttribute('width', v.toFixed(1)));
          setAttrs(btxt, { x: x + colW - 0.35 * em, y: y + 0.8 * em, 'text-anchor': 'end' });
          // Narrow cells keep the numbers and drop the word.
          const long = `budget ${used}/${cpu.budget}`;
          const roomy = colW > textWidth(`runs ${long}`, FONT.label * em) + 1.2 * em;
          setText(btxt, roomy ? long : `${used}/${cpu.budget}`);
        }
      });
    });
    const fy = rowY(CONTEXTS.length) + 0.75 * em;
    setAttrs(foot, { x: box.x, y: fy });
    setText(
      foot,
      `netdev_budget used ${used} / ${cpu.budget} · __do_softirq restarts ${cpu.restarts} / ${MAX_SOFTIRQ_RESTART}`,
    );
  }

  return { draw };
}
