import { describe, expect, it } from 'vitest';
import {
  consumedMask,
  highlighted,
  labelIndex,
  moveByKey,
  rowMask,
  rowOffset,
  sameRowContent,
} from './hex-model';
import type { InspectHex } from './types';

function hexOf(n: number, over: Partial<InspectHex> = {}): InspectHex {
  return {
    bytes: Array.from({ length: n }, (_, i) => i & 0xff),
    labels: [
      { name: 'a', offset: 0, length: 4, group: 'G', cid: -1 },
      { name: 'b', offset: 4, length: 20, group: 'G', cid: 1 },
      { name: 'a', offset: 24, length: n - 24, group: 'H', cid: 2 },
    ],
    base: 0,
    modulo: 0,
    consumed: [[2, 5]],
    consumedWhy: 'why',
    total: n,
    caption: '',
    ...over,
  };
}

describe('hex model', () => {
  it('maps every byte to its label and marks consumed runs', () => {
    const h = hexOf(40);
    const at = labelIndex(h);
    expect(Array.from(at.slice(0, 6))).toEqual([0, 0, 0, 0, 1, 1]);
    expect(at[24]).toBe(2);
    expect(Array.from(consumedMask(h).slice(0, 8))).toEqual([0, 0, 1, 1, 1, 1, 1, 0]);
  });

  it('highlights the label under a byte, else every label with the pinned name', () => {
    const h = hexOf(40);
    const at = labelIndex(h);
    expect([...highlighted(h, at, 5, 'a')]).toEqual([1]);
    expect([...highlighted(h, at, null, 'a')]).toEqual([0, 2]);
    expect([...highlighted(h, at, null, null)]).toEqual([]);
    // Row 1 holds bytes 16..31: label b up to 23, then the second 'a'.
    expect(rowMask(1, at, new Set([1]))).toBe(0xff);
    expect(rowMask(1, at, new Set([2]))).toBe(0xff00);
  });

  it('offsets count from the base, modulo a ring buffer', () => {
    expect(rowOffset(hexOf(40, { base: 0x20 }), 1)).toBe('0030');
    expect(rowOffset(hexOf(40, { base: 1000, modulo: 1024 }), 2)).toBe('0008');
    expect(rowOffset(hexOf(40, { base: 0x1fff0 }), 0)).toBe('1fff0');
  });

  it('keys move within the bytes and nowhere else', () => {
    expect(moveByKey('ArrowRight', false, 0, 40)).toBe(1);
    expect(moveByKey('ArrowLeft', false, 0, 40)).toBe(0);
    expect(moveByKey('ArrowDown', false, 30, 40)).toBe(39);
    expect(moveByKey('ArrowUp', false, 20, 40)).toBe(4);
    expect(moveByKey('Home', false, 20, 40)).toBe(16);
    expect(moveByKey('End', false, 33, 40)).toBe(39);
    expect(moveByKey('End', true, 3, 40)).toBe(39);
    expect(moveByKey('Home', true, 33, 40)).toBe(0);
    expect(moveByKey('PageDown', false, 0, 400)).toBe(128);
    expect(moveByKey('a', false, 0, 40)).toBeNull();
    expect(moveByKey('ArrowRight', false, 0, 0)).toBeNull();
  });
});

describe('sameRowContent', () => {
  const data = (hex: InspectHex) => ({
    bytes: hex.bytes,
    at: labelIndex(hex),
    gone: consumedMask(hex),
    labels: hex.labels,
  });
  it('is true for equal rows in new arrays, false when a byte, a field, a PDU or a consumed mark differs', () => {
    const a = data(hexOf(40));
    expect(sameRowContent(a, data(hexOf(40)), 0)).toBe(true);
    expect(sameRowContent(a, data(hexOf(40)), 2)).toBe(true);
    const byte = hexOf(40);
    byte.bytes = byte.bytes.map((b, i) => (i === 20 ? b ^ 1 : b));
    expect(sameRowContent(a, data(byte), 0)).toBe(true);
    expect(sameRowContent(a, data(byte), 1)).toBe(false);
    const pdu = hexOf(40);
    pdu.labels = pdu.labels.map((l, i) => (i === 2 ? { ...l, cid: 7 } : l));
    expect(sameRowContent(a, data(pdu), 0)).toBe(true);
    expect(sameRowContent(a, data(pdu), 1)).toBe(false);
    expect(sameRowContent(a, data(hexOf(40, { consumed: [[2, 6]] })), 0)).toBe(false);
    // The last row grows as bytes arrive.
    expect(sameRowContent(a, data(hexOf(44)), 2)).toBe(false);
  });
});
