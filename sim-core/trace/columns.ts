/**
 * The trace as columns: one typed array per field, in chunks of `chunkRows` rows, so a row
 * costs 22 bytes (t 8, code 2, obj 4, a 4, b 4) and growing never copies what is stored.
 * `push` is on the simulation's hot path: it writes five numbers, updates the running hash
 * and allocates nothing except one new chunk every `chunkRows` rows.
 *
 * Column types, explicitly:
 * - t: Float64, integer nanoseconds (exact up to 2^53).
 * - code: Uint16.
 * - obj: Uint32 (ids are >= 0; a negative obj would read back as obj >>> 0).
 * - a, b: Int32. Small negative values (-EAGAIN = -11) read back as they were written; a
 *   value >= 2^31 (a TCP sequence number, say) reads back as a negative number: read it
 *   with `>>> 0`. Anything outside 32 bits is truncated, as `| 0` would.
 */
import type { Recorder } from '../engine/sim';
import { RowHasher, type RowColumns } from './hash';

/** Bytes one row takes in the columns. */
export const BYTES_PER_ROW = 8 + 2 + 4 + 4 + 4;
export const DEFAULT_CHUNK_ROWS = 65536;

export interface TraceRow {
  t: number;
  code: number;
  obj: number;
  a: number;
  b: number;
}

/** A run of rows as columns: `t[i]` ... `b[i]` is row `from + i`. */
export interface TraceWindow extends RowColumns {
  from: number;
}

export interface ColumnarTraceOptions {
  /** Rows per chunk, a power of two (default 65536). Small values are for tests. */
  chunkRows?: number;
}

export class ColumnarTrace implements Recorder {
  /** Rows written so far. */
  length = 0;
  readonly chunkRows: number;
  private readonly shift: number;
  private readonly mask: number;
  private readonly tChunks: Float64Array[] = [];
  private readonly codeChunks: Uint16Array[] = [];
  private readonly objChunks: Uint32Array[] = [];
  private readonly aChunks: Int32Array[] = [];
  private readonly bChunks: Int32Array[] = [];
  // The chunk being filled, and how many of its rows are written.
  private ct: Float64Array;
  private cc: Uint16Array;
  private co: Uint32Array;
  private ca: Int32Array;
  private cb: Int32Array;
  private fill: number;
  private readonly hasher = new RowHasher();

  constructor(opts: ColumnarTraceOptions = {}) {
    const n = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
    if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0 || n > 1 << 24) {
      throw new RangeError(`chunkRows must be a power of two up to 2^24, got ${n}`);
    }
    this.chunkRows = n;
    this.shift = 31 - Math.clz32(n);
    this.mask = n - 1;
    // Empty placeholders: the first push allocates the first real chunk.
    this.ct = new Float64Array(0);
    this.cc = new Uint16Array(0);
    this.co = new Uint32Array(0);
    this.ca = new Int32Array(0);
    this.cb = new Int32Array(0);
    this.fill = n;
  }

  push(t: number, code: number, obj: number, a: number, b: number): void {
    let i = this.fill;
    if (i === this.chunkRows) {
      this.grow();
      i = 0;
    }
    this.ct[i] = t;
    this.cc[i] = code;
    this.co[i] = obj;
    this.ca[i] = a;
    this.cb[i] = b;
    this.fill = i + 1;
    this.length++;
    this.hasher.push(t, code, obj, a, b);
  }

  private grow(): void {
    const n = this.chunkRows;
    this.ct = new Float64Array(n);
    this.cc = new Uint16Array(n);
    this.co = new Uint32Array(n);
    this.ca = new Int32Array(n);
    this.cb = new Int32Array(n);
    this.tChunks.push(this.ct);
    this.codeChunks.push(this.cc);
    this.objChunks.push(this.co);
    this.aChunks.push(this.ca);
    this.bChunks.push(this.cb);
    this.fill = 0;
  }

  /** Running hash of every row pushed so far, 16 hex digits (see hash.ts). */
  get traceHash(): string {
    return this.hasher.hex();
  }

  /** Bytes held by the rows written. */
  get rowBytes(): number {
    return this.length * BYTES_PER_ROW;
  }

  /** Bytes allocated (whole chunks, the last one partly filled). */
  get bytesUsed(): number {
    return this.tChunks.length * this.chunkRows * BYTES_PER_ROW;
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.length && Number.isInteger(i))) {
      throw new RangeError(`trace row ${i} out of range 0..${this.length - 1}`);
    }
  }

  row(i: number): TraceRow {
    this.check(i);
    const c = i >>> this.shift;
    const j = i & this.mask;
    return {
      t: this.tChunks[c]![j]!,
      code: this.codeChunks[c]![j]!,
      obj: this.objChunks[c]![j]!,
      a: this.aChunks[c]![j]!,
      b: this.bChunks[c]![j]!,
    };
  }

  tAt(i: number): number {
    this.check(i);
    return this.tChunks[i >>> this.shift]![i & this.mask]!;
  }

  codeAt(i: number): number {
    this.check(i);
    return this.codeChunks[i >>> this.shift]![i & this.mask]!;
  }

  /**
   * First row whose time is >= `tNs` (length if none): rows never go back in time, so
   * this is a binary search. For seeking by time.
   */
  firstStepAtOrAfter(tNs: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tChunks[mid >>> this.shift]![mid & this.mask]! < tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Rows [from, to) copied into fresh typed arrays (each with its own buffer, so the five
   * buffers can be transferred to another thread). The range is clamped to the trace.
   */
  rowsWindow(from: number, to: number): TraceWindow {
    const lo = Math.max(0, Math.min(Math.floor(from), this.length));
    const hi = Math.max(lo, Math.min(Math.floor(to), this.length));
    const n = hi - lo;
    const w: TraceWindow = {
      from: lo,
      length: n,
      t: new Float64Array(n),
      code: new Uint16Array(n),
      obj: new Uint32Array(n),
      a: new Int32Array(n),
      b: new Int32Array(n),
    };
    let at = lo;
    while (at < hi) {
      const c = at >>> this.shift;
      const j = at & this.mask;
      const m = Math.min(this.chunkRows - j, hi - at);
      const k = at - lo;
      w.t.set(this.tChunks[c]!.subarray(j, j + m), k);
      w.code.set(this.codeChunks[c]!.subarray(j, j + m), k);
      w.obj.set(this.objChunks[c]!.subarray(j, j + m), k);
      w.a.set(this.aChunks[c]!.subarray(j, j + m), k);
      w.b.set(this.bChunks[c]!.subarray(j, j + m), k);
      at += m;
    }
    return w;
  }

  /**
   * The stored rows as views into the chunks (no copy), in order. A view covers the rows
   * written when this was called; later pushes do not show in it.
   */
  *chunkViews(): Generator<TraceWindow> {
    const len = this.length;
    for (let c = 0; c * this.chunkRows < len; c++) {
      const from = c * this.chunkRows;
      const n = Math.min(this.chunkRows, len - from);
      yield {
        from,
        length: n,
        t: this.tChunks[c]!.subarray(0, n),
        code: this.codeChunks[c]!.subarray(0, n),
        obj: this.objChunks[c]!.subarray(0, n),
        a: this.aChunks[c]!.subarray(0, n),
        b: this.bChunks[c]!.subarray(0, n),
      };
    }
  }
}
