/**
 * The page's parts wired together once: the worker client, the player machine, the store
 * that mirrors it, and the scheduler that drives playing. React reaches it through
 * runtime-context.ts; nothing here renders.
 */
import { createActor } from 'xstate';
import { DEFAULT_PRESET_ID, presetScenario } from '../sim-core';
import { playerMachine } from './machines/player';
import type { PlayerClient, PlayerEvent } from './machines/player-types';
import { createScheduler, type Scheduler } from './scheduler';
import { bindPlayer, type PlayerActor } from './store/bind-player';
import { type AppStore, createAppStore } from './store/store';
import type { SimClient } from './worker/client';

/** The client's calls the page uses beyond the player's: crash reports, row windows for the event log. */
export interface RuntimeClient extends PlayerClient {
  onCrash(cb: (message: string) => void): () => void;
  terminate(): void;
  rows: SimClient['rows'];
}

export interface Runtime {
  store: AppStore;
  /** The worker client, for panels that ask the worker themselves (event log, inspector). */
  client: RuntimeClient;
  actor: PlayerActor;
  scheduler: Scheduler;
  send(event: PlayerEvent): void;
  loadPreset(id: string): void;
  dispose(): void;
}

export interface RuntimeOptions {
  requestFrame?: (cb: (now: number) => void) => number;
  cancelFrame?: (id: number) => void;
  reducedMotion?: () => boolean;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function createRuntime(client: RuntimeClient, opts: RuntimeOptions = {}): Runtime {
  const store = createAppStore();
  const actor = createActor(playerMachine, { input: { client } });
  actor.start();
  const unbind = bindPlayer(actor, store);
  const unCrash = client.onCrash((message) => actor.send({ type: 'CRASHED', message }));

  const scheduler = createScheduler({
    requestFrame: opts.requestFrame ?? ((cb) => requestAnimationFrame(cb)),
    cancelFrame: opts.cancelFrame ?? ((id) => cancelAnimationFrame(id)),
    playing: () => store.getState().phase === 'playing',
    canAdvance: () => actor.getSnapshot().matches({ ready: { mode: { playing: 'going' }, view: 'idle' } }),
    speed: () => store.getState().speed,
    advance: (count) => actor.send({ type: 'ADVANCE', count, granularity: store.getState().granularity }),
    reducedMotion: opts.reducedMotion ?? prefersReducedMotion,
  });
  const unSched = store.subscribe((s, prev) => {
    if (s.phase !== prev.phase) scheduler.sync();
    if (s.view !== prev.view && s.view !== null && prev.view !== null) scheduler.transition();
  });

  const loadPreset = (id: string) =>
    actor.send({ type: 'LOAD', source: { id, build: () => presetScenario(id) } });

  return {
    store,
    client,
    actor,
    scheduler,
    send: (event) => actor.send(event),
    loadPreset,
    dispose() {
      unSched();
      scheduler.dispose();
      unCrash();
      unbind();
      actor.stop();
      client.terminate();
    },
  };
}

export { DEFAULT_PRESET_ID };
