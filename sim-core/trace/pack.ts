/**
 * Keyframes kept packed: a world written into a few flat arrays (type tags, numbers, the bytes
 * of its buffers) instead of being held as a copy of its objects.
 *
 * Why: a world at 10 GbE holds thousands of small objects (events, frames in flight, segments
 * in flight, request slots). Held as objects, every keyframe's copy is promoted through the
 * young generation and then traced by every full GC for the rest of the run; packed, a
 * keyframe is a few arrays the GC never looks into, and smaller.
 *
 * For plain data, unpack gives what structuredClone (clone.ts) gives: objects with the same
 * keys in the same order, arrays with their holes, typed arrays copied with aliasing kept
 * (views of one buffer stay views of one new buffer), shared objects and cycles kept. Anything
 * else (Date, class instances ...) is kept as a structuredClone and cloned again on each unpack.
 */
declare const structuredClone: (value: unknown) => unknown;

const T_NUM = 0;
const T_STR = 1;
const T_TRUE = 2;
const T_FALSE = 3;
const T_NULL = 4;
const T_UNDEF = 5;
const T_REF = 6;
const T_OBJ = 7;
const T_ARR = 8;
const T_HOLE = 9;
const T_VIEW = 10;
const T_VIEW_NEWBUF = 11;
const T_ABUF = 12;
const T_ABUF_NEW = 13;
const T_MAP = 14;
const T_SET = 15;
const T_OTHER = 16;
const T_INT = 17;

/** Typed-array constructors by index (DataView last). */
const VIEWS = [
  Uint8Array,
  Int8Array,
  Uint8ClampedArray,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
] as const;
const DATA_VIEW = VIEWS.length - 1;
type ViewCtor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView;

function viewKind(v: ArrayBufferView): number {
  const c = v.constructor;
  for (let i = 0; i < VIEWS.length; i++) if (VIEWS[i] === c) return i;
  return -1;
}

export interface Packed {
  readonly tags: Uint8Array;
  /** Numbers that are 32-bit integers (most of a world's, and the structure: lengths, ids), then all others. */
  readonly ints: Int32Array;
  readonly nums: Float64Array;
  /** Strings, bigints and the structuredClone of anything else, in the order met. */
  readonly refs: readonly unknown[];
  /** Key lists of the objects (an object is its shape index, then its values). */
  readonly shapes: readonly (readonly string[])[];
  /** The bytes of every buffer, one after the other. */
  readonly bytes: Uint8Array;
  /** Bytes held (the arrays above; strings and shapes at 8 bytes an entry). */
  readonly size: number;
}

class Writer {
  tags: Uint8Array;
  nt = 0;
  ints: Int32Array;
  ni = 0;
  nums: Float64Array;
  nn = 0;
  bytes: Uint8Array;
  nb = 0;
  readonly refs: unknown[] = [];
  readonly shapes: string[][] = [];
  /** First key (or '') -> indices of shapes starting with it. */
  private readonly shapeIndex = new Map<string, number[]>();
  /** Objects met so far -> their number (order of first meeting). */
  private readonly seen = new Map<object, number>();
  private readonly buffers = new Map<ArrayBufferLike, number>();
  /** Key arrays to reuse (one per nesting level in use). */
  private readonly keyScratch: string[][] = [];

  constructor(hint: { tags: number; ints: number; nums: number; bytes: number }) {
    this.tags = new Uint8Array(Math.max(64, hint.tags));
    this.ints = new Int32Array(Math.max(64, hint.ints));
    this.nums = new Float64Array(Math.max(64, hint.nums));
    this.bytes = new Uint8Array(Math.max(64, hint.bytes));
  }

  private tag(t: number): void {
    if (this.nt === this.tags.length) {
      const g = new Uint8Array(this.tags.length * 2);
      g.set(this.tags);
      this.tags = g;
    }
    this.tags[this.nt++] = t;
  }

  private num(x: number): void {
    if (this.nn === this.nums.length) {
      const g = new Float64Array(this.nums.length * 2);
      g.set(this.nums);
      this.nums = g;
    }
    this.nums[this.nn++] = x;
  }

