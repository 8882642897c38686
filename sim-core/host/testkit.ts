/**
 * Test helpers for host/: a scenario, a world with the host state, and an ideal fake target
 * that takes the host's frames, ACKs everything in order (with SACK blocks for what it holds
 * out of order) and answers PDUs with wire/'s emitters. Used by the *.test.ts files only.
 */
import type { AckInfo, Hooks } from '../engine/hooks';
import { run } from '../engine/run';
import type { Sim } from '../engine/sim';
import { baseWorld, testSim } from '../engine/testing';
import { checkPattern } from '../ledger/pattern';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import { type DeepPartial, deepMerge } from '../scenario/merge';
import type { Scenario } from '../scenario/types';
import { type ParsedFrame, parseFrame } from '../wire/frame';
import {
  CH_FLAG_LAST_PDU,
  emitPdu,
  NVME_OPC_FABRICS,
  nvmeStatus,
  PDU_CAPSULE_CMD,
  PDU_CAPSULE_RESP,
  PDU_H2C_DATA,
  PDU_IC_REQ,
  PDU_IC_RESP,
  PDU_R2T,
  type Pdu,
  type PduParsed,
  parsePdu,
  SGL_ID_IN_CAPSULE,
  sglId,
} from '../wire/nvme-tcp/index';
import { startHost } from './nvme-host';
import { initHostState } from './state';
import { hostSendAck, hostTargetSend } from './target-tx';
import './index';

export function hostScenario(patch: DeepPartial<Scenario> = {}): Scenario {
  const base = deepMerge(DEFAULT_SCENARIO, {
    wire: { linkRateBps: 1_000_000_000, oneWayDelayNs: 10_000, mtu: 1500, tcpTimestamps: true },
    tcp: { rtoNs: 200_000_000 },
    limits: { maxSimTimeNs: 60_000_000_000, maxEvents: 5_000_000 },
  }) as Scenario;
  return deepMerge(base, patch) as Scenario;
}

export interface Captured {
  t: number;
  id: number;
  bytes: Uint8Array;
  f: ParsedFrame;
  ipOk: boolean;
  tcpOk: boolean;
}

export function parseCaptured(t: number, id: number, bytes: Uint8Array): Captured {
  const p = parseFrame(bytes);
  if (!p.ok) throw new Error(`frame ${id} does not parse: ${p.error}`);
  return { t, id, bytes, f: p.value, ipOk: p.ipChecksumOk, tcpOk: p.tcpChecksumOk };
}

/** A sim with the host state and the host's own hooks bound, started (ISNs drawn). */
export function hostSim(scenario: Scenario, hooks: Partial<Hooks> = {}): ReturnType<typeof testSim> {
  const w = baseWorld(scenario);
  w.host = initHostState(scenario);
  const sim = testSim(w, { sendAck: hostSendAck, targetSend: hostTargetSend, ...hooks });
  startHost(sim);
  return sim;
}

/** Host frames as the target's port saw them (tap), and the ones handed to frameToTarget. */
export function captureAll(sim: Sim): { tapped: Captured[]; fromTarget: Captured[] } {
  const tapped: Captured[] = [];
  const fromTarget: Captured[] = [];
  sim.tap = (t, bytes) => {
    const c = parseCaptured(t, -1, bytes);
    if (c.f.tcp.srcPort === 4420) fromTarget.push(c);
    else tapped.push(c);
  };
  return { tapped, fromTarget };
}

export function runSim(sim: Sim): void {
  run(sim);
}

export interface FakeTargetOptions {
  /** Advertised window (bytes); a function is asked at every ACK. */
  window?: number | ((sim: Sim) => number);
  /** Send ACKs at all (false: the host never hears back). */
  ack?: boolean;
  /** Answer PDUs (ICResp, Connect and write completions, R2T). */
  respond?: boolean;
  maxh2cdata?: number;
  cpda?: number;
  /** Status (SC) to complete a command id with, instead of 0. */
  statusFor?: (cid: number) => number;
  /** Lose the n-th frame that arrives (0-based), as a receiver out of ring buffers would. */
  lose?: (n: number) => boolean;
}

