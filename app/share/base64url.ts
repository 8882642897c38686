/**
 * Strict base64url (RFC 4648 §5) without padding. Strict means one text per byte string: only the
 * 64 URL-safe letters, no '=', no length that leaves 6 dangling bits, and unused trailing bits
 * zero. A link that was retyped or cut somewhere is then caught here, with the position named.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Why a text is not strict base64url: `at` is the 0-based index of the first bad character. */
export type Base64Result =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; at: number; reason: 'character' | 'length' | 'trailing-bits' };

export function fromBase64url(text: string): Base64Result {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || VALUE[c] === -1) return { ok: false, at: i, reason: 'character' };
  }
  if (text.length % 4 === 1) return { ok: false, at: text.length - 1, reason: 'length' };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  const v = (k: number) => VALUE[text.charCodeAt(k)]!;
  for (; i + 3 < text.length; i += 4) {
    const n = (v(i) << 18) | (v(i + 1) << 12) | (v(i + 2) << 6) | v(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = text.length - i;
  if (rest === 2) {
    const n = (v(i) << 18) | (v(i + 1) << 12);
    if ((n & 0xffff) !== 0) return { ok: false, at: i + 1, reason: 'trailing-bits' };
    out[o++] = n >> 16;
  } else if (rest === 3) {
    const n = (v(i) << 18) | (v(i + 1) << 12) | (v(i + 2) << 6);
    if ((n & 0xff) !== 0) return { ok: false, at: i + 2, reason: 'trailing-bits' };
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
  }
  return { ok: true, bytes: out };
}