  private int(x: number): void {
    if (this.ni === this.ints.length) {
      const g = new Int32Array(this.ints.length * 2);
      g.set(this.ints);
      this.ints = g;
    }
    this.ints[this.ni++] = x;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          this.tag(T_INT);
          this.int(v);
        } else {
          this.tag(T_NUM);
          this.num(v);
        }
        return;
      case 'string':
        this.tag(T_STR);
        this.int(this.refs.length);
        this.refs.push(v);
        return;
      case 'boolean':
        this.tag(v ? T_TRUE : T_FALSE);
        return;
      case 'undefined':
        this.tag(T_UNDEF);
        return;
      case 'object':
        if (v === null) this.tag(T_NULL);
        else this.object(v);
        return;
      default:
        // bigint (immutable, kept as is); a function or symbol cannot be in a world, and
        // structuredClone says so.
        this.tag(T_OTHER);
        this.int(this.refs.length);
        this.refs.push(typeof v === 'bigint' ? v : structuredClone(v));
    }
  }

  private object(v: object): void {
    const at = this.seen.get(v);
    if (at !== undefined) {
      this.tag(T_REF);
      this.int(at);
      return;
    }
    this.seen.set(v, this.seen.size);
    if (Array.isArray(v)) {
      const n = v.length;
      this.tag(T_ARR);
      this.int(n);
      for (let i = 0; i < n; i++) {
        const x = v[i];
        if (x === undefined && !(i in v)) this.tag(T_HOLE);
        else this.value(x);
      }
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      // for-in with the key used at once is V8's fast path (loads by the enum cache's field
      // index, no key array); the keys are gathered on the way and the shape number, whose
      // slot is kept, is filled in after the values.
      const rec = v as Record<string, unknown>;
      this.tag(T_OBJ);
      const slot = this.ni;
      this.int(0);
      const keys = this.keyScratch.length === 0 ? [] : this.keyScratch.pop()!;
      let n = 0;
      // for-in also lists inherited enumerable keys: plain data has none (Object.prototype's
      // own are not enumerable, and a null-prototype object has no chain).
      for (const k in rec) {
        keys[n++] = k;
        this.value(rec[k]);
      }
      keys.length = n;
      this.ints[slot] = this.shapeOf(keys);
      this.keyScratch.push(keys);
      return;
    }
    if (ArrayBuffer.isView(v)) {
      const kind = viewKind(v);
      if (kind >= 0) {
        this.tag(this.buffers.has(v.buffer) ? T_VIEW : T_VIEW_NEWBUF);
        this.int(this.bufferId(v.buffer));
        this.int(kind);
        this.int(v.byteOffset);
        this.int(kind === DATA_VIEW ? v.byteLength : (v as Uint8Array).length);
        return;
      }
    } else if (v instanceof ArrayBuffer) {
      this.tag(this.buffers.has(v) ? T_ABUF : T_ABUF_NEW);
      this.int(this.bufferId(v));
      return;
    } else if (v instanceof Map) {
      this.tag(T_MAP);
      this.int(v.size);
      for (const [k, x] of v) {
        this.value(k);
        this.value(x);
      }
      return;
    } else if (v instanceof Set) {
      this.tag(T_SET);
      this.int(v.size);
      for (const x of v) this.value(x);
      return;
    }
    this.tag(T_OTHER);
    this.int(this.refs.length);
    this.refs.push(structuredClone(v));
  }

  /** The buffer's number; a buffer met for the first time has its bytes appended (then length, offset follow). */
  private bufferId(b: ArrayBufferLike): number {
    const id = this.buffers.get(b);
    if (id !== undefined) return id;
    const n = b.byteLength;
    if (this.nb + n > this.bytes.length) {
      const g = new Uint8Array(Math.max(this.bytes.length * 2, this.nb + n));
      g.set(this.bytes.subarray(0, this.nb));
      this.bytes = g;
    }
    this.bytes.set(new Uint8Array(b), this.nb);
    const next = this.buffers.size;
    this.buffers.set(b, next);
    // A new buffer's length and place in `bytes` come before its id.
    this.int(n);
    this.int(this.nb);
    this.nb += n;
    return next;
  }

  private shapeOf(keys: string[]): number {
    const first = keys.length > 0 ? keys[0]! : '';
    let list = this.shapeIndex.get(first);
    if (list === undefined) {
      list = [];
      this.shapeIndex.set(first, list);
    }
    outer: for (let j = 0; j < list.length; j++) {
      const s = this.shapes[list[j]!]!;
      if (s.length !== keys.length) continue;
      for (let i = 1; i < keys.length; i++) if (s[i] !== keys[i]) continue outer;
      return list[j]!;
    }
    const id = this.shapes.length;
    this.shapes.push(keys.slice());
    list.push(id);
    return id;
  }
}

