/** The player's context, events and the client calls it makes (a subset of SimClient). */
import type { NamedBreakpoint } from '../store/breakpoints';
import type {
  Granularity,
  LoadProgress,
  LoadResult,
  Markers,
  Scenario,
  SeekBy,
  Summary,
  ViewState,
} from '../sim-types';

/** What the player needs of the worker client; app/worker/client.ts's SimClient has it all. */
export interface PlayerClient {
  load(scenario: Scenario, onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  cancel(): void;
  view(step: number): Promise<ViewState>;
  seek(from: number, dir: 1 | -1, by: SeekBy): Promise<number | null>;
  restart(): void;
}

/**
 * A scenario to load: its id (a preset id, or 'custom') and how to build it (may throw).
 * `start` is the step shown once it is loaded (a shared link's step; 0 when absent), clamped
 * to the steps the run has.
 */
export interface ScenarioSource {
  id: string;
  build: () => Scenario;
  start?: number;
}

export type Dir = 1 | -1;

/**
 * The one view request in flight: go to a known step, or seek by a granularity first (the
 * worker finds the step). `limit` is the next breakpoint while playing: the request stops there.
 */
export type ViewRequest =
  | { kind: 'goto'; step: number; hit: BreakHit | null }
  | { kind: 'seek'; from: number; dir: Dir; by: Granularity; count: number; limit: BreakHit | null };

/** Where the next enabled breakpoint holds, and which one. */
export interface BreakHit {
  step: number;
  label: string;
}

export interface PlayerError {
  /** load: the scenario failed to build or run; crash: the worker died; view: one request failed. */
  kind: 'load' | 'crash' | 'view';
  message: string;
}

export interface PlayerContext {
  client: PlayerClient;
  source: ScenarioSource | null;
  /** Restart the worker before the next load (after a crash). */
  restartWorker: boolean;
  totalSteps: number;
  /** Step of the view shown (-1: none yet). Always view.step when view is set. */
  step: number;
  view: ViewState | null;
  summary: Summary | null;
  markers: Markers | null;
  progress: LoadProgress | null;
  error: PlayerError | null;
  /** A one-line note for the user (stopped at a breakpoint, nothing more to step to, cancelled). */
  notice: string | null;
  request: ViewRequest | null;
  breakpoints: NamedBreakpoint[];
  /** The next breakpoint from the step playing started at: undefined while it is being found. */
  nextBreak: BreakHit | null | undefined;
}

export interface ViewAnswer {
  step: number | null;
  view: ViewState | null;
  hit: BreakHit | null;
  /** Why nothing moved (step null): no such step in that direction. */
  why: string | null;
}

export type PlayerEvent =
  | { type: 'LOAD'; source: ScenarioSource }
  | { type: 'PROGRESS'; progress: LoadProgress }
  | { type: 'LOADED'; result: LoadResult }
  | { type: 'CANCEL' }
  | { type: 'FAILED'; message: string }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  /** The user steps: pauses playing. */
  | { type: 'STEP'; dir: Dir; granularity: Granularity }
  /** The scheduler moves playing on by `count` steps of `granularity`. */
  | { type: 'ADVANCE'; count: number; granularity: Granularity }
  | { type: 'SEEK'; step: number }
  | { type: 'RESET' }
  | { type: 'END' }
  /** Run to the next enabled breakpoint. */
  | { type: 'RUN' }
  | { type: 'BREAKPOINT_HIT'; hit: BreakHit }
  | { type: 'BREAKPOINTS'; list: NamedBreakpoint[] }
  | { type: 'CRASHED'; message: string }
  | { type: 'RELOAD' }
  | { type: 'DISMISS' };
