/**
 * The player's controls: Reset, Step back, Play/Pause, Step forward (exact accessible names:
 * the icons are hidden from assistive technology), "Step by" and "Speed", and the keys.
 * Clicking a button does not move the focus to it, so Space keeps meaning play/pause.
 */
import type { MouseEvent } from 'react';
import { useApp, useRuntime } from '../../runtime-context';
import type { Granularity } from '../../sim-types';
import { SPEEDS, speedLabel } from '../../store/speeds';
import { GRANULARITIES, granularityLabel } from './granularities';
import { BackIcon, ForwardIcon, PauseIcon, PlayIcon, ResetIcon } from './icons';
import { COARSER } from './shortcuts';
import { useShortcuts } from './use-shortcuts';

const keepFocus = (e: MouseEvent) => e.preventDefault();

export function Controls() {
  useShortcuts();
  const { send, store } = useRuntime();
  const phase = useApp((s) => s.phase);
  const granularity = useApp((s) => s.granularity);
  const speed = useApp((s) => s.speed);
  const ready = phase === 'paused' || phase === 'playing' || phase === 'running';
  const moving = phase === 'playing' || phase === 'running';
  const step = (dir: 1 | -1) => send({ type: 'STEP', dir, granularity: store.getState().granularity });

  return (
    <div className="controls">
      <div className="buttons">
        <button
          type="button"
          disabled={!ready}
          onMouseDown={keepFocus}
          onClick={() => send({ type: 'RESET' })}
          aria-keyshortcuts="Home"
          title="Reset to the first step (Home)"
        >
          <ResetIcon />
          Reset
        </button>
        <button
          type="button"
          disabled={!ready}
          onMouseDown={keepFocus}
          onClick={() => step(-1)}
          aria-keyshortcuts="ArrowLeft"
          title="Step back (Left arrow)"
        >
          <BackIcon />
          Step back
        </button>
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onMouseDown={keepFocus}
          onClick={() => send({ type: moving ? 'PAUSE' : 'PLAY' })}
          aria-keyshortcuts="Space"
          title={moving ? 'Pause (Space)' : 'Play (Space)'}
        >
          {moving ? <PauseIcon /> : <PlayIcon />}
          {moving ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          disabled={!ready}
          onMouseDown={keepFocus}
          onClick={() => step(1)}
          aria-keyshortcuts="ArrowRight"
          title="Step forward (Right arrow)"
        >
          Step forward
          <ForwardIcon />
        </button>
      </div>
      <label className="field">
        <span>Step by</span>
        <select
          value={granularity}
          onChange={(e) => store.getState().setGranularity(e.target.value as Granularity)}
        >
          {GRANULARITIES.map((g) => (
            <option key={g.value} value={g.value} title={g.hint}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Speed</span>
        <select value={speed} onChange={(e) => store.getState().setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <p className="keys">
        <kbd>Space</kbd> play/pause · <kbd>←</kbd> <kbd>→</kbd> step · <kbd>Shift</kbd>+<kbd>←</kbd>{' '}
        <kbd>→</kbd> by {granularityLabel(COARSER[granularity])} · <kbd>Home</kbd> reset
      </p>
    </div>
  );
}
