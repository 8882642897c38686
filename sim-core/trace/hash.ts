/**
 * Hashes for the trace and for whole worlds. Both are 64 bits kept as two 32-bit lanes,
 * so no BigInt and nothing from Node or the DOM: the same numbers in Node and in a worker.
 *
 * Word step (the world digest runs it per 32-bit word; a trace row first folds its six
 * words into one word per lane, see RowHasher, then runs it once per lane):
 *   k  = rotl(w * C1, 15) * C2          (murmur3's block scramble: spreads high bits down)
 *   hA = rotl(hA ^ k, 13) * 5 + N       (lane A: murmur3's state update)
 *   hB = rotl((hB ^ k) * P, 17)         (lane B: an FNV-1a-like step with a rotation)
 * Every one of these is a bijection of the lane for a fixed input and of the input for a
 * fixed lane, so changing any single word always changes both lanes: one changed column in
 * one row cannot go unnoticed. Not cryptographic; it only has to catch divergence.
 * The final 16 hex digits also mix in the number of rows (or words).
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const N = 0xe6546b64;
const P = 0x01000193; // the FNV-1a 32-bit prime
const SEED_A = 0x811c9dc5; // FNV-1a 32-bit offset basis
const SEED_B = 0x9e3779b9;
const TWO32 = 4294967296;

/** Mix the two lanes and the input length into the final 16 hex digits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

function finish(a: number, b: number, count: number): string {
  const lo = count >>> 0;
  const hi = (count / TWO32) >>> 0;
  const fa = fmix32(a ^ lo ^ Math.imul(hi, C1));
  const fb = fmix32(b ^ Math.imul(lo, C2) ^ fa);
  return hex8(fa) + hex8(fb);
}

const INV_TWO32 = 1 / TWO32;

/**
 * The running trace hash. A row has six words (t low, t high, code, obj, a, b), taken as the
 * columns store them (code uint16, obj uint32, a and b int32; all as their 32 bits), so
 * hashing a stored trace after the fact gives the same value as hashing the pushes.
 *
 * Per row, the six words are first folded into one word per lane, with no chain between
 * them (cheap on the hot path): lane A's fold is the XOR of rotl(word_i * K_i, r_i), lane
 * B's the XOR of rotl(word_i, s_i). Each term is a bijection of its word, so changing any
 * one word changes both folds; then one word step per lane chains the rows in order.
 * Constants are written inline: loading them from an array costs measurably per row.
 */
export class RowHasher {
  a = SEED_A | 0;
  b = SEED_B | 0;
  rows = 0;

  push(t: number, code: number, obj: number, a: number, b: number): void {
    const w0 = t | 0;
    const w1 = (t * INV_TWO32) | 0;
    const w2 = code & 0xffff;
    let x = Math.imul(w0, 0x9e3779b1);
    let y = Math.imul(w1, 0x85ebca77);
    x ^= (y << 5) | (y >>> 27);
    y = Math.imul(w2, 0xc2b2ae3d);
    x ^= (y << 11) | (y >>> 21);
    y = Math.imul(obj, 0x27d4eb2f);
    x ^= (y << 17) | (y >>> 15);
    y = Math.imul(a, 0x165667b1);
    x ^= (y << 23) | (y >>> 9);
    y = Math.imul(b, 0xd3a2646d);
    x ^= (y << 29) | (y >>> 3);
    const z =
      w0 ^
      ((w1 << 7) | (w1 >>> 25)) ^
      ((w2 << 13) | (w2 >>> 19)) ^
      ((obj << 19) | (obj >>> 13)) ^
      ((a << 3) | (a >>> 29)) ^
      ((b << 26) | (b >>> 6));
    let ha = this.a ^ x;
    ha = (Math.imul((ha << 13) | (ha >>> 19), 5) + N) | 0;
    let hb = Math.imul(this.b ^ z, P);
    hb = (hb << 17) | (hb >>> 15);
    this.a = ha;
    this.b = hb;
    this.rows++;
  }

