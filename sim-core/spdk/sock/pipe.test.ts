import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Iov } from '../../engine/iov';
import {
  EINVAL,
  type SpdkPipe,
  spdkPipeCreate,
  spdkPipeReaderAdvance,
  spdkPipeReaderBytesAvailable,
  spdkPipeReaderGetBuffer,
  spdkPipeWriterAdvance,
  spdkPipeWriterGetBuffer,
} from './pipe';

const spans = (iovs: Iov[]) => iovs.map((v) => [v.off, v.len]);

/** A pipe in an exact state (offsets and flag), for cases reachable only through wraps. */
function pipeAt(sz: number, read: number, write: number, full = false): SpdkPipe {
  return { ...spdkPipeCreate(new Uint8Array(sz), 7), read, write, full };
}

describe('spdk_pipe_create', () => {
  it('starts empty at offset 0 over the whole buffer', () => {
    const p = spdkPipeCreate(new Uint8Array(100), 3);
    expect(p).toMatchObject({ id: 3, sz: 100, read: 0, write: 0, full: false });
    expect(spdkPipeReaderBytesAvailable(p)).toBe(0);
  });
});

describe('spdk_pipe_writer_get_buffer', () => {
  it('gives one iovec of min(requested, size) on an empty pipe, tagged as pipe memory', () => {
    const p = spdkPipeCreate(new Uint8Array(64), 9);
    const g = spdkPipeWriterGetBuffer(p, 40);
    expect(g.bytes).toBe(40);
    expect(g.iovs).toHaveLength(1);
    expect(g.iovs[0]).toMatchObject({ off: 0, len: 40, kind: 'pipe', owner: 9 });
    expect(g.iovs[0]!.buf).toBe(p.buf);
    expect(spdkPipeWriterGetBuffer(p, 1000).bytes).toBe(64);
  });

  it('gives nothing for a zero request or a full pipe', () => {
    expect(spdkPipeWriterGetBuffer(spdkPipeCreate(new Uint8Array(8)), 0)).toEqual({ iovs: [], bytes: 0 });
    expect(spdkPipeWriterGetBuffer(pipeAt(8, 3, 3, true), 8).bytes).toBe(0);
  });

  it('splits in two when the free space wraps (read <= write)', () => {
    const p = pipeAt(16, 4, 10);
    const g = spdkPipeWriterGetBuffer(p, 100);
    expect(spans(g.iovs)).toEqual([
      [10, 6],
      [0, 4],
    ]);
    expect(g.bytes).toBe(10);
    // A request that fits before the end stays one iovec.
    expect(spans(spdkPipeWriterGetBuffer(p, 6).iovs)).toEqual([[10, 6]]);
    expect(spans(spdkPipeWriterGetBuffer(p, 8).iovs)).toEqual([
      [10, 6],
      [0, 2],
    ]);
  });

  it('gives the gap between write and read when the data wraps (read > write)', () => {
    const g = spdkPipeWriterGetBuffer(pipeAt(16, 12, 5), 100);
    expect(spans(g.iovs)).toEqual([[5, 7]]);
  });

  it('gives only the tail when read is at 0 (nothing free at the start)', () => {
    expect(spans(spdkPipeWriterGetBuffer(pipeAt(16, 0, 10), 100).iovs)).toEqual([[10, 6]]);
  });
});

describe('spdk_pipe_writer_advance', () => {
  it('moves write forward and wraps it to 0 at the end', () => {
    const p = pipeAt(16, 4, 10);
    expect(spdkPipeWriterAdvance(p, 6)).toBe(0);
    expect(p.write).toBe(0);
    expect(p.full).toBe(false);
  });

  it('continues at the start when the advance crosses the end', () => {
    const p = pipeAt(16, 4, 10);
    expect(spdkPipeWriterAdvance(p, 8)).toBe(0);
    expect(p.write).toBe(2);
  });

  it('sets full when write catches up with read (no byte kept free)', () => {
    const p = spdkPipeCreate(new Uint8Array(16));
    expect(spdkPipeWriterAdvance(p, 16)).toBe(0);
    expect(p).toMatchObject({ read: 0, write: 0, full: true });
    expect(spdkPipeReaderBytesAvailable(p)).toBe(16);
    const q = pipeAt(16, 12, 5);
    expect(spdkPipeWriterAdvance(q, 7)).toBe(0);
    expect(q).toMatchObject({ write: 12, full: true });
  });

  it('refuses to advance past the free space and changes nothing', () => {
    const cases: [SpdkPipe, number][] = [
      [pipeAt(16, 4, 10), 11],
      [pipeAt(16, 12, 5), 8],
      [pipeAt(16, 0, 0), 17],
      [pipeAt(16, 3, 3, true), 1],
    ];
    for (const [p, n] of cases) {
      const before = { ...p };
      expect(spdkPipeWriterAdvance(p, n)).toBe(EINVAL);
      expect(p).toEqual(before);
    }
  });

  it('treats an advance by 0 as a no-op (never marks an empty pipe full)', () => {
    const p = spdkPipeCreate(new Uint8Array(16));
    expect(spdkPipeWriterAdvance(p, 0)).toBe(0);
    expect(p.full).toBe(false);
    expect(spdkPipeReaderBytesAvailable(p)).toBe(0);
  });
});

