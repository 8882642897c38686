/**
 * Keyframes: copies of the world taken between events, so that the state at any row can be
 * rebuilt from the nearest earlier keyframe and replay (restore.ts). A keyframe is held packed
 * (pack.ts: a few flat arrays, not thousands of objects for the GC to trace) and unpacked into
 * a fresh world whenever it is read.
 *
 * A keyframe's `step` is `w.step` when it was taken: rows 0..step-1 are in it, and the
 * event that wrote row `step-1` is complete. Keyframe 0 is the world before any event.
 *
 * Spacing. A world holds up to a few MB of byte buffers and a few thousand small objects: a
 * keyframe costs about its packed size in memory, and a pack or unpack about 1 ms per MB
 * (measured at 10 GbE). Two policies:
 * - Deterministic (default): after each keyframe, aim at `bytesPerRow` keyframe bytes per
 *   row (rows 22 + keyframes 10 = 32 bytes per row), within [minInterval, maxInterval] rows;
 *   maxInterval bounds the replay of a restore. Sizes are those of the packed keyframes, so
 *   keyframes land on the same steps in every run.
 * - With a `clock` (the host's monotonic clock in a worker; sim-core has none): space
 *   keyframes so that a restore (one unpack plus replay at the measured speed of the run)
 *   takes about `restoreBudgetMs`. Keyframe positions then vary from run to run; restored
 *   worlds do not (they never depend on where keyframes are).
 * Either way, when all keyframes together pass `maxBytes`, every other one is dropped and
 * the spacing doubles, so memory stays bounded on long runs (restores get slower instead).
 */
import { type Packed, pack, unpack } from './pack';
import type { World } from '../engine/world';

export interface Keyframe {
  /** Rows written before this keyframe (w.step at the time). */
  readonly step: number;
  /** A fresh copy of the world at that step on every read (the keyframe itself never changes). */
  readonly world: World;
  /** Bytes the keyframe holds (its packed size). */
  readonly bytes: number;
  /** The world after the run ended (taken by `finish`). */
  readonly final: boolean;
}

class PackedKeyframe implements Keyframe {
  constructor(
    readonly step: number,
    readonly packed: Packed,
    readonly final: boolean,
  ) {}

  get world(): World {
    return unpack<World>(this.packed);
  }

  get bytes(): number {
    return this.packed.size;
  }
}

export interface KeyframeOptions {
  /** Fixed interval in rows; when set the interval does not adapt (maxBytes still applies). */
  interval?: number;
  /** Keyframe bytes per trace row to aim at (default 10). Ignored with a clock. */
  bytesPerRow?: number;
  /** Fewest rows between keyframes (default 4096). */
  minInterval?: number;
  /** Most rows between keyframes (default 32768; with a clock 2^20). */
  maxInterval?: number;
  /** Memory cap for all keyframes together, in bytes (default 256 MiB). */
  maxBytes?: number;
  /** Milliseconds from the host's monotonic clock; turns on speed-based spacing. */
  clock?: () => number;
  /** With a clock: the restore time to aim at, in ms (default 12, under the 20 ms target). */
  restoreBudgetMs?: number;
}

export const DEFAULT_KEYFRAME_OPTIONS = {
  bytesPerRow: 10,
  minInterval: 4096,
  maxInterval: 32768,
  maxIntervalWithClock: 1 << 20,
  maxBytes: 256 * 2 ** 20,
  restoreBudgetMs: 12,
} as const;

export class KeyframeStore {
  readonly frames: Keyframe[] = [];
  /** Rows to wait after the last keyframe before taking the next one. */
  interval: number;
  /** Sum of `bytes` over all keyframes. */
  bytes = 0;
  /** How many times keyframes were thinned out to stay under maxBytes (spacing x 2 each). */
  thinned = 0;
  /** With a clock: the last measured run speed (rows per ms) and time to pack a keyframe (ms, about an unpack's). */
  rowsPerMs = 0;
  cloneMs = 0;
  private lastStep = -1;
  /** The latest keyframe's arrays: the next pack starts at their sizes. */
  private lastPacked: Packed | undefined;
  private lastEndMs = 0;
  private readonly fixed: number | undefined;
  private readonly bytesPerRow: number;
  private readonly minInterval: number;
  private readonly maxInterval: number;
  private readonly maxBytes: number;
  private readonly clock: (() => number) | undefined;
  private readonly restoreBudgetMs: number;

