/**
 * The worker's logic as a plain module (testable in Node): it runs a scenario in slices so
 * messages are answered meanwhile (progress, cancel), keeps the trace and keyframes, and
 * answers views, row windows and seeks. It never throws out of `handle`: failures become
 * `{ type: 'error' }` answers.
 */
// Specific modules, not sim-core's index: the index re-exports the scenario library, whose zod
// schemas would ride along in the worker bundle (the page validates scenarios before sending them).
import type { Scenario } from '../../sim-core/scenario/types';
import { createSim } from '../../sim-core/setup';
import { summarize } from '../../sim-core/summary/summary';
import type { KeyframeStore } from '../../sim-core/trace/keyframes';
import { RecordingSession } from '../../sim-core/trace/restore';
import { type CursorOptions, ViewCursor } from '../../sim-core/view/cursor';
import { describeRow } from '../../sim-core/view/row';
import { type Columns, columnsOf, markers, seek } from '../../sim-core/view/scan';
import { compileFilter, indexAtOrBefore, matchSteps } from './filter';
import type { FromWorker, RowsWindow, ToWorker } from './protocol';

/** trace/keyframes.ts KeyframeOptions (not re-exported by sim-core's entry). */
export type KeyframeOptions = NonNullable<ConstructorParameters<typeof KeyframeStore>[0]>;

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface EngineOptions {
  /** Rows recorded between two looks at the message queue (default 50,000). */
  sliceRows?: number;
  /** Keyframe spacing (default: timed so one restore takes about 12 ms, see trace/keyframes.ts). */
  keyframes?: KeyframeOptions;
  cursor?: CursorOptions;
  /** How a slice gives the event loop a turn (default: a zero-delay timer). */
  yieldToLoop?: () => Promise<void>;
}

/** Most rows one `rows` answer carries (22 bytes each); the first DESCRIBED_ROWS are described. */
export const MAX_WINDOW_ROWS = 1 << 20;
export const DESCRIBED_ROWS = 200;
/** Most matches one `filterRows` answer carries. */
export const MAX_FILTER_WINDOW = 1 << 16;

export interface Loaded {
  totalSteps: number;
  cols: Columns;
  cursor: ViewCursor;
}

export interface WorkerEngine {
  /** Answer one message; the promise settles when it is fully handled (a load: done or cancelled). */
  handle(msg: ToWorker): Promise<void>;
  /** The loaded run (for tests and measurements), or null. */
  readonly loaded: Loaded | null;
}

