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
import type { Granularity, LoadProgress, Markers, Scenario, Summary, ViewState } from '../sim-types';
import { type BreakpointEntry, sameBreakpoint } from './breakpoints';
import type { Breakpoint } from '../sim-types';
import { DEFAULT_SPEED } from './speeds';

export type Phase = 'idle' | 'loading' | 'paused' | 'playing' | 'running' | 'error';

/**
 * What the inspector shows: an object of the picture by kind and id.
 * - slot: an igb RX descriptor, id = ring index
 * - skb: an skb (GRO held, backlog, receive or out-of-order queue), id = SkbView.id
 * - queue: a TCP queue as a whole, id = QUEUE_IDS index (0 backlog, 1 sk_receive_queue, 2 out_of_order_queue)
 * - cpu: a core, id = core id
 * - pipe: the SPDK recv pipe, id = 0
 * - pdu: the PDU being received, id = PduView.id
 * - req: a tcp_req, id = ReqView.idx
 */
export type SelectionKind = 'slot' | 'skb' | 'queue' | 'cpu' | 'pipe' | 'pdu' | 'req';
export interface Selection {
  kind: SelectionKind;
  id: number;
}
export const SELECTION_KINDS: readonly SelectionKind[] = [
  'slot',
  'skb',
  'queue',
  'cpu',
  'pipe',
  'pdu',
  'req',
];

/** The lower panel's tabs (the "view" a share link carries). */
export type Tab = 'inspector' | 'log' | 'breakpoints' | 'editor' | 'numbers';
export const TABS: readonly Tab[] = ['inspector', 'log', 'breakpoints', 'editor', 'numbers'];

export interface AppState {
  phase: Phase;
  /** The scenario loaded or loading (a preset id, or 'custom'). */
  scenarioId: string;
  /** The whole scenario loaded or loading (what Share encodes and the editor starts from). */
  scenario: Scenario | null;
  /** The preset it comes from (or is closest to): the base of a share link and "Reset to preset". */
  presetId: string;
  /** The scenario differs from its preset (edited in the editor, imported, or from a link). */
  edited: boolean;
  /** Why the link in the address bar could not be opened (shown as an alert), or null. */
  linkError: string | null;
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
  /** The lower panel's tab shown. */
  tab: Tab;
}

export interface AppActions {
  setSpeed(speed: number): void;
  setGranularity(g: Granularity): void;
  /** Adds a breakpoint (enabled); one already there is enabled instead. */
  addBreakpoint(bp: Breakpoint): void;
  removeBreakpoint(id: number): void;
  toggleBreakpoint(id: number, enabled: boolean): void;
  select(selection: Selection | null): void;
  setTab(tab: Tab): void;
  setLinkError(message: string | null): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export const INITIAL_STATE: AppState = {
  phase: 'idle',
  scenarioId: '',
  scenario: null,
  presetId: '',
  edited: false,
  linkError: null,
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
  tab: 'inspector',
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
    setTab: (tab) => set({ tab }),
    setLinkError: (linkError) => set({ linkError }),
  }));
}
