/**
 * PDU-stream fuzzing of the receive side: random byte streams and mutated valid streams
 * (ICReq + Connect + writes, then bytes flipped, inserted, deleted, duplicated, truncated),
 * served by a fake socket in random chunk sizes through the real sock layer. The target must
 * never throw, must end in a consistent state, must send only well-formed C2HTermReqs, and
 * with both digests on must never complete a write with wrong data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextInt, rngFromSeed } from '../../engine/rng';
import { RECV_STATE_NAMES, TCP_REQUEST_NUM_STATES, TS_FREE } from './constants';
import type { SpdkOpts } from './testkit';
import {
  concat,
  connectPdu,
  type Dg,
  drive,
  h2cAll,
  harness,
  type Harness,
  icReq,
  nvmfScenario,
  randomChunks,
  writeCmd,
  writeInCapsule,
} from './testkit';

interface Built {
  stream: Uint8Array;
  writes: { cid: number; len: number }[];
}

/** ICReq, Connect, then `n` writes (some in-capsule up to `icd`, else R2T + H2CData pieces). */
function validStream(seed: number, d: Dg, n: number, maxH2c: number, icd = 4096): Built {
  const rng = rngFromSeed(seed);
  const parts = [icReq(d), connectPdu(d)];
  const writes: Built['writes'] = [];
  for (let k = 1; k <= n; k++) {
    const len = 512 * (1 + nextInt(rng, 32));
    writes.push({ cid: k, len });
    if (len <= icd && nextInt(rng, 3) > 0) parts.push(writeInCapsule(d, k, len, BigInt(k * 64)));
    else {
      parts.push(writeCmd(d, k, len, BigInt(k * 64)));
      // Requests are taken in order from the free list: write k gets request k, ttag k + 1.
      parts.push(...h2cAll(d, k, k + 1, len, maxH2c));
    }
  }
  return { stream: concat(parts), writes };
}

type Mutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; len: number }
  | { op: 'dup'; at: number; len: number }
  | { op: 'truncate'; at: number };

