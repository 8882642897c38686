import { describe, expect, it } from 'vitest';
import { C_IOBUF_GET } from './codes';
import { iobufGet, iobufPut, requestGetBuffers } from './iobuf';
import { harness, nvmfScenario, rows } from './testkit';

function pool(numSharedBuffers: number, bufCacheSize: number) {
  return harness(nvmfScenario({ numSharedBuffers, bufCacheSize, ioUnitSize: 4096 }));
}

describe('spdk_iobuf_get / spdk_iobuf_put', () => {
  it('fills the cache at start, hands out the cache head first', () => {
    const h = pool(10, 3);
    const p = h.sim.w.nvmf.iobuf;
    expect(p.cache).toEqual([0, 1, 2]);
    expect(p.ring).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect([iobufGet(h.sim, 0, false), iobufGet(h.sim, 0, false)]).toEqual([0, 1]);
    expect(p.owner.slice(0, 3)).toEqual([0, 0, -1]);
  });

  it('an empty cache takes a batch from the pool: all but the last go to the cache head', () => {
    const h = pool(10, 3);
    const p = h.sim.w.nvmf.iobuf;
    for (let i = 0; i < 3; i++) iobufGet(h.sim, 0, false);
    expect(iobufGet(h.sim, 0, false)).toBe(5);
    expect(p.cache).toEqual([4, 3]);
    expect(rows(h, C_IOBUF_GET).map((r) => r.b)).toEqual([0, 0, 0, 1]);
  });

  it('a cache of size 0 takes and returns one buffer at a time', () => {
    const h = pool(4, 0);
    const p = h.sim.w.nvmf.iobuf;
    expect(iobufGet(h.sim, 0, false)).toBe(0);
    expect(p.cache).toEqual([]);
    iobufPut(h.sim, 0);
    expect(p.ring).toEqual([1, 2, 3, 0]);
  });

  it('returns a batch to the pool only once the cache is a batch over its size', () => {
    const h = pool(10, 2);
    const p = h.sim.w.nvmf.iobuf;
    const got = [0, 1, 2, 3].map(() => iobufGet(h.sim, 0, false));
    for (const b of got) iobufPut(h.sim, b);
    // cache size 2, batch min(32, 2) = 2: at 4 cached, the 2 at the head go back.
    expect(p.cache.length).toBe(2);
    expect(p.ring.length + p.cache.length).toBe(10);
  });

  it('queues a request when nothing is left, and hands the next returned buffer to it', () => {
    const h = pool(2, 0);
    const n = h.sim.w.nvmf;
    const a = n.reqs[0]!;
    const b = n.reqs[1]!;
    a.state = 3;
    b.state = 2;
    n.stateCntr[0]! -= 2;
    n.stateCntr[3]!++;
    n.stateCntr[2]!++;
    expect(requestGetBuffers(h.sim, a, 8192)).toBe(0);
    expect(requestGetBuffers(h.sim, b, 8192)).toBe(-12);
    expect(n.iobuf.queue).toEqual([1]);
    expect(b.iobufRemaining).toBe(8192);
    iobufPut(h.sim, 0);
    // One buffer in, one still missing: it queues again and keeps its place at the head.
    expect(b.iov.map((v) => v.idx)).toEqual([0]);
    expect(n.iobuf.queue).toEqual([1]);
    expect(n.iobuf.owner[0]).toBe(1);
  });
});
