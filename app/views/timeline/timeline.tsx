/**
 * The timeline: a range input labelled "Timeline" over every step (dragging it seeks; the
 * player keeps only the latest request), the marker strip with a labelled lane per kind
 * present, and buttons to jump to the previous or next notable marker (IRQ, drop, TermReq,
 * error).
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatCount, stepNumber } from '../../format';
import { useApp, useRuntime } from '../../runtime-context';
import { BackIcon, ForwardIcon } from '../controls/icons';
import { JUMP_KINDS, MARKER_KINDS, nextMarker } from './markers';
import { LANE_PX, MarkerStrip } from './marker-strip';

export function Timeline() {
  const { store, send } = useRuntime();
  const total = useApp((s) => s.totalSteps);
  const markers = useApp((s) => s.markers);
  const ready = useApp((s) => s.phase === 'paused' || s.phase === 'playing' || s.phase === 'running');
  const range = useRef<HTMLInputElement>(null);
  const lanes = useMemo(
    () => (markers === null ? [] : MARKER_KINDS.filter(({ kind }) => markers[kind].length > 0)),
    [markers],
  );
  const kinds = useMemo(() => lanes.map((l) => l.kind), [lanes]);

  // The step changes many times a second while playing: the input follows through a ref.
  useEffect(() => {
    const put = (step: number, n: number) => {
      const el = range.current;
      // Not while the thumb is held: the drag leads, the player follows.
      if (el === null || el.matches(':active')) return;
      el.value = String(Math.max(0, step));
      el.setAttribute('aria-valuetext', step < 0 ? 'no step' : `Step ${stepNumber(step)} of ${n}`);
    };
    const s0 = store.getState();
    put(s0.step, s0.totalSteps);
    return store.subscribe((s, prev) => {
      if (s.step !== prev.step || s.totalSteps !== prev.totalSteps) put(s.step, s.totalSteps);
    });
  }, [store]);

  const jump = (dir: 1 | -1) => {
    const s = store.getState();
    if (s.markers === null) return;
    const to = nextMarker(s.markers, JUMP_KINDS, s.step, dir);
    if (to !== null) send({ type: 'SEEK', step: to });
  };

  return (
    <section className="timeline" aria-label="Timeline and markers">
      <div className="jumps">
        <button
          type="button"
          className="small"
          disabled={!ready}
          onClick={() => jump(-1)}
          aria-label="Previous marker"
          title="Previous IRQ, drop, TermReq or error"
        >
          <BackIcon /> Marker
        </button>
        <button
          type="button"
          className="small"
          disabled={!ready}
          onClick={() => jump(1)}
          aria-label="Next marker"
          title="Next IRQ, drop, TermReq or error"
        >
          Marker <ForwardIcon />
        </button>
      </div>
      <input
        ref={range}
        type="range"
        aria-label="Timeline"
        min={0}
        max={Math.max(0, total - 1)}
        step={1}
        defaultValue={0}
        disabled={!ready}
        onInput={(e) => send({ type: 'SEEK', step: Number(e.currentTarget.value) })}
      />
      <ul className="lanes" aria-label="Markers">
        {lanes.map(({ kind, label }) => (
          <li key={kind} className={`key key-${kind}`} style={{ height: LANE_PX }}>
            <span className="swatch" aria-hidden="true" />
            {label} {formatCount(markers?.[kind].length ?? 0)}
          </li>
        ))}
      </ul>
      <MarkerStrip markers={markers} kinds={kinds} total={total} />
    </section>
  );
}