  /** 16 hex digits; does not change the running state. */
  hex(): string {
    return finish(this.a, this.b, this.rows);
  }
}

/** The five columns of a run of rows (a chunk view or a window). */
export interface RowColumns {
  length: number;
  t: Float64Array;
  code: Uint16Array;
  obj: Uint32Array;
  a: Int32Array;
  b: Int32Array;
}

/** Hash stored rows after the fact: equals `ColumnarTrace.traceHash` for the same rows. */
export function hashRows(parts: Iterable<RowColumns>): string {
  const h = new RowHasher();
  for (const p of parts) {
    const { t, code, obj, a, b } = p;
    for (let i = 0; i < p.length; i++) h.push(t[i]!, code[i]!, obj[i]!, a[i]!, b[i]!);
  }
  return h.hex();
}

// ---- world digest ----------------------------------------------------------------------

/** A streaming two-lane hasher over 32-bit words (the same word step as rows). */
class WordHasher {
  a = SEED_A | 0;
  b = SEED_B | 0;
  words = 0;

  word(w: number): void {
    let k = Math.imul(w | 0, C1);
    k = Math.imul((k << 15) | (k >>> 17), C2);
    let ha = this.a ^ k;
    ha = (Math.imul((ha << 13) | (ha >>> 19), 5) + N) | 0;
    let hb = Math.imul(this.b ^ k, P);
    hb = (hb << 17) | (hb >>> 15);
    this.a = ha;
    this.b = hb;
    this.words++;
  }

  hex(): string {
    return finish(this.a, this.b, this.words);
  }
}

const enum Tag {
  Undefined = 1,
  Null,
  False,
  True,
  Int,
  Float,
  String,
  BigInt,
  Array,
  Hole,
  Object,
  Map,
  Set,
  View,
  ArrayBuffer,
  Ref,
  Date,
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function hashFloat(h: WordHasher, v: number): void {
  f64[0] = v;
  // Byte order written out explicitly so the digest does not depend on the platform's.
  const x = f64Bytes;
  if (LITTLE_ENDIAN) {
    h.word(x[0]! | (x[1]! << 8) | (x[2]! << 16) | (x[3]! << 24));
    h.word(x[4]! | (x[5]! << 8) | (x[6]! << 16) | (x[7]! << 24));
  } else {
    h.word(x[7]! | (x[6]! << 8) | (x[5]! << 16) | (x[4]! << 24));
    h.word(x[3]! | (x[2]! << 8) | (x[1]! << 16) | (x[0]! << 24));
  }
}

function hashString(h: WordHasher, s: string): void {
  h.word(s.length);
  for (let i = 0; i < s.length; i += 2) h.word(s.charCodeAt(i) | ((s.charCodeAt(i + 1) || 0) << 16));
}

function hashBytes(h: WordHasher, u8: Uint8Array): void {
  const n = u8.length;
  h.word(n);
  let i = 0;
  for (; i + 4 <= n; i += 4) h.word(u8[i]! | (u8[i + 1]! << 8) | (u8[i + 2]! << 16) | (u8[i + 3]! << 24));
  let last = 0;
  for (let s = 0; i < n; i++, s += 8) last |= u8[i]! << s;
  if (n & 3) h.word(last);
}

/**
 * A deterministic digest of a world (or any structured-clonable value): object keys in
 * sorted order, arrays in order, typed arrays by content (and by which buffer and offset
 * they view), numbers by their float64 bits. Aliasing is part of the digest: an object
 * met a second time hashes as a reference to its first visit, so a restore that turned one
 * shared object into two copies (or the reverse) gives a different digest.
 *
 * It throws on what a keyframe cannot hold faithfully (functions, symbols, class instances:
 * structuredClone would drop their prototype), naming the path: a check that the world is
 * plain data.
 */
export function worldDigest(value: unknown): string {
  const h = new WordHasher();
  const seen = new Map<object, number>();
  walk(h, value, seen, '$');
  return h.hex();
}

const TYPED_NAMES = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
];

