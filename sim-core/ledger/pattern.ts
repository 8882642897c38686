/**
 * The payload pattern: the byte a host writes at offset `off` of command `cid` is a pure
 * function of (cid, off), so any byte found anywhere (ring, skb, pipe, request buffer) can
 * be traced back to where it must land, and integrity is checked against it.
 * The byte mixes the command id and the offset so that two commands or two offsets that
 * differ give different bytes in most positions (a misplaced copy is caught).
 */
export function patternByte(cid: number, off: number): number {
  let x = Math.imul(off ^ (cid << 16) ^ (cid >>> 16), 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca77);
  return (x >>> 24) & 0xff;
}

export function fillPattern(dst: Uint8Array, dstOff: number, cid: number, off: number, len: number): void {
  for (let i = 0; i < len; i++) dst[dstOff + i] = patternByte(cid, off + i);
}

/** Index (relative to `srcOff`) of the first byte that differs from the pattern, or -1. */
export function checkPattern(src: Uint8Array, srcOff: number, cid: number, off: number, len: number): number {
  for (let i = 0; i < len; i++) if (src[srcOff + i] !== patternByte(cid, off + i)) return i;
  return -1;
}
