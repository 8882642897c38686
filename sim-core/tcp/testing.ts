/**
 * Helpers for the tcp unit tests: a scenario literal, a world with the tcp state, fakes for the
 * hooks this stage calls, skbs built directly over pattern-filled frame bytes (no NIC), and a
 * small event pump for the delayed-ACK timers.
 */
import type { AckInfo } from '../engine/hooks';
import { heapPeek, heapPop } from '../engine/heap';
import type { Sim } from '../engine/sim';
import { dispatch, newId } from '../engine/sim';
import { type Row, baseWorld, testSim } from '../engine/testing';
import { patternByte } from '../ledger/pattern';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import type { Scenario } from '../scenario/types';
import { SKB_OVERHEAD, type Frag, type Skb } from '../skb/skb';
import { TCP_ACK, TCP_PSH } from '../wire/tcp';
import { initTcpState } from './state';

/** Command id whose pattern fills the test stream. */
export const TEST_CID = 7;
/** Ethernet + IPv4 + TCP with timestamps: where the payload starts in a test frame. */
export const TEST_HDR = 14 + 20 + 32;

/**
 * The default scenario with the knobs these tests rely on pinned, so a change of defaults
 * elsewhere does not silently change what the tcp tests check.
 */
export function tcpTestScenario(): Scenario {
  const s = JSON.parse(JSON.stringify(DEFAULT_SCENARIO)) as Scenario;
  s.wire = { linkRateBps: 1_000_000_000, oneWayDelayNs: 10_000, mtu: 1500, tcpTimestamps: true };
  s.tcp = {
    rmemMax: 212_992,
    wmemMax: 212_992,
    soRcvbufRequest: 2 * 1024 * 1024,
    soSndbufRequest: 2 * 1024 * 1024,
    delayedAckNs: 40_000_000,
    rcvlowat: 1,
    rtoNs: 200_000_000,
  };
  s.cpu.costs.perSkbNs = 300;
  s.cpu.costs.syscallNs = 300;
  s.cpu.costs.copyPsPerByte = 100;
  return s;
}

export interface TcpHarness {
  sim: Sim & { rec: { rows: Row[] } };
  acks: AckInfo[];
  /** Times hooks.dataReady was called. */
  wakeups: number[];
}

/** A world with only the engine and tcp parts; hooks.sendAck and hooks.dataReady are recorded. */
export function tcpHarness(opts: { irs?: number; scenario?: Scenario } = {}): TcpHarness {
  const scenario = opts.scenario ?? tcpTestScenario();
  const w = baseWorld(scenario);
  w.tcp = initTcpState(scenario, opts.irs ?? 1000);
  const acks: AckInfo[] = [];
  const wakeups: number[] = [];
  const sim = testSim(w, {
    sendAck: (_s, a) => {
      acks.push(a);
    },
    dataReady: (s) => {
      wakeups.push(s.w.now);
    },
  });
  return { sim, acks, wakeups };
}

export interface SkbOpts {
  /** Wire segments merged in (as GRO would); each gets its own frame and frag. */
  segs?: number;
  flags?: number;
  /** Truesize charged per frame (an igb half-page buffer is 2048). */
  bufSize?: number;
}

/** Payload byte at stream offset `off` (sequence irs + off). */
export function streamByte(off: number): number {
  return patternByte(TEST_CID, off);
}

/**
 * An skb carrying stream bytes [seq, seq + len), sequence numbers relative to the world's irs.
 * With segs > 1 the payload is split into that many frames of about equal size.
 */
export function mkSkb(sim: Sim, seq: number, len: number, o: SkbOpts = {}): Skb {
  const irs = sim.w.tcp.irs;
  const segs = Math.max(1, o.segs ?? 1);
  const buf = o.bufSize ?? 2048;
  const frags: Frag[] = [];
  const frameIds: number[] = [];
  const per = Math.ceil(len / segs);
  let done = 0;
  for (let s = 0; s < segs; s++) {
    const n = Math.min(per, len - done);
    const bytes = new Uint8Array(TEST_HDR + n);
    const streamOff = (seq - irs + done) >>> 0;
    for (let i = 0; i < n; i++) bytes[TEST_HDR + i] = streamByte(streamOff + i);
    const frameId = newId(sim);
    frags.push({ bytes, off: TEST_HDR, len: n, frameId });
    frameIds.push(frameId);
    done += n;
  }
  return {
    id: newId(sim),
    seq: seq >>> 0,
    len,
    tcpFlags: o.flags ?? TCP_ACK | TCP_PSH,
    ack: 1,
    frags,
    segs,
    truesize: SKB_OVERHEAD + segs * buf,
    frameIds,
    consumed: 0,
  };
}

/** Skb for stream offset `off` (relative to irs). */
export function mkSeg(sim: Sim, off: number, len: number, o: SkbOpts = {}): Skb {
  return mkSkb(sim, (sim.w.tcp.irs + off) >>> 0, len, o);
}

/** Run the events due up to `t` (timers), then leave the clock at `t`. */
export function advanceTo(sim: Sim, t: number): void {
  const w = sim.w;
  for (;;) {
    const e = heapPeek(w.events);
    if (e === undefined || e.t > t) break;
    heapPop(w.events);
    w.now = e.t;
    dispatch(sim, e);
  }
  if (t > w.now) w.now = t;
}

/** Rows with a given code. */
export function rowsOf(sim: { rec: { rows: Row[] } }, code: number): Row[] {
  return sim.rec.rows.filter((r) => r.code === code);
}
