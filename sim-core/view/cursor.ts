/**
 * Views at any step of a recorded run, fast when stepping forward and exact whichever way
 * they are computed.
 *
 * A view is computed inside a replay, at the moment its row is written: `record()` has made
 * every mutation up to that row and none after, which is exactly the world `restoreAt` gives
 * for that row, so the view is the same. The replay then runs on to the end of that event,
 * so the cursor's world is always between events and can be replayed further. Hence:
 * - stepping forward continues from the cursor's world (one event, usually a few rows);
 * - any other step (back, or far ahead) clones the nearest keyframe and replays from it,
 *   and the views of the rows it passes just before the step are kept too, so stepping back
 *   again is mostly a lookup;
 * - views are kept in a small LRU cache (they are immutable).
 *
 * The inspector's projection (inspect.ts) rides on the same replays: `inspectAt(step, sel)`
 * remembers the selection, and every replay then also keeps the inspect views of the rows it
 * keeps views of, so with one selection held, stepping costs no extra replay. A new selection
 * (or a step whose view was cached before it) costs one replay from the nearest keyframe.
 */
import type { Recorder, Sim } from '../engine/sim';
import type { World } from '../engine/world';
import { run } from '../engine/run';
import { HOOKS, bindAll } from '../setup';
import type { ColumnarTrace } from '../trace/columns';
import type { KeyframeStore } from '../trace/keyframes';
import { type InspectContext, inspect, selectionKey } from './inspect';
import type { InspectSelection, InspectView } from './inspect-types';
import { viewOf } from './project';
import { describeRow } from './row';
import { type Columns, pipeWriteIndex } from './scan';
import type { PipeWrite } from './pipe';
import type { ViewState } from './types';

export interface CursorOptions {
  /** Views kept (default 512). */
  cacheSize?: number;
  /** Rows after the asked one, within its event, whose views are kept (default 64). */
  ahead?: number;
  /** Rows before the asked one whose views are kept when replaying from a keyframe (default 64). */
  behind?: number;
  /** Replay forward from the cursor rather than from a nearer keyframe up to this many rows (default 2048). */
  near?: number;
}

export interface CursorStats {
  hits: number;
  forward: number;
  restores: number;
  rowsReplayed: number;
}

/** Thrown from `between` to stop a replay at an event boundary. */
const PAUSE = { pause: true };

export class ViewCursor {
  readonly stats: CursorStats = { hits: 0, forward: 0, restores: 0, rowsReplayed: 0 };
  private world: World | null = null;
  private readonly cache = new Map<number, ViewState>();
  /** Inspect views by `${step} ${selectionKey}`, LRU. */
  private readonly inspectCache = new Map<string, InspectView>();
  /** The selection whose inspect views replays keep (undefined: none asked yet). */
  private inspectSel: InspectSelection | null | undefined = undefined;
  private readonly cacheSize: number;
  private readonly ahead: number;
  private readonly behind: number;
  private readonly near: number;
  private readonly pipeWriteAt: (step: number) => PipeWrite | null;

  constructor(
    readonly trace: ColumnarTrace,
    readonly keyframes: KeyframeStore,
    readonly cols: Columns,
    opts: CursorOptions = {},
  ) {
    this.cacheSize = opts.cacheSize ?? 512;
    this.ahead = opts.ahead ?? 64;
    this.behind = opts.behind ?? 64;
    this.near = opts.near ?? 2048;
    this.pipeWriteAt = pipeWriteIndex(cols);
  }

  get total(): number {
    return this.trace.length;
  }

  /** Step of the world the cursor holds (rows written), or -1. */
  get at(): number {
    return this.world?.step ?? -1;
  }