export interface FakeTarget {
  frameToTarget: (sim: Sim, frame: Uint8Array, frameId: number) => void;
  /** Frames in arrival order. */
  readonly frames: Captured[];
  /** The host's byte stream as reassembled in order. */
  stream: () => Uint8Array;
  readonly pdus: PduParsed[];
  readonly errors: string[];
  readonly acks: AckInfo[];
}

/**
 * Everything the fake target remembers. It lives in the world (in `w.tcp`, which host tests do
 * not otherwise use), so a structured clone of the world carries it and replay can be tested.
 */
interface FakeState {
  frames: Captured[];
  errors: string[];
  pdus: PduParsed[];
  acks: AckInfo[];
  stream: Uint8Array;
  len: number;
  parsedTo: number;
  ofo: [number, Uint8Array][];
  neg: { hdgst: boolean; ddgst: boolean };
  nextTtag: number;
  r2t: Record<number, { len: number; got: number }>;
  arrived: number;
}

function fakeState(sim: Sim): FakeState {
  const holder = sim.w.tcp as unknown as { fake?: FakeState };
  holder.fake ??= {
    frames: [],
    errors: [],
    pdus: [],
    acks: [],
    stream: new Uint8Array(1 << 16),
    len: 0,
    parsedTo: 0,
    ofo: [],
    neg: { hdgst: false, ddgst: false },
    nextTtag: 1,
    r2t: {},
    arrived: 0,
  };
  return holder.fake;
}