function walk(h: WordHasher, v: unknown, seen: Map<object, number>, path: string): void {
  switch (typeof v) {
    case 'undefined':
      h.word(Tag.Undefined);
      return;
    case 'boolean':
      h.word(v ? Tag.True : Tag.False);
      return;
    case 'number':
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0)) {
        h.word(Tag.Int);
        h.word(v);
      } else {
        h.word(Tag.Float);
        hashFloat(h, v);
      }
      return;
    case 'string':
      h.word(Tag.String);
      hashString(h, v);
      return;
    case 'bigint':
      h.word(Tag.BigInt);
      hashString(h, v.toString(16));
      return;
    case 'function':
    case 'symbol':
      throw new TypeError(`worldDigest: ${typeof v} at ${path} cannot be part of a world`);
  }
  if (v === null) {
    h.word(Tag.Null);
    return;
  }
  const o = v as object;
  const first = seen.get(o);
  if (first !== undefined) {
    h.word(Tag.Ref);
    h.word(first);
    return;
  }
  seen.set(o, seen.size);
  if (ArrayBuffer.isView(o)) {
    hashView(h, o, seen, path);
    return;
  }
  if (o instanceof ArrayBuffer) {
    h.word(Tag.ArrayBuffer);
    hashBytes(h, new Uint8Array(o));
    return;
  }
  if (Array.isArray(o)) {
    h.word(Tag.Array);
    h.word(o.length);
    for (let i = 0; i < o.length; i++) {
      if (i in o) walk(h, o[i], seen, `${path}[${i}]`);
      else h.word(Tag.Hole);
    }
    return;
  }
  if (o instanceof Map) {
    // Insertion order is what iteration sees, and structuredClone keeps it: hash in that order.
    h.word(Tag.Map);
    h.word(o.size);
    let i = 0;
    for (const [k, x] of o) {
      walk(h, k, seen, `${path}.<key ${i}>`);
      walk(h, x, seen, `${path}.<value ${i}>`);
      i++;
    }
    return;
  }
  if (o instanceof Set) {
    h.word(Tag.Set);
    h.word(o.size);
    let i = 0;
    for (const x of o) walk(h, x, seen, `${path}.<item ${i++}>`);
    return;
  }
  if (o instanceof Date) {
    h.word(Tag.Date);
    hashFloat(h, o.getTime());
    return;
  }
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? '?';
    throw new TypeError(`worldDigest: instance of ${name} at ${path}: a world holds plain data only`);
  }
  const keys = Object.keys(o).sort();
  h.word(Tag.Object);
  h.word(keys.length);
  const rec = o as Record<string, unknown>;
  for (const k of keys) {
    hashString(h, k);
    walk(h, rec[k], seen, `${path}.${k}`);
  }
}

function hashView(h: WordHasher, view: ArrayBufferView, seen: Map<object, number>, path: string): void {
  const name = Object.getPrototypeOf(view)?.constructor?.name as string;
  const kind = TYPED_NAMES.indexOf(name);
  if (kind < 0) throw new TypeError(`worldDigest: unknown view ${name} at ${path}`);
  h.word(Tag.View);
  h.word(kind);
  // The buffer behind the view is an object of its own (structuredClone copies all of it):
  // two views of one buffer must stay two views of one buffer after a clone.
  const buf = view.buffer;
  const firstBuf = seen.get(buf);
  if (firstBuf !== undefined) {
    h.word(Tag.Ref);
    h.word(firstBuf);
  } else {
    seen.set(buf, seen.size);
    h.word(Tag.ArrayBuffer);
    hashBytes(h, new Uint8Array(buf));
  }
  h.word(view.byteOffset);
  h.word(view.byteLength);
}