describe('spdk_pipe_reader_bytes_available', () => {
  it('counts bytes in every layout', () => {
    expect(spdkPipeReaderBytesAvailable(pipeAt(16, 5, 5))).toBe(0);
    expect(spdkPipeReaderBytesAvailable(pipeAt(16, 5, 5, true))).toBe(16);
    expect(spdkPipeReaderBytesAvailable(pipeAt(16, 2, 9))).toBe(7);
    expect(spdkPipeReaderBytesAvailable(pipeAt(16, 12, 5))).toBe(9);
  });
});

describe('spdk_pipe_reader_get_buffer', () => {
  it('gives nothing when empty or for a zero request', () => {
    expect(spdkPipeReaderGetBuffer(pipeAt(16, 5, 5), 10).bytes).toBe(0);
    expect(spdkPipeReaderGetBuffer(pipeAt(16, 2, 9), 0).bytes).toBe(0);
  });

  it('gives one iovec when the data does not wrap', () => {
    expect(spans(spdkPipeReaderGetBuffer(pipeAt(16, 2, 9), 100).iovs)).toEqual([[2, 7]]);
    expect(spans(spdkPipeReaderGetBuffer(pipeAt(16, 2, 9), 3).iovs)).toEqual([[2, 3]]);
  });

  it('gives two iovecs when the data wraps', () => {
    const g = spdkPipeReaderGetBuffer(pipeAt(16, 12, 5), 100);
    expect(spans(g.iovs)).toEqual([
      [12, 4],
      [0, 5],
    ]);
    expect(g.iovs.every((v) => v.kind === 'pipe' && v.owner === 7)).toBe(true);
    expect(spans(spdkPipeReaderGetBuffer(pipeAt(16, 12, 5), 4).iovs)).toEqual([[12, 4]]);
  });

  it('gives the whole buffer of a full pipe, in two pieces when read is not 0', () => {
    expect(spans(spdkPipeReaderGetBuffer(pipeAt(16, 0, 0, true), 100).iovs)).toEqual([[0, 16]]);
    expect(spans(spdkPipeReaderGetBuffer(pipeAt(16, 6, 6, true), 100).iovs)).toEqual([
      [6, 10],
      [0, 6],
    ]);
  });
});

describe('spdk_pipe_reader_advance', () => {
  it('moves read forward, clears full, wraps across the end', () => {
    const p = pipeAt(16, 6, 6, true);
    expect(spdkPipeReaderAdvance(p, 12)).toBe(0);
    expect(p).toMatchObject({ read: 2, write: 6, full: false });
  });

  it('puts both offsets back to 0 when the pipe is emptied', () => {
    const p = pipeAt(16, 12, 5);
    expect(spdkPipeReaderAdvance(p, 9)).toBe(0);
    expect(p).toMatchObject({ read: 0, write: 0, full: false });
    const q = pipeAt(16, 3, 9);
    expect(spdkPipeReaderAdvance(q, 6)).toBe(0);
    expect(q).toMatchObject({ read: 0, write: 0 });
  });

  it('does nothing for 0', () => {
    const p = pipeAt(16, 3, 9);
    expect(spdkPipeReaderAdvance(p, 0)).toBe(0);
    expect(p).toMatchObject({ read: 3, write: 9 });
  });

  it('refuses to move past the stored bytes and changes nothing', () => {
    const cases: [SpdkPipe, number][] = [
      [pipeAt(16, 3, 9), 7],
      [pipeAt(16, 12, 5), 10],
      [pipeAt(16, 6, 6, true), 17],
      // Empty: v24.09 does not check this layout; the model refuses it.
      [pipeAt(16, 0, 0), 4],
      [pipeAt(16, 5, 5), 1],
    ];
    for (const [p, n] of cases) {
      const before = { ...p };
      expect(spdkPipeReaderAdvance(p, n)).toBe(EINVAL);
      expect(p).toEqual(before);
    }
  });
});

// ---- model-based: the pipe against a plain FIFO of bytes -------------------------------

type Op =
  | { t: 'write'; req: number; take: number; over: number }
  | { t: 'read'; req: number; take: number; over: number };

