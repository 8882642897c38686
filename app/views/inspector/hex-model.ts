/**
 * Pure helpers of the hex view: which label each byte belongs to, which bytes to highlight, row
 * offsets, the ASCII column, and keyboard moves in the grid.
 */
import type { HexLabel, InspectHex } from './types';

export const BYTES_PER_ROW = 16;

/** Label index of every byte (labels tile the bytes; -1 only if a view broke that promise). */
export function labelIndex(hex: InspectHex): Int32Array {
  const at = new Int32Array(hex.bytes.length).fill(-1);
  hex.labels.forEach((l, k) => {
    for (let i = l.offset; i < l.offset + l.length && i < at.length; i++) at[i] = k;
  });
  return at;
}

/** Consumed flag of every byte. */
export function consumedMask(hex: InspectHex): Uint8Array {
  const m = new Uint8Array(hex.bytes.length);
  for (const [a, n] of hex.consumed) m.fill(1, a, Math.min(m.length, a + n));
  return m;
}

/** Labels to highlight: the one under `byte` if any, else every label named `pinned`. */
export function highlighted(
  hex: InspectHex,
  at: Int32Array,
  byte: number | null,
  pinned: string | null,
): Set<number> {
  const out = new Set<number>();
  if (byte !== null && byte >= 0 && byte < at.length) {
    const k = at[byte]!;
    if (k >= 0) out.add(k);
    return out;
  }
  if (pinned !== null) {
    hex.labels.forEach((l, k) => {
      if (l.name === pinned) out.add(k);
    });
  }
  return out;
}

/** Bit i set when byte (row * 16 + i) belongs to a highlighted label. */
export function rowMask(row: number, at: Int32Array, hl: Set<number>): number {
  if (hl.size === 0) return 0;
  let m = 0;
  for (let i = 0; i < BYTES_PER_ROW; i++) {
    const k = at[row * BYTES_PER_ROW + i];
    if (k !== undefined && hl.has(k)) m |= 1 << i;
  }
  return m;
}

/** The offset shown for a row, in hex (modulo the ring size for a ring buffer). */
export function rowOffset(hex: InspectHex, row: number): string {
  let off = hex.base + row * BYTES_PER_ROW;
  if (hex.modulo > 0) off %= hex.modulo;
  const width = Math.max(4, (hex.base + hex.bytes.length).toString(16).length);
  return off.toString(16).padStart(width, '0');
}

export function asciiOf(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

export function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Where a key moves the active byte (null: the key is not the grid's). */
export function moveByKey(key: string, ctrl: boolean, i: number, n: number): number | null {
  if (n === 0) return null;
  const row = Math.floor(i / BYTES_PER_ROW);
  const clamp = (x: number) => Math.max(0, Math.min(n - 1, x));
  switch (key) {
    case 'ArrowRight':
      return clamp(i + 1);
    case 'ArrowLeft':
      return clamp(i - 1);
    case 'ArrowDown':
      return clamp(i + BYTES_PER_ROW);
    case 'ArrowUp':
      return clamp(i - BYTES_PER_ROW);
    case 'PageDown':
      return clamp(i + 8 * BYTES_PER_ROW);
    case 'PageUp':
      return clamp(i - 8 * BYTES_PER_ROW);
    case 'Home':
      return ctrl ? 0 : row * BYTES_PER_ROW;
    case 'End':
      return ctrl ? n - 1 : clamp(row * BYTES_PER_ROW + BYTES_PER_ROW - 1);
    default:
      return null;
  }
}

/** What one row draws from its hex: the bytes, their fields (index and PDU) and consumed marks. */
export interface RowData {
  bytes: readonly number[];
  at: Int32Array;
  gone: Uint8Array;
  labels: readonly HexLabel[];
}

/**
 * True when row `row` draws the same in both (every answer brings new arrays, mostly with the
 * same bytes: comparing a row's 16 bytes is far cheaper than re-rendering its cells).
 */
export function sameRowContent(a: RowData, b: RowData, row: number): boolean {
  const start = row * BYTES_PER_ROW;
  const endA = Math.min(a.bytes.length, start + BYTES_PER_ROW);
  const endB = Math.min(b.bytes.length, start + BYTES_PER_ROW);
  if (endA !== endB) return false;
  for (let i = start; i < endA; i++) {
    if (a.bytes[i] !== b.bytes[i] || a.at[i] !== b.at[i] || a.gone[i] !== b.gone[i]) return false;
    if (a.labels[a.at[i]!]?.cid !== b.labels[b.at[i]!]?.cid) return false;
  }
  return true;
}
