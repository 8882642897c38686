/**
 * Test helpers for the sock stage: a world (default scenario) with a fresh SockState, and
 * a fake kernel socket that serves a byte stream to readv the way a non-blocking TCP
 * socket does (in order, as much as asked and available, -EAGAIN when empty).
 * Used by the *.test.ts files only.
 */
import { DEFAULT_SCENARIO } from '../../scenario/defaults';
import type { Hooks } from '../../engine/hooks';
import { EAGAIN } from '../../engine/hooks';
import type { Iov } from '../../engine/iov';
import { baseWorld, testSim } from '../../engine/testing';
import { initSockState } from './state';

/** A kernel socket fed by a byte stream: `arrive(n)` makes n more bytes readable. */
export interface FakeKernel {
  stream: Uint8Array;
  /** Bytes of `stream` that have arrived (readable once past `pos`). */
  arrived: number;
  /** Bytes already handed to readv. */
  pos: number;
  /** Every readv call: the lengths of the iovecs it was given, and what it returned. */
  calls: { lens: number[]; kinds: (string | undefined)[]; ret: number }[];
  arrive(n: number): void;
  hooks: Partial<Hooks>;
}

export function fakeKernel(stream: Uint8Array, arrived = stream.length): FakeKernel {
  const k: FakeKernel = {
    stream,
    arrived,
    pos: 0,
    calls: [],
    arrive(n: number) {
      k.arrived = Math.min(k.stream.length, k.arrived + n);
    },
    hooks: {
      tcpReadable: () => k.arrived > k.pos,
      sockReadv: (sim, iovs: readonly Iov[]) => {
        let done = 0;
        for (const v of iovs) {
          const n = Math.min(v.len, k.arrived - k.pos);
          if (n <= 0) break;
          v.buf.set(k.stream.subarray(k.pos, k.pos + n), v.off);
          k.pos += n;
          done += n;
          // Like tcp_recvmsg: payload copied straight into request buffers is counted by the kernel side.
          if (v.kind === 'data') sim.w.ledger.payloadDirectBytes += n;
        }
        const ret = done > 0 ? done : EAGAIN;
        k.calls.push({ lens: iovs.map((v) => v.len), kinds: iovs.map((v) => v.kind), ret });
        return ret;
      },
    },
  };
  return k;
}

/** Bytes 0, 1, 2 ... (mod 251, so runs never line up with power-of-two sizes). */
export function countingStream(n: number, seed = 0): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i + seed) % 251;
  return b;
}

/** A sim with a fresh sock state and the fake kernel's hooks. */
export function sockSim(kernel: FakeKernel, extra: Partial<Hooks> = {}) {
  const scenario = DEFAULT_SCENARIO;
  const w = baseWorld(scenario);
  w.sock = initSockState(scenario);
  return testSim(w, { ...kernel.hooks, ...extra });
}