/** An ideal receiver: in-order reassembly with an out-of-order store, an ACK per frame. */
export function fakeTarget(opts: FakeTargetOptions = {}): FakeTarget {
  let last: Sim | null = null;
  const st = (): FakeState => {
    if (last === null) throw new Error('fake target: no frame seen yet');
    return fakeState(last);
  };

  function append(f: FakeState, b: Uint8Array): void {
    if (f.len + b.length > f.stream.length) {
      const bigger = new Uint8Array(Math.max(f.stream.length * 2, f.len + b.length));
      bigger.set(f.stream.subarray(0, f.len));
      f.stream = bigger;
    }
    f.stream.set(b, f.len);
    f.len += b.length;
  }

  function send(sim: Sim, p: Pdu): void {
    sim.hooks.targetSend(sim, emitPdu(p, { ...fakeState(sim).neg, cpda: 0 }));
  }

  function resp(sim: Sim, cid: number, cdw0 = 0): void {
    const sc = opts.statusFor?.(cid) ?? 0;
    send(sim, {
      type: PDU_CAPSULE_RESP,
      flags: 0,
      cqe: { cdw0, cdw1: 0, sqhd: 0, sqid: 1, cid, status: nvmeStatus({ sc }) },
    });
  }

  function onPdu(sim: Sim, f: FakeState, p: PduParsed): void {
    f.pdus.push(p);
    if (!p.digestsOk) f.errors.push(`PDU ${f.pdus.length}: digest mismatch`);
    if (opts.respond === false) return;
    const v = p.value;
    switch (v.type) {
      case PDU_IC_REQ:
        f.neg = { hdgst: (v.dgst & 1) !== 0, ddgst: (v.dgst & 2) !== 0 };
        send(sim, {
          type: PDU_IC_RESP,
          flags: 0,
          pfv: 0,
          cpda: opts.cpda ?? 0,
          dgst: v.dgst,
          maxh2cdata: opts.maxh2cdata ?? 131072,
        });
        return;
      case PDU_CAPSULE_CMD: {
        const sqe = v.sqe;
        if (sqe.opcode === NVME_OPC_FABRICS) {
          resp(sim, sqe.cid, 1);
          return;
        }
        if (sglId(sqe.sgl1) === SGL_ID_IN_CAPSULE) {
          const d = v.data ?? new Uint8Array(0);
          if (d.length !== sqe.sgl1.length)
            f.errors.push(`cid ${sqe.cid}: in-capsule ${d.length} != ${sqe.sgl1.length}`);
          if (checkPattern(d, 0, sqe.cid, 0, d.length) >= 0)
            f.errors.push(`cid ${sqe.cid}: in-capsule data wrong`);
          resp(sim, sqe.cid);
          return;
        }
        const ttag = f.nextTtag++;
        f.r2t[ttag] = { len: sqe.sgl1.length, got: 0 };
        send(sim, { type: PDU_R2T, flags: 0, cccid: sqe.cid, ttag, r2to: 0, r2tl: sqe.sgl1.length });
        return;
      }
      case PDU_H2C_DATA: {
        const r = f.r2t[v.ttag];
        if (r === undefined) {
          f.errors.push(`H2CData with unknown ttag ${v.ttag}`);
          return;
        }
        if (v.datao !== r.got) f.errors.push(`cid ${v.cccid}: datao ${v.datao}, expected ${r.got}`);
        if (checkPattern(v.data, 0, v.cccid, v.datao, v.datal) >= 0)
          f.errors.push(`cid ${v.cccid}: H2C data wrong`);
        r.got += v.datal;
        const lastPdu = (v.flags & CH_FLAG_LAST_PDU) !== 0;
        if (lastPdu !== (r.got === r.len))
          f.errors.push(`cid ${v.cccid}: LAST_PDU ${lastPdu} at ${r.got}/${r.len}`);
        if (lastPdu) {
          delete f.r2t[v.ttag];
          resp(sim, v.cccid);
        }
        return;
      }
      default:
        f.errors.push(`unexpected PDU type ${v.type}`);
    }
  }

  function parseNew(sim: Sim, f: FakeState): void {
    for (;;) {
      const p = parsePdu(f.stream.subarray(0, f.len), f.parsedTo, f.pdus.length === 0 ? {} : f.neg);
      if (!p.ok) {
        if (f.len - f.parsedTo >= 8 && !p.error.includes('truncated')) {
          f.errors.push(`stream offset ${f.parsedTo}: ${p.error}`);
          f.parsedTo = f.len;
        }
        return;
      }
      f.parsedTo += p.length;
      onPdu(sim, f, p);
    }
  }

  function frameToTarget(sim: Sim, bytes: Uint8Array, frameId: number): void {
    last = sim;
    const f = fakeState(sim);
    if (opts.lose?.(f.arrived++)) return;
    const c = parseCaptured(sim.w.now, frameId, bytes);
    f.frames.push(c);
    if (!c.ipOk || !c.tcpOk) f.errors.push(`frame ${frameId}: bad checksum`);
    const base = (sim.w.host.tcp.iss + 1) >>> 0;
    const off = (c.f.tcp.seq - base) | 0;
    const data = c.f.payload;
    if (data.length > 0) {
      if (off <= f.len && off + data.length > f.len) append(f, data.subarray(f.len - off));
      else if (off > f.len && !f.ofo.some(([o]) => o === off)) f.ofo.push([off, data.slice()]);
      for (let again = true; again; ) {
        again = false;
        for (const [o, b] of [...f.ofo]) {
          if (o <= f.len) {
            f.ofo = f.ofo.filter(([x]) => x !== o);
            if (o + b.length > f.len) append(f, b.subarray(f.len - o));
            again = true;
          }
        }
      }
    }
    if (opts.ack !== false) {
      const blocks = [...f.ofo]
        .sort((x, y) => x[0] - y[0])
        .map(([o, b]) => [o, o + b.length] as [number, number]);
      const merged: [number, number][] = [];
      for (const b of blocks) {
        const m = merged[merged.length - 1];
        if (m !== undefined && b[0] <= m[1]) m[1] = Math.max(m[1], b[1]);
        else merged.push([b[0], b[1]]);
      }
      const window = typeof opts.window === 'function' ? opts.window(sim) : (opts.window ?? 1 << 20);
      const ack: AckInfo = {
        ack: (base + f.len) >>> 0,
        window,
        sack: merged.slice(0, 3).map(([l, r]) => [(base + l) >>> 0, (base + r) >>> 0]),
        reason: f.ofo.length > 0 ? 'ofo' : 'quick',
      };
      f.acks.push(ack);
      sim.hooks.sendAck(sim, ack);
    }
    parseNew(sim, f);
  }

  return {
    frameToTarget,
    get frames() {
      return last === null ? [] : st().frames;
    },
    stream: () => (last === null ? new Uint8Array(0) : st().stream.slice(0, st().len)),
    get pdus() {
      return last === null ? [] : st().pdus;
    },
    get errors() {
      return last === null ? [] : st().errors;
    },
    get acks() {
      return last === null ? [] : st().acks;
    },
  };
}
