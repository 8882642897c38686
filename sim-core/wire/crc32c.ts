/**
 * CRC-32C (Castagnoli), as used for the NVMe/TCP header and data digests.
 *
 * Reflected polynomial 0x82F63B78, register preset to all ones, result
 * inverted: the standard CRC-32C ("123456789" -> 0xE3069283). Table driven,
 * slicing-by-8: data digests run over every payload byte of the simulation,
 * so this is one of the few places in wire/ where speed matters.
 */

const POLY = 0x82f63b78;

/**
 * Eight 256-entry tables back to back. Table k maps a byte to the register
 * contribution of that byte followed by k zero bytes, which lets the main loop
 * fold eight input bytes per step. Int32Array keeps entries in V8's small
 * integer range (XOR yields int32 anyway).
 */
const T = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = (c >>> 8) ^ t[c & 0xff]!;
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/** Register state before any byte has been fed. */
export const CRC32C_INIT = 0xffffffff;

function checkRange(bytes: Uint8Array, start: number, end: number): void {
  if (
    !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length)
  ) {
    throw new RangeError(`crc32c: range [${start}, ${end}) is not within 0..${bytes.length}`);
  }
}

/**
 * Feed bytes[start, end) into a running register `state` (start from
 * CRC32C_INIT) and return the new register. Use this to digest data spread
 * over several buffers; finish with crc32cFinal.
 */
export function crc32cUpdate(state: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  checkRange(bytes, start, end);
  let c = state | 0;
  let i = start;
  const stop8 = end - ((end - start) & 7);
  for (; i < stop8; i += 8) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    const hi = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
    c =
      T[1792 + (lo & 0xff)]! ^
      T[1536 + ((lo >>> 8) & 0xff)]! ^
      T[1280 + ((lo >>> 16) & 0xff)]! ^
      T[1024 + (lo >>> 24)]! ^
      T[768 + (hi & 0xff)]! ^
      T[512 + ((hi >>> 8) & 0xff)]! ^
      T[256 + ((hi >>> 16) & 0xff)]! ^
      T[hi >>> 24]!;
  }
  for (; i < end; i++) c = (c >>> 8) ^ T[(c ^ bytes[i]!) & 0xff]!;
  return c >>> 0;
}

/** Turn a register into the CRC value (final inversion). */
export function crc32cFinal(state: number): number {
  return ~state >>> 0;
}

/**
 * CRC-32C of bytes[start, end). `init` is a previous CRC-32C result to
 * continue from (zlib convention), so crc32c(b, 0, n, crc32c(a)) equals the
 * CRC of a followed by b; the default 0 gives the plain standard CRC-32C,
 * which is exactly the NVMe/TCP digest value.
 */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length, init = 0): number {
  return crc32cFinal(crc32cUpdate(~init >>> 0, bytes, start, end));
}