const opArb = (sz: number): fc.Arbitrary<Op> =>
  fc.record({
    t: fc.constantFrom('write' as const, 'read' as const),
    req: fc.integer({ min: 0, max: sz + 4 }),
    // Fraction of what get_buffer gave that is then advanced (can be all or nothing).
    take: fc.integer({ min: 0, max: 100 }),
    // Sometimes (over > 0) try to advance past what is there first: must be refused.
    over: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: sz + 2 })),
  });

describe('spdk_pipe against a reference FIFO', () => {
  it('keeps content FIFO-exact, never corrupts, and refuses every advance too far', () => {
    let wrapped = 0;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 48 })
          .chain((sz) => fc.tuple(fc.constant(sz), fc.array(opArb(sz), { maxLength: 80 }))),
        ([sz, ops]) => {
          const p = spdkPipeCreate(new Uint8Array(sz), 1);
          const ref: number[] = [];
          let next = 0;
          for (const op of ops) {
            const avail = ref.length;
            if (op.t === 'write') {
              const g = spdkPipeWriterGetBuffer(p, op.req);
              expect(g.bytes).toBe(Math.min(op.req, sz - avail));
              expect(g.iovs.length).toBeLessThanOrEqual(2);
              if (op.over > 0) {
                const before = { ...p };
                expect(spdkPipeWriterAdvance(p, sz - avail + op.over)).toBe(EINVAL);
                expect(p).toEqual(before);
              }
              const n = Math.floor((g.bytes * op.take) / 100);
              // Fill exactly the first n bytes of what was handed out.
              let left = n;
              for (const v of g.iovs) {
                for (let i = 0; i < v.len && left > 0; i++, left--) {
                  v.buf[v.off + i] = next & 0xff;
                  ref.push(next & 0xff);
                  next++;
                }
              }
              // v24.09 refuses any writer advance on a full pipe, even by 0.
              const wasFull = p.full;
              expect(spdkPipeWriterAdvance(p, n)).toBe(wasFull ? EINVAL : 0);
            } else {
              const g = spdkPipeReaderGetBuffer(p, op.req);
              expect(g.bytes).toBe(Math.min(op.req, avail));
              expect(g.iovs.length).toBeLessThanOrEqual(2);
              if (g.iovs.length === 2) wrapped++;
              const seen: number[] = [];
              for (const v of g.iovs) for (let i = 0; i < v.len; i++) seen.push(v.buf[v.off + i]!);
              expect(seen).toEqual(ref.slice(0, g.bytes));
              if (op.over > 0) {
                const before = { ...p };
                expect(spdkPipeReaderAdvance(p, avail + op.over)).toBe(EINVAL);
                expect(p).toEqual(before);
              }
              const n = Math.floor((g.bytes * op.take) / 100);
              expect(spdkPipeReaderAdvance(p, n)).toBe(0);
              ref.splice(0, n);
              if (n > 0 && ref.length === 0) expect([p.read, p.write]).toEqual([0, 0]);
            }
            expect(spdkPipeReaderBytesAvailable(p)).toBe(ref.length);
            expect(p.full).toBe(ref.length === sz);
            expect(p.read).toBeGreaterThanOrEqual(0);
            expect(p.read).toBeLessThan(sz);
            expect(p.write).toBeGreaterThanOrEqual(0);
            expect(p.write).toBeLessThan(sz);
          }
          // Drain what is left: it is exactly the reference, in order.
          const g = spdkPipeReaderGetBuffer(p, sz);
          const rest: number[] = [];
          for (const v of g.iovs) for (let i = 0; i < v.len; i++) rest.push(v.buf[v.off + i]!);
          expect(rest).toEqual(ref);
        },
      ),
      { numRuns: 300 },
    );
    // The runs did exercise data that wraps past the end.
    expect(wrapped).toBeGreaterThan(0);
  });
});

describe('pre-v24.05 pipe (rewindOnEmpty = false)', () => {
  it('keeps its offsets when emptied, so the next write wraps into two iovecs', () => {
    const p = spdkPipeCreate(new Uint8Array(10), 1, false);
    expect(spdkPipeWriterAdvance(p, 7)).toBe(0);
    expect(spdkPipeReaderAdvance(p, 7)).toBe(0);
    expect(p).toMatchObject({ read: 7, write: 7, full: false });
    const w = spdkPipeWriterGetBuffer(p, 10);
    expect(w.bytes).toBe(10);
    expect(w.iovs.map((v) => [v.off, v.len])).toEqual([
      [7, 3],
      [0, 7],
    ]);
  });
  it('v24.09 default rewinds and gives one iovec', () => {
    const p = spdkPipeCreate(new Uint8Array(10), 1);
    spdkPipeWriterAdvance(p, 7);
    spdkPipeReaderAdvance(p, 7);
    expect(spdkPipeWriterGetBuffer(p, 10).iovs.map((v) => [v.off, v.len])).toEqual([[0, 10]]);
  });
});
