import { describe, expect, it } from 'vitest';
import { ByteArena } from './arena';

describe('ByteArena', () => {
  it('hands out zeroed, 8-byte aligned, non-overlapping views of one slab', () => {
    const a = new ByteArena(64);
    const x = a.alloc(5);
    const y = a.alloc(10);
    expect(x.buffer).toBe(y.buffer);
    expect(x.byteOffset).toBe(0);
    expect(y.byteOffset).toBe(8);
    x.fill(0xff);
    expect(y.every((v) => v === 0)).toBe(true);
    expect(y.length).toBe(10);
  });

  it('starts a new slab when full, and gives oversized requests their own', () => {
    const a = new ByteArena(16);
    const x = a.alloc(12);
    const y = a.alloc(8);
    expect(y.buffer).not.toBe(x.buffer);
    const big = a.alloc(100);
    expect(big.length).toBe(100);
    expect(big.buffer.byteLength).toBe(100);
    expect(a.alloc(0).length).toBe(0);
    expect(() => a.alloc(-1)).toThrow(RangeError);
    expect(() => new ByteArena(0)).toThrow(RangeError);
  });
});