interface Job {
  id: number;
  cancelled: boolean;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function progressFraction(s: Scenario, answered: number): number | null {
  const writes = s.workload.writes;
  if (s.workload.rawStreamHex !== null || writes <= 0) return null;
  return Math.min(1, answered / writes);
}

export function createWorkerEngine(post: Post, opts: EngineOptions = {}): WorkerEngine {
  const sliceRows = opts.sliceRows ?? 50_000;
  const yieldToLoop = opts.yieldToLoop ?? defaultYield;
  const kfOpts: KeyframeOptions = opts.keyframes ?? { clock: () => performance.now() };
  let job: Job | null = null;
  let loaded: Loaded | null = null;
  // The event log's one filter: the id of its request and the matching steps (filter.ts).
  let filtered: { id: number; steps: Uint32Array } | null = null;

  function cancel(): void {
    if (job === null) return;
    job.cancelled = true;
    post({ type: 'cancelled', id: job.id });
    job = null;
  }

  async function load(id: number, scenario: Scenario): Promise<void> {
    cancel();
    loaded = null; // the old trace goes now: two long traces need not fit at once
    filtered = null;
    const me: Job = { id, cancelled: false };
    job = me;
    try {
      const sim = createSim(scenario, null);
      const session = new RecordingSession(sim, { keyframes: kfOpts });
      while (!session.advance(sliceRows)) {
        const n = sim.w.host.nvme;
        const fraction = progressFraction(scenario, n.completed + n.failed.length);
        post({ type: 'progress', id, events: sim.w.step, simTimeNs: sim.w.now, fraction });
        await yieldToLoop();
        if (me.cancelled) return;
      }
      const { trace, keyframes } = session.recording;
      const summary = summarize(sim.w, trace.traceHash);
      const cols = columnsOf(trace);
      const m = markers(cols);
      loaded = {
        totalSteps: trace.length,
        cols,
        cursor: new ViewCursor(trace, keyframes, cols, opts.cursor),
      };
      job = null;
      const transfer = [m.irq.buffer, m.drop.buffer, m.termreq.buffer, m.error.buffer, m.state.buffer];
      post({ type: 'loaded', id, totalSteps: trace.length, summary, markers: m }, transfer);
    } catch (e) {
      if (me.cancelled) return;
      job = null;
      post({ type: 'error', id, message: `the scenario failed: ${message(e)}` });
    }
  }

  function need(): Loaded {
    if (loaded !== null) return loaded;
    throw new Error(job === null ? 'no scenario is loaded' : 'the scenario is still loading');
  }

  function rows(id: number, from: number, to: number): void {
    const l = need();
    const lo = Math.max(0, Math.min(Math.floor(from), l.totalSteps));
    const hi = Math.max(lo, Math.min(Math.floor(to), l.totalSteps, lo + MAX_WINDOW_ROWS));
    const w = l.cursor.trace.rowsWindow(lo, hi);
    const r: RowsWindow = {
      from: w.from,
      length: w.length,
      t: w.t,
      code: w.code,
      obj: w.obj,
      a: w.a,
      b: w.b,
    };
    const described = [];
    for (let i = 0; i < Math.min(r.length, DESCRIBED_ROWS); i++) {
      described.push(
        describeRow(r.from + i, { t: r.t[i]!, code: r.code[i]!, obj: r.obj[i]!, a: r.a[i]!, b: r.b[i]! }),
      );
    }
    post({ type: 'rows', id, rows: r, described }, [
      r.t.buffer,
      r.code.buffer,
      r.obj.buffer,
      r.a.buffer,
      r.b.buffer,
    ]);
  }

  function filter(id: number, query: Parameters<typeof compileFilter>[0]): void {
    const l = need();
    filtered = null; // the old match list goes first
    const steps = matchSteps(l.cols, compileFilter(query));
    filtered = { id, steps };
    post({ type: 'filter', id, filter: id, count: steps.length, total: l.totalSteps });
  }

  function needFilter(filterId: number): Uint32Array {
    need();
    if (filtered === null || filtered.id !== filterId) {
      throw new Error('that filter was replaced by a newer one');
    }
    return filtered.steps;
  }

  function filterRows(id: number, filterId: number, from: number, to: number): void {
    const l = need();
    const steps = needFilter(filterId);
    const lo = Math.max(0, Math.min(Math.floor(from), steps.length));
    const hi = Math.max(lo, Math.min(Math.floor(to), steps.length, lo + MAX_FILTER_WINDOW));
    const n = hi - lo;
    const w = {
      from: lo,
      length: n,
      steps: steps.slice(lo, hi),
      t: new Float64Array(n),
      code: new Uint16Array(n),
      obj: new Uint32Array(n),
      a: new Int32Array(n),
      b: new Int32Array(n),
    };
    const { shift, mask, chunks } = l.cols;
    const described = [];
    for (let i = 0; i < n; i++) {
      const s = w.steps[i]!;
      const ch = chunks[s >>> shift]!;
      const j = s & mask;
      w.t[i] = ch.t[j]!;
      w.code[i] = ch.code[j]!;
      w.obj[i] = ch.obj[j]!;
      w.a[i] = ch.a[j]!;
      w.b[i] = ch.b[j]!;
      if (i < DESCRIBED_ROWS) {
        described.push(
          describeRow(s, { t: w.t[i]!, code: w.code[i]!, obj: w.obj[i]!, a: w.a[i]!, b: w.b[i]! }),
        );
      }
    }
    post({ type: 'filterRows', id, rows: w, described }, [
      w.steps.buffer,
      w.t.buffer,
      w.code.buffer,
      w.obj.buffer,
      w.a.buffer,
      w.b.buffer,
    ]);
  }

  async function handle(msg: ToWorker): Promise<void> {
    const id = typeof msg?.id === 'number' ? msg.id : -1;
    try {
      switch (msg.type) {
        case 'load':
          return await load(id, msg.scenario);
        case 'cancel':
          return cancel();
        case 'view':
          return post({ type: 'view', id, view: need().cursor.viewAt(msg.step) });
        case 'rows':
          return rows(id, msg.from, msg.to);
        case 'seek':
          return post({ type: 'seek', id, step: seek(need().cols, msg.from, msg.dir, msg.by) });
        case 'inspect':
          // The cursor computes it in the same replays as the views (sim-core/view/cursor.ts).
          return post({
            type: 'inspect',
            id,
            inspect: need().cursor.inspectAt(msg.step, msg.selection ?? null),
          });
        case 'filter':
          return filter(id, msg.query);
        case 'filterRows':
          return filterRows(id, msg.filter, msg.from, msg.to);
        case 'filterIndex':
          return post({ type: 'filterIndex', id, index: indexAtOrBefore(needFilter(msg.filter), msg.step) });
        default:
          throw new Error(`unknown message type '${String((msg as { type?: unknown })?.type)}'`);
      }
    } catch (e) {
      post({ type: 'error', id, message: message(e) });
    }
  }

  return {
    handle,
    get loaded() {
      return loaded;
    },
  };
}
