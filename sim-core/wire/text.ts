/**
 * UTF-8 for fixed-size, NUL-padded string fields (NVMe qualified names).
 * Written here because wire/ may not use TextEncoder/TextDecoder (they are
 * DOM/Node APIs, outside the ES2022 library this folder compiles against).
 */

/** UTF-8 bytes of `s`; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * Decode bytes[start, end) as UTF-8 the way the WHATWG decoder does (what
 * TextDecoder gives): each maximal invalid subsequence becomes one U+FFFD;
 * never an exception.
 */
export function utf8Decode(b: Uint8Array, start = 0, end = b.length): string {
  const units: number[] = [];
  let cp = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = start; i < end; i++) {
    const x = b[i]!;
    if (needed === 0) {
      if (x < 0x80) units.push(x);
      else if (x >= 0xc2 && x <= 0xdf) {
        needed = 1;
        cp = x & 0x1f;
      } else if (x >= 0xe0 && x <= 0xef) {
        // Bounds on the second byte exclude overlong forms and surrogates.
        if (x === 0xe0) lower = 0xa0;
        if (x === 0xed) upper = 0x9f;
        needed = 2;
        cp = x & 0x0f;
      } else if (x >= 0xf0 && x <= 0xf4) {
        // ...and overlong forms and code points past U+10FFFF.
        if (x === 0xf0) lower = 0x90;
        if (x === 0xf4) upper = 0x8f;
        needed = 3;
        cp = x & 0x07;
      } else units.push(0xfffd);
      continue;
    }
    if (x < lower || x > upper) {
      // Abandon the sequence; the byte is looked at again as a fresh start.
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      units.push(0xfffd);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (x & 0x3f);
    if (++seen === needed) {
      if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      else units.push(cp);
      cp = needed = seen = 0;
    }
  }
  if (needed !== 0) units.push(0xfffd);
  let s = '';
  for (let k = 0; k < units.length; k += 4096) s += String.fromCharCode(...units.slice(k, k + 4096));
  return s;
}

/** Decode a NUL-terminated (or field-filling) string from bytes[start, start+size). */
export function readCString(b: Uint8Array, start: number, size: number): string {
  let end = start;
  const limit = Math.min(start + size, b.length);
  while (end < limit && b[end] !== 0) end++;
  return utf8Decode(b, start, end);
}

/**
 * Write `s` into a `size`-byte field, NUL-padded. Throws if it does not fit
 * with its terminating NUL or contains NUL (it would not read back).
 */
export function writeCString(buf: Uint8Array, start: number, size: number, s: string, what: string): void {
  const enc = utf8Encode(s);
  if (enc.length >= size) throw new RangeError(`${what}: ${enc.length} bytes, must be under ${size}`);
  if (enc.includes(0)) throw new RangeError(`${what}: contains a NUL character`);
  buf.set(enc, start);
  buf.fill(0, start + enc.length, start + size);
}