/** Pack `value` (a world). `hint`: a previous Packed of a similar value, to size the arrays. */
export function pack(value: unknown, hint?: Packed): Packed {
  const w = new Writer({
    tags: hint?.tags.length ?? 0,
    ints: hint?.ints.length ?? 0,
    nums: hint?.nums.length ?? 0,
    bytes: hint?.bytes.length ?? 0,
  });
  w.value(value);
  const tags = w.tags.slice(0, w.nt);
  const ints = w.ints.slice(0, w.ni);
  const nums = w.nums.slice(0, w.nn);
  const bytes = w.bytes.slice(0, w.nb);
  const size =
    tags.byteLength +
    ints.byteLength +
    nums.byteLength +
    bytes.byteLength +
    8 * (w.refs.length + w.shapes.length);
  return { tags, ints, nums, refs: w.refs, shapes: w.shapes, bytes, size };
}

class Reader {
  private t = 0;
  private i = 0;
  private n = 0;
  private readonly objects: unknown[] = [];
  private readonly buffers: ArrayBuffer[] = [];

  constructor(private readonly p: Packed) {}

  value(): unknown {
    const p = this.p;
    switch (p.tags[this.t++]) {
      case T_INT:
        return p.ints[this.i++];
      case T_NUM:
        return p.nums[this.n++];
      case T_STR:
        return p.refs[p.ints[this.i++]!];
      case T_TRUE:
        return true;
      case T_FALSE:
        return false;
      case T_NULL:
        return null;
      case T_UNDEF:
        return undefined;
      case T_REF:
        return this.objects[p.ints[this.i++]!];
      case T_OBJ: {
        const keys = p.shapes[p.ints[this.i++]!]!;
        const o: Record<string, unknown> = {};
        this.objects.push(o);
        for (let i = 0; i < keys.length; i++) o[keys[i]!] = this.value();
        return o;
      }
      case T_ARR: {
        const len = p.ints[this.i++]!;
        const a = new Array<unknown>(len);
        this.objects.push(a);
        for (let i = 0; i < len; i++) {
          if (p.tags[this.t] === T_HOLE) this.t++;
          else a[i] = this.value();
        }
        return a;
      }
      case T_VIEW:
      case T_VIEW_NEWBUF: {
        const buf = this.buffer();
        const kind = p.ints[this.i++]!;
        const off = p.ints[this.i++]!;
        const len = p.ints[this.i++]!;
        const v = new (VIEWS[kind] as ViewCtor)(buf, off, len);
        this.objects.push(v);
        return v;
      }
      case T_ABUF:
      case T_ABUF_NEW: {
        const buf = this.buffer();
        this.objects.push(buf);
        return buf;
      }
      case T_MAP: {
        const size = p.ints[this.i++]!;
        const m = new Map<unknown, unknown>();
        this.objects.push(m);
        for (let i = 0; i < size; i++) {
          const k = this.value();
          m.set(k, this.value());
        }
        return m;
      }
      case T_SET: {
        const size = p.ints[this.i++]!;
        const s = new Set<unknown>();
        this.objects.push(s);
        for (let i = 0; i < size; i++) s.add(this.value());
        return s;
      }
      case T_OTHER: {
        const x = p.refs[p.ints[this.i++]!];
        const out = typeof x === 'bigint' ? x : structuredClone(x);
        if (typeof x !== 'bigint') this.objects.push(out);
        return out;
      }
      default:
        throw new Error(`unpack: bad tag at ${this.t - 1}`);
    }
  }

  /** The buffer a view or buffer entry names (the tag before says whether it is new). */
  private buffer(): ArrayBuffer {
    const isNew = this.p.tags[this.t - 1] === T_VIEW_NEWBUF || this.p.tags[this.t - 1] === T_ABUF_NEW;
    if (isNew) {
      const len = this.p.ints[this.i++]!;
      const at = this.p.ints[this.i++]!;
      const id = this.p.ints[this.i++]!;
      const b = this.p.bytes.slice(at, at + len).buffer;
      this.buffers[id] = b;
      return b;
    }
    return this.buffers[this.p.ints[this.i++]!]!;
  }
}

/** A fresh copy of the packed value. */
export function unpack<T>(p: Packed): T {
  return new Reader(p).value() as T;
}
