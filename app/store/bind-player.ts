/**
 * Keeps the store in step with the player: its snapshot is copied into the store (phase, step,
 * view, progress, error...), and enabled breakpoints go to the player when they change.
 */
import type { Actor } from 'xstate';
import type { playerMachine } from '../machines/player';
import type { PlayerContext } from '../machines/player-types';
import { enabledBreakpoints } from './breakpoints';
import type { AppState, AppStore, Phase } from './store';

export type PlayerActor = Actor<typeof playerMachine>;

interface SnapshotLike {
  matches(value: unknown): boolean;
  context: PlayerContext;
}

export function phaseOf(snap: SnapshotLike): Phase {
  if (snap.matches('loading')) return 'loading';
  if (snap.matches('error')) return 'error';
  if (snap.matches('idle')) return 'idle';
  if (snap.matches({ ready: { mode: 'playing' } })) return 'playing';
  if (snap.matches({ ready: { mode: 'running' } })) return 'running';
  return 'paused';
}

/** The store's part of a player snapshot. */
export function fromSnapshot(snap: SnapshotLike): Partial<AppState> {
  const c = snap.context;
  return {
    phase: phaseOf(snap),
    scenarioId: c.source?.id ?? '',
    totalSteps: c.totalSteps,
    step: c.step,
    view: c.view,
    summary: c.summary,
    markers: c.markers,
    progress: c.progress,
    error: c.error,
    notice: c.notice,
    busy: c.request !== null,
  };
}

/** Starts mirroring; returns a function that stops it. */
export function bindPlayer(actor: PlayerActor, store: AppStore): () => void {
  const apply = () => {
    const next = fromSnapshot(actor.getSnapshot());
    const cur = store.getState();
    // Only what changed, so selectors of unchanged fields do not re-render.
    const diff: Partial<AppState> = {};
    let any = false;
    for (const k of Object.keys(next) as (keyof AppState)[]) {
      if (next[k] !== cur[k]) {
        (diff as Record<string, unknown>)[k] = next[k];
        any = true;
      }
    }
    if (any) store.setState(diff);
  };
  apply();
  const sub = actor.subscribe(apply);
  let last = store.getState().breakpoints;
  actor.send({ type: 'BREAKPOINTS', list: enabledBreakpoints(last) });
  const unsub = store.subscribe((s) => {
    if (s.breakpoints === last) return;
    last = s.breakpoints;
    actor.send({ type: 'BREAKPOINTS', list: enabledBreakpoints(last) });
  });
  return () => {
    sub.unsubscribe();
    unsub();
  };
}
