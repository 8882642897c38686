/**
 * The payload pattern: the byte a host writes at offset `off` of command `cid` is a pure
 * function of (cid, off), so any byte found anywhere (ring, skb, pipe, request buffer) can
 * be traced back to where it must land, and integrity is checked against it.
 *
 * It is defined on little-endian 32-bit words: word k of command cid is a bijective mix of
 * k * K1 + cid * K2 (K1, K2 odd), and byte `off` is byte (off & 3) of word off >> 2. So two
 * different offsets of one command, or one offset of two commands, never share a word, and
 * filling or checking costs one multiply per four bytes (it runs over every payload byte).
 */
const K1 = 0x9e3779b1;
const K2 = 0x85ebca77;

export function patternWord(cid: number, k: number): number {
  const x = (Math.imul(k, K1) + Math.imul(cid, K2)) | 0;
  return (x ^ (x >>> 15)) >>> 0;
}

export function patternByte(cid: number, off: number): number {
  return (patternWord(cid, off >>> 2) >>> ((off & 3) << 3)) & 0xff;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function wordView(b: Uint8Array, at: number, words: number): Uint32Array | null {
  if (!LITTLE_ENDIAN || ((b.byteOffset + at) & 3) !== 0 || words === 0) return null;
  return new Uint32Array(b.buffer, b.byteOffset + at, words);
}

export function fillPattern(dst: Uint8Array, dstOff: number, cid: number, off: number, len: number): void {
  let i = 0;
  while (i < len && ((off + i) & 3) !== 0) {
    dst[dstOff + i] = patternByte(cid, off + i);
    i++;
  }
  const words = (len - i) >>> 2;
  const view = wordView(dst, dstOff + i, words);
  if (view !== null) {
    const k0 = (off + i) >>> 2;
    for (let j = 0; j < words; j++) {
      const x = (Math.imul(k0 + j, K1) + Math.imul(cid, K2)) | 0;
      view[j] = x ^ (x >>> 15);
    }
    i += words * 4;
  }
  for (; i < len; i++) dst[dstOff + i] = patternByte(cid, off + i);
}

/** Index (relative to `srcOff`) of the first byte that differs from the pattern, or -1. */
export function checkPattern(src: Uint8Array, srcOff: number, cid: number, off: number, len: number): number {
  let i = 0;
  while (i < len && ((off + i) & 3) !== 0) {
    if (src[srcOff + i] !== patternByte(cid, off + i)) return i;
    i++;
  }
  const words = (len - i) >>> 2;
  const view = wordView(src, srcOff + i, words);
  if (view !== null) {
    const k0 = (off + i) >>> 2;
    for (let j = 0; j < words; j++) {
      const x = (Math.imul(k0 + j, K1) + Math.imul(cid, K2)) | 0;
      if (view[j] !== (x ^ (x >>> 15)) >>> 0) {
        // Find the exact byte inside the bad word.
        for (let b = 0; b < 4; b++) {
          const at = i + j * 4 + b;
          if (src[srcOff + at] !== patternByte(cid, off + at)) return at;
        }
      }
    }
    i += words * 4;
  }
  for (; i < len; i++) if (src[srcOff + i] !== patternByte(cid, off + i)) return i;
  return -1;
}
