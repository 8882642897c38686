/**
 * Draws the whole kernel band into one SVG: builds each part's group once, then on every view
 * (every frame while playing) lets each part update only what changed. Numbers that move
 * (pointers, bars, segments) go through a Motion bound to the scheduler's frames; a new
 * scenario jumps instead of animating.
 */
import type { ViewState } from '../../../sim-types';
import type { Selection } from '../../../store/store';
import type { Motion } from '../shared/motion';
import { createCpu } from './cpu';
import { child, setAttrs } from './dom';
import { createGro } from './gro';
import type { BandLayout } from './layout';
import type { PartCtx } from './part';
import { createRing } from './ring';
import { createRingFacts } from './ring-facts';
import { createTcp } from './tcp-queues';
import { createWire } from './wire';

export interface Painter {
  draw(view: ViewState, layout: BandLayout, selection: Selection | null): void;
}

export function createPainter(
  svg: SVGSVGElement,
  motion: Motion,
  select: (s: Selection | null) => void,
): Painter {
  const defs = child(svg, 'defs', 'k-defs');
  if (defs.childElementCount === 0) {
    // Stripes for the skbs a long queue leaves out of the view.
    defs.innerHTML =
      '<pattern id="kernel-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="k-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="k-hatch-line"/></pattern>';
  }
  const wireG = child(svg, 'g', 'k-part k-wire');
  const ringG = child(svg, 'g', 'k-part k-ring');
  const factsG = child(svg, 'g', 'k-part k-facts');
  const cpuG = child(svg, 'g', 'k-part k-cpu');
  const groG = child(svg, 'g', 'k-part k-gro');
  const tcpG = child(svg, 'g', 'k-part k-tcp');
  const ring = createRing(ringG);
  const facts = createRingFacts(factsG);
  const wire = createWire(wireG);
  const cpu = createCpu(cpuG);
  const gro = createGro(groG);
  const tcp = createTcp(tcpG);

  let jump = true;
  let identity = '';
  let last: { view: ViewState; layout: BandLayout; selection: Selection | null } | null = null;
  const hover = { slot: null as number | null, skb: null as number | null };

  const ctxFor = (em: number, selection: Selection | null): PartCtx => ({
    em,
    selection,
    select,
    move: (key, target, apply) => (jump ? motion.jump(key, target, apply) : motion.to(key, target, apply)),
    hover,
    hovered: () => {
      if (last !== null) paint(last.view, last.layout, last.selection, false);
    },
  });

  function paint(view: ViewState, layout: BandLayout, selection: Selection | null, sweep: boolean) {
    const ctx = ctxFor(layout.em, selection);
    const b = layout.boxes;
    setAttrs(svg, {
      width: layout.width,
      height: Math.ceil(layout.height),
      viewBox: `0 0 ${layout.width} ${Math.ceil(layout.height)}`,
    });
    ring.draw(view.ring, b.ring, ctx, jump);
    wire.draw(view.row, b.wire, ring.geometry(), ctx);
    facts.draw(view, b.facts, ctx);
    cpu.draw(view.cpu, b.cpu, ctx);
    gro.draw(view.gro, b.gro, ctx);
    tcp.draw(view, b.tcp, ctx);
    if (sweep) motion.sweep();
  }

  return {
    draw(view, layout, selection) {
      // A new scenario (or a new ring size, a new width) is not a movement: set, do not animate.
      const id = `${view.totalSteps}:${view.ring.count}:${layout.width}:${layout.em}`;
      jump = id !== identity;
      identity = id;
      last = { view, layout, selection };
      paint(view, layout, selection, true);
      jump = false;
    },
  };
}
