/**
 * The marker strip under the timeline: one lane per marker kind present, a tick per pixel
 * column holding a marker, and the playhead. Clicking near a tick goes to that marker;
 * clicking or dragging elsewhere goes to that point. The playhead follows the step through a
 * store subscription (no React render per step). The range input is the keyboard way.
 */
import { type PointerEvent, useCallback, useEffect, useRef } from 'react';
import { useRuntime } from '../../runtime-context';
import type { Markers } from '../../sim-types';
import { binSteps, type MarkerKind, nearestMarker, xToStep } from './markers';

export const LANE_PX = 22;
/** A click this close (CSS px) to a tick takes its marker. */
const SNAP_PX = 6;

function draw(
  canvas: HTMLCanvasElement,
  markers: Markers | null,
  kinds: readonly MarkerKind[],
  total: number,
) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const g = canvas.getContext('2d');
  if (g === null) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const css = getComputedStyle(canvas);
  g.fillStyle = css.getPropertyValue('--lane-bg').trim() || '#eee';
  kinds.forEach((_, lane) => {
    g.fillRect(0, lane * LANE_PX + 1, w, LANE_PX - 2);
  });
  if (markers === null) return;
  kinds.forEach((kind, lane) => {
    g.fillStyle = css.getPropertyValue(`--mark-${kind}`).trim() || '#333';
    const cols = binSteps(markers[kind], total, w);
    for (let x = 0; x < cols.length; x++) if (cols[x]) g.fillRect(x - 1, lane * LANE_PX + 3, 2, LANE_PX - 6);
  });
}

export function MarkerStrip({
  markers,
  kinds,
  total,
}: {
  markers: Markers | null;
  kinds: readonly MarkerKind[];
  total: number;
}) {
  const { store, send } = useRuntime();
  const canvas = useRef<HTMLCanvasElement>(null);
  const head = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const c = canvas.current;
    if (c === null) return;
    const redraw = () => draw(c, markers, kinds, total);
    redraw();
    const ro = new ResizeObserver(redraw);
    ro.observe(c);
    // Colours come from CSS: redraw when the colour scheme changes.
    const mq = matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', redraw);
    return () => {
      ro.disconnect();
      mq.removeEventListener('change', redraw);
    };
  }, [markers, kinds, total]);

  useEffect(() => {
    const place = (step: number, n: number) => {
      const el = head.current;
      if (el === null) return;
      el.style.left = `${n <= 1 ? 0 : (Math.max(0, step) / (n - 1)) * 100}%`;
      el.hidden = step < 0;
    };
    const s0 = store.getState();
    place(s0.step, s0.totalSteps);
    return store.subscribe((s, prev) => {
      if (s.step !== prev.step || s.totalSteps !== prev.totalSteps) place(s.step, s.totalSteps);
    });
  }, [store]);

  const seekAt = useCallback(
    (e: PointerEvent<HTMLCanvasElement>, snap: boolean) => {
      const c = canvas.current;
      const s = store.getState();
      if (c === null || s.totalSteps <= 0 || s.phase === 'loading') return;
      const rect = c.getBoundingClientRect();
      let step = xToStep(e.clientX - rect.left, s.totalSteps, rect.width);
      if (snap && s.markers !== null) {
        const kind = kinds[Math.floor((e.clientY - rect.top) / LANE_PX)];
        const perPx = rect.width > 0 ? s.totalSteps / rect.width : 0;
        const near = kind === undefined ? null : nearestMarker(s.markers, [kind], step, SNAP_PX * perPx);
        if (near !== null) step = near;
      }
      send({ type: 'SEEK', step });
    },
    [store, send, kinds],
  );

  return (
    <div className="strip" style={{ height: Math.max(1, kinds.length) * LANE_PX }}>
      <canvas
        ref={canvas}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          seekAt(e, true);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) seekAt(e, false);
        }}
      />
      <div ref={head} className="playhead" aria-hidden="true" />
    </div>
  );
}
