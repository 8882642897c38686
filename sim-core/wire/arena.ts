/**
 * Bump allocator handing out views into large zeroed slabs.
 *
 * Why: on V8 every `new Uint8Array(n)` with n > 64 gets its own off-heap
 * backing store, which costs ~0.5-1 us per call under load (measured: more
 * than checksumming a full-size frame). At ~800k frames/s that dominates, so
 * the frame emitter can carve its output out of a slab instead (~0.07 us).
 *
 * The price: views share `.buffer` with their neighbours. Do not transfer
 * (postMessage transfer list) or wrap `.buffer` of an arena view; copy with
 * `.slice()` first. A slab stays alive while any view into it does.
 */
export class ByteArena {
  private slab: Uint8Array;
  private used = 0;
  readonly slabSize: number;

  constructor(slabSize = 1 << 20) {
    if (!(Number.isInteger(slabSize) && slabSize > 0))
      throw new RangeError(`ByteArena: bad slab size ${slabSize}`);
    this.slabSize = slabSize;
    this.slab = new Uint8Array(slabSize);
  }

  /** A fresh, zero-filled view of `n` bytes (8-byte aligned start). */
  alloc(n: number): Uint8Array {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`ByteArena: bad size ${n}`);
    if (this.used + n > this.slab.length) {
      // Oversized requests get a slab of their own.
      this.slab = new Uint8Array(Math.max(this.slabSize, n));
      this.used = 0;
    }
    const v = this.slab.subarray(this.used, this.used + n);
    this.used = (this.used + n + 7) & ~7;
    return v;
  }
}
