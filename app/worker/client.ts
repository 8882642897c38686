/**
 * The page's handle on the simulation worker: promise-based calls over the message protocol.
 * The page never simulates: it loads a scenario once, then asks for views at steps, windows of
 * rows and seeks. If the worker dies, every pending call fails with a SimError of kind 'crashed',
 * `onCrash` listeners hear why, and `restart()` gives a fresh worker (load the scenario again).
 */
import type { Scenario, Summary } from '../../sim-core';
import type { RowView, ViewState } from '../../sim-core/view/types';
import type { InspectSelection, InspectView } from '../../sim-core/view/inspect-types';
import type { Breakpoint, FromWorker, Granularity, Markers, RowsWindow, ToWorker } from './protocol';
import type { FilterQuery, MatchWindow } from './protocol';

export type SimErrorKind = 'cancelled' | 'crashed' | 'failed' | 'terminated';

/** Why a call failed: cancelled (by cancel() or a newer load), the worker crashed or was terminated, or the worker answered with an error. */
export class SimError extends Error {
  constructor(
    readonly kind: SimErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export interface LoadResult {
  totalSteps: number;
  summary: Summary;
  markers: Markers;
}

export interface LoadProgress {
  events: number;
  simTimeNs: number;
  /** Writes answered / writes to issue, null when not countable. */
  fraction: number | null;
}

export interface RowsResult {
  rows: RowsWindow;
  /** RowView of the first rows of the window (at most 200). */
  described: RowView[];
}

export type SeekBy = Granularity | { breakpoint: Breakpoint };

/** A filter run in the worker: `filter` names it in filterRows/filterIndex; `count` of `total` rows match. */
export interface FilterResult {
  filter: number;
  count: number;
  total: number;
}

export interface FilterRowsResult {
  rows: MatchWindow;
  /** RowView of the first matches of the window (at most 200). */
  described: RowView[];
}

export interface SimClient {
  /** Run a scenario in the worker; settles when the trace is ready. A newer load cancels this one. */
  load(scenario: Scenario, onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  /** Cancel the load in progress (its promise rejects with kind 'cancelled'). */
  cancel(): void;
  view(step: number): Promise<ViewState>;
  /** Rows [from, to) (at most 2^20 per call). */
  rows(from: number, to: number): Promise<RowsResult>;
  /** Next (dir 1) or previous (dir -1) step of a kind, or where a breakpoint holds; null if none. */
  seek(from: number, dir: 1 | -1, by: SeekBy): Promise<number | null>;
  /** The inspector's view of `selection` (null: the PDU in progress) right after row `step`. */
  inspect(step: number, selection: InspectSelection | null): Promise<InspectView>;
  /** Match the whole trace against an event log query (kept in the worker; a newer filter replaces it). */
  filter(query: FilterQuery): Promise<FilterResult>;
  /** Matches [from, to) of a filter (at most 2^16 per call). */
  filterRows(filter: number, from: number, to: number): Promise<FilterRowsResult>;
  /** Index of the filter's last match at or before `step`, -1 if none. */
  filterIndex(filter: number, step: number): Promise<number>;
  /** Called when the worker dies (an 'error' or 'messageerror' event). Returns an unsubscribe function. */
  onCrash(cb: (message: string) => void): () => void;
  /** A fresh worker (after a crash, or to drop everything); pending calls reject with 'terminated'. */
  restart(): void;
  terminate(): void;
  /** False after a crash or terminate(), until restart(). */
  readonly alive: boolean;
}

/** What the client needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(msg: ToWorker): void;
  terminate(): void;
}

export function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

interface Pending {
  resolve: (v: never) => void;
  reject: (e: SimError) => void;
  onProgress?: ((p: LoadProgress) => void) | undefined;
}

type Body = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export function createSimClient(makeWorker: () => WorkerLike = defaultWorker): SimClient {
  let nextId = 1;
  let worker: WorkerLike | null = null;
  let loadId = -1;
  const pending = new Map<number, Pending>();
  const crashListeners = new Set<(message: string) => void>();

  function failAll(kind: SimErrorKind, why: string): void {
    const all = [...pending.values()];
    pending.clear();
    loadId = -1;
    for (const p of all) p.reject(new SimError(kind, why));
  }

  function crashed(why: string): void {
    if (worker === null) return;
    worker.terminate();
    worker = null;
    failAll('crashed', why);
    for (const cb of crashListeners) cb(why);
  }

  function onMessage(msg: FromWorker): void {
    const p = pending.get(msg.id);
    if (p === undefined) return;
    if (msg.type === 'progress') {
      p.onProgress?.({ events: msg.events, simTimeNs: msg.simTimeNs, fraction: msg.fraction });
      return;
    }
    pending.delete(msg.id);
    if (msg.id === loadId) loadId = -1;
    const settle = p.resolve as (v: unknown) => void;
    switch (msg.type) {
      case 'loaded':
        settle({ totalSteps: msg.totalSteps, summary: msg.summary, markers: msg.markers });
        break;
      case 'cancelled':
        p.reject(new SimError('cancelled', 'the scenario was cancelled'));
        break;
      case 'view':
        settle(msg.view);
        break;
      case 'rows':
        settle({ rows: msg.rows, described: msg.described });
        break;
      case 'seek':
        settle(msg.step);
        break;
      case 'inspect':
        settle(msg.inspect);
        break;
      case 'filter':
        settle({ filter: msg.filter, count: msg.count, total: msg.total });
        break;
      case 'filterRows':
        settle({ rows: msg.rows, described: msg.described });
        break;
      case 'filterIndex':
        settle(msg.index);
        break;
      case 'error':
        p.reject(new SimError('failed', msg.message));
        break;
    }
  }

  function start(): void {
    const w = makeWorker();
    w.onmessage = (e) => onMessage(e.data);
    w.onerror = (e) => {
      // A module that fails to load gives a plain Event: no message.
      const text = typeof e.message === 'string' ? e.message : '';
      crashed(text ? `the simulation worker stopped: ${text}` : 'the simulation worker stopped');
    };
    w.onmessageerror = () => crashed('the simulation worker sent a message that could not be read');
    worker = w;
  }

  function call<T>(body: Body, onProgress?: (p: LoadProgress) => void): Promise<T> {
    if (worker === null)
      return Promise.reject(new SimError('crashed', 'the simulation worker is not running'));
    const id = nextId++;
    const w = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject, onProgress });
      if (body.type === 'load') loadId = id;
      w.postMessage({ ...body, id } as ToWorker);
    });
  }

  start();
  return {
    load: (scenario, onProgress) => call<LoadResult>({ type: 'load', scenario }, onProgress),
    cancel() {
      if (worker !== null && loadId >= 0) worker.postMessage({ type: 'cancel', id: nextId++ });
    },
    view: (step) => call<ViewState>({ type: 'view', step }),
    rows: (from, to) => call<RowsResult>({ type: 'rows', from, to }),
    seek: (from, dir, by) => call<number | null>({ type: 'seek', from, dir, by }),
    inspect: (step, selection) => call<InspectView>({ type: 'inspect', step, selection }),
    filter: (query) => call<FilterResult>({ type: 'filter', query }),
    filterRows: (filter, from, to) => call<FilterRowsResult>({ type: 'filterRows', filter, from, to }),
    filterIndex: (filter, step) => call<number>({ type: 'filterIndex', filter, step }),
    onCrash(cb) {
      crashListeners.add(cb);
      return () => crashListeners.delete(cb);
    },
    restart() {
      worker?.terminate();
      worker = null;
      failAll('terminated', 'the simulation worker was restarted');
      start();
    },
    terminate() {
      worker?.terminate();
      worker = null;
      failAll('terminated', 'the simulation worker was terminated');
    },
    get alive() {
      return worker !== null;
    },
  };
}
