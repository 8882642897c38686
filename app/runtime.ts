/**
 * The page's parts wired together once: the worker client, the player machine, the store
 * that mirrors it, and the scheduler that drives playing. React reaches it through
 * runtime-context.ts; nothing here renders.
 */
import { createActor } from 'xstate';
import { DEFAULT_PRESET_ID, presetScenario } from '../sim-core/page';
import { playerMachine } from './machines/player';
import type { PlayerClient, PlayerEvent } from './machines/player-types';
import { createScheduler, type Scheduler } from './scheduler';
import { bindPlayer, type PlayerActor } from './store/bind-player';
import { type CalmStore, createCalm } from './store/calm';
import { type AppStore, createAppStore } from './store/store';
import type { Scenario } from './sim-types';
import type { SimClient } from './worker/client';

/** The client's calls the page uses beyond the player's: crash reports, row windows for the event log. */
export interface RuntimeClient extends PlayerClient {
  onCrash(cb: (message: string) => void): () => void;
  terminate(): void;
  rows: SimClient['rows'];
  inspect: SimClient['inspect'];
  filter: SimClient['filter'];
  filterRows: SimClient['filterRows'];
  filterIndex: SimClient['filterIndex'];
}

export interface Runtime {
  store: AppStore;
  /** The store's view and step, updated a few times a second while playing fast (store/calm.ts). */
  calm: CalmStore;
  /** The worker client, for panels that ask the worker themselves (event log, inspector). */
  client: RuntimeClient;
  actor: PlayerActor;
  scheduler: Scheduler;
  send(event: PlayerEvent): void;
  loadPreset(id: string): void;
  /** Loads a whole scenario (edited, imported or from a link), optionally showing `start` first. */
  loadScenario(request: LoadRequest): void;
  dispose(): void;
}

/** A scenario to run and where it comes from (app/views/scenario/identity.ts makes one). */
export interface LoadRequest {
  scenario: Scenario;
  /** Its preset (the base of a share link and of "Reset to preset"). */
  presetId: string;
  edited: boolean;
  /** The step shown once loaded (a link's step). */
  start?: number;
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
  const calm = createCalm(store);
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

  // The store learns what is loading before the player does, so Share and the editor read the
  // same scenario the worker runs. A newer load replaces an older link's message.
  const loadScenario = ({ scenario, presetId, edited, start }: LoadRequest) => {
    store.setState({ scenario, presetId, edited, linkError: null });
    actor.send({
      type: 'LOAD',
      source:
        start === undefined
          ? { id: scenario.id, build: () => scenario }
          : { id: scenario.id, build: () => scenario, start },
    });
  };
  const loadPreset = (id: string) => {
    let scenario: Scenario;
    try {
      scenario = presetScenario(id);
    } catch {
      // An unknown id: the player reports the build's error as a failed load.
      store.setState({ scenario: null, presetId: id, edited: false, linkError: null });
      actor.send({ type: 'LOAD', source: { id, build: () => presetScenario(id) } });
      return;
    }
    loadScenario({ scenario, presetId: id, edited: false });
  };

  return {
    store,
    calm: calm.calm,
    client,
    actor,
    scheduler,
    send: (event) => actor.send(event),
    loadPreset,
    loadScenario,
    dispose() {
      unSched();
      calm.dispose();
      scheduler.dispose();
      unCrash();
      unbind();
      actor.stop();
      client.terminate();
    },
  };
}

export { DEFAULT_PRESET_ID };
