import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Iov } from '../../engine/iov';
import { dataStateOf } from './flags';
import { posixSockGroupImplPoll, sockNeedsCallback } from './group';
import { spdkPipeReaderBytesAvailable } from './pipe';
import { spdkSockReadv, spdkSockSetRecvbuf } from './posix';
import { countingStream, fakeKernel, sockSim } from './testkit';

type Kind = 'pdu-header' | 'data' | 'digest';
type Op =
  | { t: 'arrive'; n: number }
  | { t: 'poll' }
  | { t: 'read'; iovs: { len: number; kind: Kind }[] }
  | { t: 'recvbuf'; sz: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('arrive' as const), n: fc.integer({ min: 0, max: 12_000 }) }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('poll' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('read' as const),
      iovs: fc.array(
        fc.record({
          len: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 6000 })),
          kind: fc.constantFrom<Kind>('pdu-header', 'data', 'digest'),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('recvbuf' as const),
      sz: fc.constantFrom(1024, 2048, 4096, 33_344),
    }),
  },
);

describe('posix sock: byte conservation against a random kernel stream', () => {
  it('hands the caller exactly the stream in order; ledger and flags always add up', () => {
    const seen = { plain: 0, direct: 0, fromPipe: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 250 }),
        fc.boolean(),
        fc.array(opArb, { maxLength: 60 }),
        (streamLen, seed, inGroup, ops) => {
          const stream = countingStream(streamLen, seed);
          const k = fakeKernel(stream, 0);
          const sim = sockSim(k);
          const s = sim.w.sock;
          s.inGroup = inGroup;
          const got: number[] = [];
          let dataLanded = 0;

          const check = () => {
            const l = sim.w.ledger;
            const held = s.recvPipe === null ? 0 : spdkPipeReaderBytesAvailable(s.recvPipe);
            expect(got.length).toBe(k.pos - held);
            expect(l.directBytes + l.pipeBytes).toBe(k.pos);
            expect(l.directBytes + l.pipeCopyBytes).toBe(got.length);
            expect(l.pipeBytes - l.pipeCopyBytes).toBe(held);
            expect(l.payloadDirectBytes + l.payloadViaPipeBytes).toBe(dataLanded);
            expect(s.state).toBe(dataStateOf(s));
            expect(s.pipeHasData).toBe(held > 0);
            if (inGroup) expect(s.onSocksWithData).toBe(s.socketHasData || s.pipeHasData);
            else expect(s.onSocksWithData).toBe(false);
            // v24.09 refills the pipe only when empty, and an emptied pipe restarts at 0.
            expect(l.readvTwoIov).toBe(0);
          };

          const read = (spec: { len: number; kind: Kind }[]) => {
            const iovs: Iov[] = spec.map((x) => ({
              buf: new Uint8Array(x.len),
              off: 0,
              len: x.len,
              kind: x.kind,
            }));
            const n = spdkSockReadv(sim, iovs);
            let left = Math.max(0, n);
            for (const v of iovs) {
              const m = Math.min(v.len, left);
              for (let i = 0; i < m; i++) got.push(v.buf[i]!);
              if (v.kind === 'data') dataLanded += m;
              left -= m;
            }
            return n;
          };

          for (const op of ops) {
            if (op.t === 'arrive') k.arrive(op.n);
            else if (op.t === 'poll') posixSockGroupImplPoll(sim);
            else if (op.t === 'recvbuf') spdkSockSetRecvbuf(sim, op.sz);
            else read(op.iovs);
            check();
          }
          expect(got).toEqual([...stream.subarray(0, got.length)]);
          seen.plain += s.counters.plainBytes;
          seen.direct += s.counters.directBytes;
          seen.fromPipe += s.counters.pipeOutBytes;

          // Liveness: with everything arrived, polls and small reads deliver the whole stream.
          k.arrive(streamLen);
          for (let i = 0; i < 2 * streamLen + 4 && got.length < streamLen; i++) {
            if (inGroup) {
              posixSockGroupImplPoll(sim);
              if (!sockNeedsCallback(sim.w)) continue;
            }
            read([{ len: 512, kind: 'data' }]);
            check();
          }
          expect(got.length).toBe(streamLen);
          expect(got).toEqual([...stream]);
        },
      ),
      { numRuns: 150 },
    );
    // The random runs went down all three paths.
    expect(seen.plain).toBeGreaterThan(0);
    expect(seen.direct).toBeGreaterThan(0);
    expect(seen.fromPipe).toBeGreaterThan(0);
  });
});