function mutate(s: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let b = Array.from(s);
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.op) {
      case 'flip':
        if (at < b.length) b[at] = (b[at]! ^ m.mask) & 0xff;
        break;
      case 'insert':
        b.splice(at, 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(at, m.len);
        break;
      case 'dup':
        b.splice(at, 0, ...b.slice(at, at + m.len));
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return Uint8Array.from(b);
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('flip' as const),
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('dup' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 300 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

/** Knob sets that exercise different paths: multi-iovec buffers, tiny pools, few requests, DIF. */
const CONFIGS: SpdkOpts[] = [
  { ioUnitSize: 8192 },
  { ioUnitSize: 4096, numSharedBuffers: 6, bufCacheSize: 2 },
  { ioUnitSize: 8192, maxQueueDepth: 3 },
  { ioUnitSize: 4096, inCapsuleDataSize: 1024 },
  { ioUnitSize: 8192, difInsertOrStrip: true },
];

/** What the fuzz runs reached, to check that they are not all stopped at the first byte. */
const seen = {
  fes: new Set<number>(),
  recv: new Set<number>(),
  writes: 0,
  overrun: 0,
  digestErrors: 0,
  needBuffer: 0,
};

function run(stream: Uint8Array, spdk: SpdkOpts, chunkSeed: number): Harness {
  const h = harness(nvmfScenario(spdk), { chunk: randomChunks(chunkSeed) });
  h.sock.push(stream);
  drive(h, 20_000);
  const st = h.sim.w.nvmf.stats;
  for (const t of st.termReqs) seen.fes.add(t.fes);
  seen.recv.add(h.sim.w.nvmf.recv.state);
  seen.writes += st.writesCompleted;
  seen.overrun += st.overrunBytes;
  seen.digestErrors += st.ddgstErrors + st.hdgstErrors;
  seen.needBuffer += st.needBufferWaits;
  return h;
}

/** Everything that must hold whatever bytes came in. */
function checkInvariants(h: Harness): void {
  const n = h.sim.w.nvmf;
  expect(RECV_STATE_NAMES[n.recv.state]).toBeDefined();
  expect(n.loopActive).toBe(false);
  // Requests: per-state counters agree with the states; the free list holds exactly the free ones.
  const cnt = new Array<number>(TCP_REQUEST_NUM_STATES).fill(0);
  for (const r of n.reqs) cnt[r.state]!++;
  expect(cnt).toEqual(n.stateCntr);
  expect([...n.freeQueue].sort((a, b) => a - b)).toEqual(
    n.reqs.filter((r) => r.state === TS_FREE).map((r) => r.idx),
  );
  // Receive PDUs are never lost: free + in use = 2 x queue depth.
  expect(n.pdusFree + n.pduWorkingCount).toBe(2 * n.reqs.length);
  expect(n.pduWorkingCount).toBeGreaterThanOrEqual(n.accelPending.length);
  // Buffers: each is in the pool, in the cache, or held by exactly the request that lists it.
  const p = n.iobuf;
  const seen = new Array<number>(p.owner.length).fill(0);
  for (const b of [...p.ring, ...p.cache]) seen[b]!++;
  for (const r of n.reqs) for (const v of r.iov) if (v.space === 0) seen[v.idx]!++;
  expect(seen.every((x) => x === 1)).toBe(true);
  // TermReqs: a known FES; FEI = the bad field's offset for FES 0x01/0x06, else the stale bytes
  // the management PDU held (the ICResp's, or the previous TermReq's FEI).
  let stale = 0;
  for (const pdu of h.sent) {
    if (pdu[0] === 0x01) stale = (pdu[10]! | (pdu[11]! << 8) | (pdu[12]! << 16) | (pdu[13]! << 24)) >>> 0;
    if (pdu[0] !== 0x03) continue;
    const fes = pdu[8]! | (pdu[9]! << 8);
    const fei = (pdu[10]! | (pdu[11]! << 8) | (pdu[12]! << 16) | (pdu[13]! << 24)) >>> 0;
    const plen = (pdu[4]! | (pdu[5]! << 8) | (pdu[6]! << 16) | (pdu[7]! << 24)) >>> 0;
    expect(fes).toBeGreaterThanOrEqual(1);
    expect(fes).toBeLessThanOrEqual(6);
    expect(plen).toBe(pdu.length);
    expect(plen).toBeLessThanOrEqual(152);
    if (fes === 1) expect([0, 1, 2, 3, 4, 8, 10]).toContain(fei);
    else if (fes === 6) expect([32, 40]).toContain(fei);
    else expect(fei).toBe(stale);
    if (fes === 1 || fes === 6) stale = fei;
  }
  expect(n.stats.termReqs.map((t) => t.fes)).toEqual(h.sent.filter((x) => x[0] === 0x03).map((x) => x[8]));
}

/**
 * Streams built up front send H2CData before the R2T: fine while buffers and requests never
 * run short (a tiny pool or queue depth needs a host that waits for R2Ts: see req.test.ts).
 */
const ROOMY: SpdkOpts[] = [
  { ioUnitSize: 8192 },
  { ioUnitSize: 4096, numSharedBuffers: 64, bufCacheSize: 8 },
  { ioUnitSize: 4096, inCapsuleDataSize: 1024 },
];

describe('valid streams in random chunks', () => {
  it.each([
    ['no digests', { hdgst: false, ddgst: false }],
    ['both digests', { hdgst: true, ddgst: true }],
  ])('%s: every write completes with the right data', (_n, d) => {
    for (let seed = 1; seed <= 12; seed++) {
      const spdk = ROOMY[seed % ROOMY.length]!;
      // With data digests, v24.09 checks a write's next H2CData header before the accel callback of
      // the previous one has counted its data (see payload.test.ts): one H2CData per write, as Linux sends.
      const maxH2c = d.ddgst ? 1 << 17 : seed % 2 ? 8192 : 2048;
      const b = validStream(seed, d, 6, maxH2c, spdk.inCapsuleDataSize ?? 4096);
      const h = run(b.stream, spdk, seed);
      checkInvariants(h);
      const n = h.sim.w.nvmf;
      expect(n.stats.termReqs).toEqual([]);
      expect(n.stats.writesCompleted).toBe(b.writes.length);
      expect(n.stats.integrityBytesOk).toBe(b.writes.reduce((s, w) => s + w.len, 0));
      expect(n.stats.integrityErrors).toBe(0);
    }
  });
});

describe('fuzz', () => {
  it('random byte streams: never throws, consistent state, well-formed TermReqs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.boolean(),
        fc.nat(),
        (bytes, withIcReq, seed) => {
          const stream = withIcReq ? concat([icReq(), bytes]) : bytes;
          checkInvariants(run(stream, CONFIGS[seed % CONFIGS.length]!, seed));
        },
      ),
      { numRuns: 700, seed: 424242 },
    );
  });

  it('mutated valid streams without digests: never throws, consistent state, well-formed TermReqs', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (seed, muts) => {
        const b = validStream(seed, { hdgst: false, ddgst: false }, 4, 4096);
        checkInvariants(run(mutate(b.stream, muts), CONFIGS[seed % CONFIGS.length]!, seed));
      }),
      { numRuns: 600, seed: 777 },
    );
  });

  it('mutated valid streams with both digests: also no write completes with wrong data', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (seed, muts) => {
        const b = validStream(seed, { hdgst: true, ddgst: true }, 4, 1 << 17);
        const h = run(mutate(b.stream, muts), CONFIGS[seed % 4]!, seed);
        checkInvariants(h);
        expect(h.sim.w.nvmf.stats.integrityErrors).toBe(0);
      }),
      { numRuns: 600, seed: 99 },
    );
  });

  it('reached many paths', () => {
    expect(seen.fes.size).toBeGreaterThanOrEqual(5);
    expect(seen.writes).toBeGreaterThan(500);
    expect(seen.digestErrors).toBeGreaterThan(50);
    expect(seen.recv.size).toBeGreaterThanOrEqual(5);
  });
});
