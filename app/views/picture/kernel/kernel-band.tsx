/**
 * The kernel band of the picture (UX.md "The picture"): wire → igb RX ring → CPU contexts →
 * GRO → TCP queues, drawn with d3 into one SVG from the ViewState of the step shown. React
 * only owns the frame (the figure, its summary for screen readers, the width); every step's
 * drawing goes straight to the SVG (painter.ts), interpolated on the scheduler's frames.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp, useRuntime } from '../../../runtime-context';
import type { ViewState } from '../../../sim-types';
import { createMotion } from '../shared/motion';
import { bandLayout } from './layout';
import { createPainter, type Painter } from './painter';
import { kernelSummary } from './summary';

/** Root font size in px (the band's type follows the page's). */
function rootEm(): number {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

export function KernelBand({ view }: { view: ViewState }) {
  const { store, scheduler } = useRuntime();
  const selection = useApp((s) => s.selection);
  const figRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const painter = useRef<Painter | null>(null);
  const [size, setSize] = useState<{ width: number; em: number }>({ width: 0, em: 16 });

  // Width (and the root font, which follows the window's width) from the figure's box.
  useLayoutEffect(() => {
    const fig = figRef.current;
    if (fig === null) return;
    const measure = () => {
      const cs = getComputedStyle(fig);
      const pad = Number.parseFloat(cs.paddingLeft) + Number.parseFloat(cs.paddingRight);
      const width = Math.floor(fig.clientWidth - (Number.isFinite(pad) ? pad : 0));
      const em = rootEm();
      setSize((s) => (s.width === width && s.em === em ? s : { width, em }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(fig);
    return () => ro.disconnect();
  }, []);

  // The painter and its motion live as long as the SVG (created in the effect, so React's
  // development double mount disposes and recreates both together).
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const motion = createMotion((cb) => scheduler.onFrame(cb));
    painter.current = createPainter(svg, motion, (s) => store.getState().select(s));
    return () => {
      motion.dispose();
      painter.current = null;
      svg.replaceChildren();
    };
  }, [store, scheduler]);

  const layout = useMemo(() => (size.width > 0 ? bandLayout(size.width, size.em) : null), [size]);

  useLayoutEffect(() => {
    if (layout !== null) painter.current?.draw(view, layout, selection);
  }, [view, layout, selection]);

  return (
    <figure ref={figRef} className="band band-kernel" aria-label="Linux receive path">
      <figcaption className="band-caption">
        <span className="band-name">Linux 6.5</span> wire → igb RX ring → CPU → GRO → TCP
      </figcaption>
      <svg ref={svgRef} className="kernel-svg" />
      <p className="visually-hidden">{kernelSummary(view)}</p>
    </figure>
  );
}