  /** The view right after row `step` (0 <= step < total); with no rows at all, the initial world. */
  viewAt(step: number): ViewState {
    const total = this.total;
    if (total === 0) {
      const first = this.keyframes.first;
      if (first === undefined) throw new RangeError('no keyframes');
      return viewOf(first.world, null, 0);
    }
    if (!Number.isInteger(step) || step < 0 || step >= total) {
      throw new RangeError(`step ${step} out of range 0..${total - 1}`);
    }
    const hit = this.cache.get(step);
    if (hit !== undefined) {
      this.stats.hits++;
      this.cache.delete(step);
      this.cache.set(step, hit);
      return hit;
    }
    this.reach(step);
    const v = this.cache.get(step);
    if (v === undefined) throw new Error(`replay did not reach step ${step}`);
    return v;
  }

  /**
   * The inspector's view of `sel` (null: the PDU in progress) right after row `step`; with no
   * rows at all, in the initial world. Later replays keep inspect views of this selection too.
   */
  inspectAt(step: number, sel: InspectSelection | null): InspectView {
    const total = this.total;
    if (total === 0) {
      const first = this.keyframes.first;
      if (first === undefined) throw new RangeError('no keyframes');
      return inspect(first.world, sel);
    }
    if (!Number.isInteger(step) || step < 0 || step >= total) {
      throw new RangeError(`step ${step} out of range 0..${total - 1}`);
    }
    const key = `${step} ${selectionKey(sel)}`;
    const hit = this.inspectCache.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      this.inspectCache.delete(key);
      this.inspectCache.set(key, hit);
      return hit;
    }
    this.inspectSel = sel;
    this.reach(step);
    const v = this.inspectCache.get(key);
    if (v === undefined) throw new Error(`replay did not reach step ${step}`);
    return v;
  }

  /** Replays so that the views (and inspect views) of row `step` are computed. */
  private reach(step: number): void {
    const kf = this.keyframes.nearest(step);
    if (kf === undefined || kf.final) throw new RangeError(`no keyframe before step ${step}`);
    const w = this.world;
    let lo = step;
    if (w !== null && w.step <= step && (kf.step <= w.step || step - w.step <= this.near)) {
      this.stats.forward++;
    } else {
      this.stats.restores++;
      // Reading a keyframe's world already gives a fresh copy.
      this.world = kf.world;
      lo = Math.max(kf.step, step - this.behind);
    }
    this.replay(lo, step, step + this.ahead);
  }

  /** Run the cursor's world to the end of the event that writes row `step`, keeping views of rows [lo, hi]. */
  private replay(lo: number, step: number, hi: number): void {
    const w = this.world!;
    const total = this.total;
    const start = w.step;
    const rec: Recorder = {
      push: (t, code, obj, a, b) => {
        const i = w.step - 1;
        if (i < lo || i > hi) return;
        if (this.trace.codeAt(i) !== code || this.trace.tAt(i) !== t) {
          throw new Error(`replay diverged from the recorded trace at step ${i}`);
        }
        // As the columns store them (ColumnarTrace), so the row reads the same from either.
        const row = describeRow(i, { t, code: code & 0xffff, obj: obj >>> 0, a: a | 0, b: b | 0 });
        const ctx: InspectContext = w.sock.recvPipe === null ? {} : { lastPipeWrite: this.pipeWriteAt(i) };
        this.keep(i, viewOf(w, row, total, ctx));
        const sel = this.inspectSel;
        if (sel !== undefined) this.keepInspect(`${i} ${selectionKey(sel)}`, inspect(w, sel, ctx));
      },
    };
    const sim: Sim = { w, rec, stopAt: -1, hooks: HOOKS, tap: null };
    bindAll();
    try {
      run(sim, {
        between: (x) => {
          if (x.step > step) throw PAUSE;
        },
      });
    } catch (e) {
      if (e !== PAUSE) {
        this.world = null;
        throw e;
      }
    } finally {
      this.stats.rowsReplayed += w.step - start;
    }
  }

  private keepInspect(key: string, v: InspectView): void {
    this.inspectCache.delete(key);
    this.inspectCache.set(key, v);
    while (this.inspectCache.size > this.cacheSize) {
      const oldest = this.inspectCache.keys().next().value as string;
      this.inspectCache.delete(oldest);
    }
  }

  private keep(step: number, v: ViewState): void {
    this.cache.delete(step);
    this.cache.set(step, v);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
  }
}
