/**
 * Recording a run (rows into a ColumnarTrace, keyframes between events) and restoring the
 * world at any row: copy the nearest keyframe at or before the row, then replay events
 * with no recorder until the row is written (record() throws StopAtStep right after it).
 *
 * Replay is exact only if everything an event does depends on the world alone: the handlers,
 * hooks and CPU bindings must keep no state of their own (the rule "World is plain data").
 * `verify` checks that, row by row, against the recorded trace.
 */
import { bindCpu } from '../engine/cpu';
import type { Hooks } from '../engine/hooks';
import { run } from '../engine/run';
import { type Recorder, type Sim, StopAtStep } from '../engine/sim';
import type { World } from '../engine/world';
import { ColumnarTrace, type ColumnarTraceOptions } from './columns';
import { type KeyframeOptions, KeyframeStore } from './keyframes';

export type CpuBindings = Parameters<typeof bindCpu>[0];

export interface Recording {
  trace: ColumnarTrace;
  keyframes: KeyframeStore;
}

export interface RecordOptions {
  keyframes?: KeyframeOptions;
  trace?: ColumnarTraceOptions;
  /** Also called between events, after the keyframe check. */
  between?: (w: World) => void;
}

/** The run threw: `recording` holds the rows and keyframes up to the failure. */
export class RecordingError extends Error {
  constructor(
    readonly recording: Recording,
    override readonly cause: unknown,
  ) {
    super(
      `run failed at step ${recording.trace.length}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'RecordingError';
  }
}

/** Thrown from `between` to pause a recording at an event boundary (never escapes). */
class PauseRecording {}

/**
 * A recording that can advance in slices (a worker runs a slice, answers messages, runs the
 * next): pausing happens between events, where the world is whole, and resuming calls the
 * same run loop again, so the rows are those of one uninterrupted run.
 */
export class RecordingSession {
  readonly recording: Recording;
  done = false;
  private pauseAt = 0;
  private readonly between: (w: World) => void;

  constructor(
    readonly sim: Sim,
    opts: RecordOptions = {},
  ) {
    const w = sim.w;
    if (w.step !== 0) throw new Error(`recordRun: the world already has ${w.step} rows; record from step 0`);
    const trace = new ColumnarTrace(opts.trace);
    const keyframes = new KeyframeStore(opts.keyframes);
    this.recording = { trace, keyframes };
    sim.rec = trace;
    sim.stopAt = -1;
    keyframes.take(w);
    const extra = opts.between;
    this.between = (x: World) => {
      keyframes.maybeTake(x);
      if (extra !== undefined) extra(x);
      if (x.step >= this.pauseAt) throw new PauseRecording();
    };
  }

  /**
   * Run until at least `rows` more rows are written (then stop at the next event boundary)
   * or the run ends. Returns true when the run has ended (the final keyframe is taken).
   */
  advance(rows = Number.POSITIVE_INFINITY): boolean {
    if (this.done) return true;
    const w = this.sim.w;
    this.pauseAt = w.step + rows;
    try {
      run(this.sim, { between: this.between });
    } catch (e) {
      if (e instanceof PauseRecording) return false;
      w.stopReason = 'error';
      this.done = true;
      throw new RecordingError(this.recording, e);
    }
    this.done = true;
    this.recording.keyframes.finish(w);
    return true;
  }
}

/**
 * Run `sim` to its end, recording every row and taking keyframes (keyframe 0 is the world
 * as given, before any event; the last one is the world after the run, marked final).
 * The world must not have rows yet: rows written before recording starts could not be replayed.
 */
export function recordRun(sim: Sim, opts: RecordOptions = {}): Recording {
  const session = new RecordingSession(sim, opts);
  session.advance();
  return session.recording;
}

/** Replay does not match the recorded trace: some state lives outside the world. */
export class ReplayDivergence extends Error {
  constructor(
    readonly step: number,
    readonly expected: readonly number[],
    readonly got: readonly number[],
  ) {
    super(`replay diverged at step ${step}: recorded [${expected.join(', ')}], replayed [${got.join(', ')}]`);
    this.name = 'ReplayDivergence';
  }
}

/** A recorder for replay that compares each row with the recorded one (stored column types). */
function verifier(trace: ColumnarTrace, from: number): Recorder {
  let i = from;
  return {
    push(t, code, obj, a, b) {
      const got = [t, code & 0xffff, obj >>> 0, a | 0, b | 0];
      if (i >= trace.length) throw new ReplayDivergence(i, [], got);
      const r = trace.row(i);
      const expected = [r.t, r.code, r.obj, r.a, r.b];
      if (expected.some((x, k) => x !== got[k])) throw new ReplayDivergence(i, expected, got);
      i++;
    },
  };
}

/**
 * Advance `w` in place until row `step` has been written, and return it: the state right
 * after that row. Stops earlier if the run ends first (the final world). `w.step` must not
 * be past `step` already.
 */
export function replayTo(w: World, step: number, hooks: Hooks, verify?: ColumnarTrace): World {
  if (w.step > step) throw new RangeError(`cannot replay back: world is at step ${w.step}, asked ${step}`);
  const sim: Sim = {
    w,
    rec: verify === undefined ? null : verifier(verify, w.step),
    stopAt: step,
    hooks,
    tap: null,
  };
  try {
    run(sim);
  } catch (e) {
    if (e instanceof StopAtStep) return w;
    throw e;
  }
  return w;
}

/**
 * The world right after row `step` was written (mutations up to that row, none after it,
 * even inside one event). Past the last row: the world after the run. The keyframes are
 * not touched. `bindings`, when given, are bound first (bindCpu) for the replay.
 */
export function restoreAt(
  store: KeyframeStore,
  step: number,
  hooks: Hooks,
  bindings?: CpuBindings,
  verify?: ColumnarTrace,
): World {
  if (!Number.isInteger(step)) throw new RangeError(`step must be an integer, got ${step}`);
  const kf = store.nearest(step);
  if (kf === undefined) throw new RangeError(`no keyframe at or before step ${step}`);
  // Reading a keyframe's world gives a fresh copy.
  const w = kf.world;
  if (kf.final) return w;
  if (bindings !== undefined) bindCpu(bindings);
  return replayTo(w, step, hooks, verify);
}

/** The world before any event (a fresh copy of keyframe 0). */
export function initialWorld(store: KeyframeStore): World {
  const kf = store.first;
  if (kf === undefined) throw new RangeError('no keyframes');
  return kf.world;
}
