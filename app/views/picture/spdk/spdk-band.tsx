/**
 * The SPDK band of the picture (UX.md "The picture"): the copy out of the socket (tcp_recvmsg
 * into the recv pipe, or straight into the caller's iovecs) → the recv pipe (struct spdk_pipe) →
 * the PDU in progress → the tcp_req slots, with the copy ledger. Drawn with d3 into one SVG from
 * the ViewState of the step shown; React owns only the frame (the figure, its text for screen
 * readers, the width). Movement is interpolated on the scheduler's frames (shared/motion.ts).
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useApp, useRuntime } from '../../../runtime-context';
import type { ViewState } from '../../../sim-types';
import { createMotion } from '../shared/motion';
import { useBandSize } from '../shared/use-band-size';
import { spdkLayout } from './layout';
import { createPainter, type Painter } from './painter';
import { spdkSummary } from './summary';

/** Steps apart beyond which a new view is shown at once rather than animated (a far seek). */
const FAR_STEPS = 2000;

export function SpdkBand({ view }: { view: ViewState }) {
  const { store, scheduler } = useRuntime();
  const selection = useApp((s) => s.selection);
  const figRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const painter = useRef<Painter | null>(null);
  const shown = useRef<{ step: number; total: number } | null>(null);
  const size = useBandSize(figRef);

  // The painter and its motion live as long as the SVG (made in a layout effect, before the first
  // draw; React's development double mount disposes and makes both again together).
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const motion = createMotion((cb) => scheduler.onFrame(cb));
    painter.current = createPainter(svg, motion, (s) => store.getState().select(s));
    shown.current = null;
    return () => {
      motion.dispose();
      painter.current = null;
      svg.replaceChildren();
    };
  }, [store, scheduler]);

  const nReqs = view.reqs.length;
  const layout = useMemo(
    () => (size.width > 0 ? spdkLayout(size.width, size.em, nReqs) : null),
    [size, nReqs],
  );

  useLayoutEffect(() => {
    if (layout === null || painter.current === null) return;
    const prev = shown.current;
    const jump =
      prev === null || prev.total !== view.totalSteps || Math.abs(prev.step - view.step) > FAR_STEPS;
    painter.current.draw(view, layout, selection, jump);
    shown.current = { step: view.step, total: view.totalSteps };
  }, [view, layout, selection]);

  return (
    <figure ref={figRef} className="band band-spdk" aria-label="SPDK receive path">
      <figcaption className="band-caption">
        <span className="band-name">SPDK v24.09</span> tcp_recvmsg copy → recv pipe → PDU → tcp_req
      </figcaption>
      <svg ref={svgRef} className="spdk-svg" />
      <p className="visually-hidden">{spdkSummary(view)}</p>
    </figure>
  );
}