  constructor(opts: KeyframeOptions = {}) {
    const d = DEFAULT_KEYFRAME_OPTIONS;
    this.fixed = opts.interval;
    this.clock = opts.clock;
    this.bytesPerRow = opts.bytesPerRow ?? d.bytesPerRow;
    this.minInterval = opts.minInterval ?? d.minInterval;
    const maxDefault = this.clock === undefined ? d.maxInterval : d.maxIntervalWithClock;
    this.maxInterval = Math.max(this.minInterval, opts.maxInterval ?? maxDefault);
    this.maxBytes = opts.maxBytes ?? d.maxBytes;
    this.restoreBudgetMs = opts.restoreBudgetMs ?? d.restoreBudgetMs;
    this.interval = opts.interval ?? this.minInterval;
    if (!(this.interval >= 1) || !(this.bytesPerRow > 0) || !(this.minInterval >= 1)) {
      throw new RangeError('bad keyframe options');
    }
  }

  /** Called between events (run()'s `between`): take a keyframe when `interval` rows have passed. */
  maybeTake(w: World): boolean {
    if (w.step - this.lastStep < this.interval) return false;
    this.take(w);
    return true;
  }

  /** Take a keyframe now (between events only: inside an event the world is half-done). */
  take(w: World, final = false): Keyframe {
    const last = this.frames[this.frames.length - 1];
    if (last !== undefined && (w.step < last.step || last.final)) {
      throw new Error(
        `keyframe at step ${w.step} after one at step ${last.step}${last.final ? ' (final)' : ''}`,
      );
    }
    const t0 = this.clock?.() ?? 0;
    const packed = pack(w, this.lastPacked);
    const t1 = this.clock?.() ?? 0;
    this.lastPacked = packed;
    const kf = new PackedKeyframe(w.step, packed, final);
    const bytes = kf.bytes;
    // Two keyframes at one step (events with no rows in between): the later one replaces
    // the earlier, replay from either writes the same next row. Keyframe 0 is never replaced
    // (it is the initial world), nor by the final one.
    if (last !== undefined && last.step === w.step && !final && this.frames.length > 1) {
      this.bytes -= last.bytes;
      this.frames[this.frames.length - 1] = kf;
    } else {
      this.frames.push(kf);
    }
    this.bytes += bytes;
    if (this.clock !== undefined && last !== undefined && t0 > this.lastEndMs) {
      this.rowsPerMs = (w.step - this.lastStep) / (t0 - this.lastEndMs);
      this.cloneMs = t1 - t0;
    }
    this.lastStep = w.step;
    if (!final) {
      while (this.bytes > this.maxBytes && this.frames.length > 2) this.thin();
      this.interval = this.nextInterval(bytes);
    }
    this.lastEndMs = this.clock?.() ?? 0;
    return kf;
  }

  private nextInterval(bytes: number): number {
    const scale = 2 ** this.thinned;
    if (this.fixed !== undefined) return this.fixed * scale;
    let want: number;
    if (this.clock !== undefined) {
      // One unpack of this size plus replay at the run's speed (replay is a little faster:
      // it writes no rows) should fit the budget. No speed yet: measure over minInterval.
      want = Math.floor(Math.max(0, this.restoreBudgetMs - this.cloneMs) * this.rowsPerMs);
    } else {
      want = Math.ceil(bytes / this.bytesPerRow);
    }
    return Math.min(this.maxInterval, Math.max(this.minInterval, want)) * scale;
  }

  /** Drop every other keyframe (keeping the first and the newest) and double the spacing. */
  private thin(): void {
    const f = this.frames;
    const kept = f.filter((_, i) => i % 2 === 0 || i === f.length - 1);
    f.length = 0;
    f.push(...kept);
    this.bytes = kept.reduce((s, k) => s + k.bytes, 0);
    this.thinned++;
  }

  /** The world when the run ended: a restore past the last row returns it without replay. */
  finish(w: World): Keyframe {
    return this.take(w, true);
  }

  /** The latest keyframe with step <= `step`; undefined if `step` is before the first one. */
  nearest(step: number): Keyframe | undefined {
    const f = this.frames;
    let lo = 0;
    let hi = f.length;
    // Find the first frame with frame.step > step; the one before it is the answer.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (f[mid]!.step <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : f[lo - 1];
  }

  get first(): Keyframe | undefined {
    return this.frames[0];
  }
}

/**
 * Estimated heap bytes of a structured-clonable value held as objects: buffers by their length,
 * plus a rough cost per object, property, array slot and string character. Shared objects and
 * buffers count once. Not exact. (Keyframes are packed and count their packed size instead.)
 */
export function approxBytes(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      total += 16 + v.length;
      continue;
    }
    if (typeof v !== 'object' || v === null) {
      total += 8;
      continue;
    }
    if (seen.has(v)) {
      total += 8;
      continue;
    }
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      total += 64;
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        total += v.buffer.byteLength;
      }
    } else if (v instanceof ArrayBuffer) {
      total += 32 + v.byteLength;
    } else if (Array.isArray(v)) {
      total += 16;
      for (const x of v) stack.push(x);
    } else if (v instanceof Map) {
      total += 32;
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      total += 32;
      for (const x of v) stack.push(x);
    } else {
      total += 24;
      for (const k in v) {
        total += 8;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return total;
}
