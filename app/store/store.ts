/**
 * The page's store (zustand): what the panels read. The player machine owns the modes and
 * the view; `bindPlayer` (bind-player.ts) copies its snapshot here. The rest is the user's
 * settings: speed, granularity, breakpoints and the selection (the inspector's, next slice).
 *
 * Frequent updates (the step while playing) are read with `store.subscribe` into refs where a
 * React render per step would cost (the timeline's playhead), as zustand's own docs advise.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PlayerError } from '../machines/player-types';
import type { Granularity, LoadProgress, Markers, Summary, ViewState } from '../sim-types';
import { type BreakpointEntry, sameBreakpoint } from './breakpoints';
import type { Breakpoint } from '../sim-types';
import { DEFAULT_SPEED } from './speeds';

export type Phase = 'idle' | 'loading' | 'paused' | 'playing' | 'running' | 'error';

/** What the inspector shows (next slice): an object of the view by kind and id. */
export interface Selection {
  kind: 'slot' | 'skb' | 'pipe' | 'pdu' | 'req';
  id: number;
}

export interface AppState {
  phase: Phase;
  /** The scenario loaded or loading (a preset id). */
  scenarioId: string;
  totalSteps: number;
  /** Step of the view shown (-1: none). */
  step: number;
  view: ViewState | null;
  summary: Summary | null;
  markers: Markers | null;
  progress: LoadProgress | null;
  error: PlayerError | null;
  notice: string | null;
  /** A view request is on its way. */
  busy: boolean;
  /** Steps per second while playing. */
  speed: number;
  granularity: Granularity;
  breakpoints: BreakpointEntry[];
  selection: Selection | null;
}

export interface AppActions {
  setSpeed(speed: number): void;
  setGranularity(g: Granularity): void;
  /** Adds a breakpoint (enabled); one already there is enabled instead. */
  addBreakpoint(bp: Breakpoint): void;
  removeBreakpoint(id: number): void;
  toggleBreakpoint(id: number, enabled: boolean): void;
  select(selection: Selection | null): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export const INITIAL_STATE: AppState = {
  phase: 'idle',
  scenarioId: '',
  totalSteps: 0,
  step: -1,
  view: null,
  summary: null,
  markers: null,
  progress: null,
  error: null,
  notice: null,
  busy: false,
  speed: DEFAULT_SPEED,
  granularity: 'event',
  breakpoints: [],
  selection: null,
};

export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  let nextId = 1;
  return createStore<AppState & AppActions>()((set) => ({
    ...INITIAL_STATE,
    ...initial,
    setSpeed: (speed) => set({ speed }),
    setGranularity: (granularity) => set({ granularity }),
    addBreakpoint: (bp) =>
      set((s) => {
        const old = s.breakpoints.find((e) => sameBreakpoint(e.bp, bp));
        if (old !== undefined) {
          return { breakpoints: s.breakpoints.map((e) => (e === old ? { ...e, enabled: true } : e)) };
        }
        return { breakpoints: [...s.breakpoints, { id: nextId++, bp, enabled: true }] };
      }),
    removeBreakpoint: (id) => set((s) => ({ breakpoints: s.breakpoints.filter((e) => e.id !== id) })),
    toggleBreakpoint: (id, enabled) =>
      set((s) => ({ breakpoints: s.breakpoints.map((e) => (e.id === id ? { ...e, enabled } : e)) })),
    select: (selection) => set({ selection }),
  }));
}
