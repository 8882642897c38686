import { describe, it, expect } from 'vitest';
import type { Iov } from '../../engine/iov';
import { dataBytesOf, spdkIovcpy } from './iovcpy';

const iov = (buf: Uint8Array, off: number, len: number, kind?: Iov['kind']): Iov => ({ buf, off, len, kind });

describe('spdk_iovcpy', () => {
  it('copies across differently cut scatter lists, in order', () => {
    const src = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    const d1 = new Uint8Array(8);
    const d2 = new Uint8Array(8);
    const n = spdkIovcpy([iov(src, 0, 3), iov(src, 3, 7)], [iov(d1, 2, 4), iov(d2, 0, 8)]);
    expect(n).toBe(10);
    expect([...d1]).toEqual([0, 0, 1, 2, 3, 4, 0, 0]);
    expect([...d2]).toEqual([5, 6, 7, 8, 9, 10, 0, 0]);
  });

  it('stops at the shorter side and skips empty iovecs', () => {
    const src = Uint8Array.from([9, 8, 7, 6]);
    const d = new Uint8Array(3);
    expect(spdkIovcpy([iov(src, 0, 0), iov(src, 0, 4)], [iov(d, 0, 0), iov(d, 0, 3)])).toBe(3);
    expect([...d]).toEqual([9, 8, 7]);
    expect(spdkIovcpy([iov(src, 0, 4)], [])).toBe(0);
  });
});

describe('dataBytesOf', () => {
  it('counts the bytes of a fill that land in request buffers', () => {
    const b = new Uint8Array(100);
    const iovs = [
      iov(b, 0, 72, 'pdu-header'),
      iov(b, 0, 20, 'data'),
      iov(b, 0, 4, 'digest'),
      iov(b, 0, 10, 'data'),
    ];
    expect(dataBytesOf(iovs, 80)).toBe(8);
    expect(dataBytesOf(iovs, 96)).toBe(20);
    expect(dataBytesOf(iovs, 106)).toBe(30);
    expect(dataBytesOf(iovs, 0)).toBe(0);
  });
});
