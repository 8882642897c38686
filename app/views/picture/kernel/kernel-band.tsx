/**
 * The kernel band of the picture (UX.md "The picture"): wire → igb RX ring → CPU contexts →
 * GRO → TCP queues, drawn with d3 into one SVG from the ViewState of the step shown. React
 * only owns the frame (the figure, its summary for screen readers, the width); every step's
 * drawing goes straight to the SVG (painter.ts), interpolated on the scheduler's frames.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useApp, useRuntime } from '../../../runtime-context';
import type { ViewState } from '../../../sim-types';
import { createMotion } from '../shared/motion';
import { useBandSize } from '../shared/use-band-size';
import { bandLayout } from './layout';
import { createPainter, type Painter } from './painter';
import { kernelSummary } from './summary';

export function KernelBand({ view }: { view: ViewState }) {
  const { store, scheduler } = useRuntime();
  const selection = useApp((s) => s.selection);
  const figRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const painter = useRef<Painter | null>(null);
  const size = useBandSize(figRef);

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
