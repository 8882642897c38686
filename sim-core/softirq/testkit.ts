/**
 * Test helpers for the nic and softirq folders (imported by tests only): a world with the ring and
 * the softirq state, fake neighbours (tcp_v4_rcv collects skbs), real frames built with wire/,
 * and frame arrivals as events.
 *
 * Event kind 299 (nic range) is reserved for these test arrivals.
 */
import { bindCpu } from '../engine/cpu';
import { defineHandler, newId, scheduleAt, type Sim } from '../engine/sim';
import { baseWorld, type Row, testSim } from '../engine/testing';
import type { Recorder } from '../engine/sim';
import { fillPattern } from '../ledger/pattern';
import { igbReceiveFrame } from '../nic/dma';
import { initNicState } from '../nic/state';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import { cloneData } from '../scenario/merge';
import type { Scenario } from '../scenario/types';
import type { Skb } from '../skb/skb';
import { ETHERTYPE_IPV4 } from '../wire/ethernet';
import { emitFrame } from '../wire/frame';
import { IPPROTO_TCP, IPV4_FLAG_DF } from '../wire/ipv4';
import { TCP_ACK } from '../wire/tcp';
import { napiSchedule } from './napi';
import { initSoftirqState } from './state';
import { ksoftirqdStep, softirqStep } from './step';

export const EV_TEST_FRAME = 299;
defineHandler(EV_TEST_FRAME, 'test: frame reaches the NIC', (sim, e) => {
  igbReceiveFrame(sim, e.ref as Uint8Array, e.a);
});

export function testScenario(patch?: (s: Scenario) => void): Scenario {
  const s = cloneData(DEFAULT_SCENARIO);
  patch?.(s);
  return s;
}

export interface Rig {
  sim: Sim & { rec: Recorder & { rows: Row[] } };
  delivered: Skb[];
}

/** A world with nic + softirq state, the CPU bound to the softirq steps, and tcp_v4_rcv collecting skbs. */
export function rig(patch?: (s: Scenario) => void): Rig {
  const s = testScenario(patch);
  const w = baseWorld(s);
  w.nic = initNicState(s);
  w.softirq = initSoftirqState(s);
  const delivered: Skb[] = [];
  const sim = testSim(w, {
    napiSchedule,
    tcpV4Rcv: (_sim, skb) => {
      delivered.push(skb);
    },
  });
  bindCpu({ procStep: [() => false, ksoftirqdStep], softirqStep, opEnd: () => {} });
  return { sim, delivered };
}

export const HOST_IP = 0x0a000001;
export const TARGET_IP = 0x0a000002;
export const HOST_PORT = 40000;
export const TARGET_PORT = 4420;
/** Command id whose pattern fills test payloads; byte k of the stream is patternByte(TEST_CID, k). */
export const TEST_CID = 7;

export interface SegOpts {
  /** Sequence number; the payload is the pattern at stream offset `seq`. */
  seq: number;
  len: number;
  flags?: number;
  ack?: number;
  window?: number;
  sport?: number;
  ipId?: number;
  ttl?: number;
  tsval?: number;
}

/** A real Ethernet/IPv4/TCP frame with timestamps (32-byte TCP header), DF, correct checksums. */
export function seg(o: SegOpts): Uint8Array {
  const payload = new Uint8Array(o.len);
  fillPattern(payload, 0, TEST_CID, o.seq, o.len);
  return emitFrame({
    eth: { dst: 0x020000000002, src: 0x020000000001, ethertype: ETHERTYPE_IPV4 },
    ip: {
      dscp: 0,
      ecn: 0,
      identification: o.ipId ?? 0,
      flags: IPV4_FLAG_DF,
      fragmentOffset: 0,
      ttl: o.ttl ?? 64,
      protocol: IPPROTO_TCP,
      src: HOST_IP,
      dst: TARGET_IP,
    },
    tcp: {
      srcPort: o.sport ?? HOST_PORT,
      dstPort: TARGET_PORT,
      seq: o.seq >>> 0,
      ack: o.ack ?? 1,
      flags: o.flags ?? TCP_ACK,
      window: o.window ?? 502,
      urgent: 0,
      options: { timestamps: { tsval: o.tsval ?? 1000, tsecr: 2000 } },
    },
    payload,
  });
}

/** `n` contiguous full segments of `mss` bytes from `seq0`, ids counting up. */
export function stream(n: number, mss = 1448, seq0 = 0): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) out.push(seg({ seq: seq0 + i * mss, len: mss, ipId: i }));
  return out;
}

/** Schedule `frame` to reach the NIC at absolute time `t`; returns its frame id. */
export function arrive(sim: Sim, t: number, frame: Uint8Array): number {
  const id = newId(sim);
  scheduleAt(sim, t, EV_TEST_FRAME, id, 0, frame);
  return id;
}

export function rowsOf(r: Rig, code: number): Row[] {
  return r.sim.rec.rows.filter((x) => x.code === code);
}

/** The payload of `skb` as one array. */
export function skbBytes(skb: Skb): Uint8Array {
  const out = new Uint8Array(skb.len);
  let o = 0;
  for (const f of skb.frags) {
    out.set(f.bytes.subarray(f.off, f.off + f.len), o);
    o += f.len;
  }
  return out;
}
