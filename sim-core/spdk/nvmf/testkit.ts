/**
 * Test helpers for the nvmf stage (used by *.test.ts only): a world with the real sock layer
 * (spdk/sock/posix.ts) over a fake kernel socket that serves a byte stream in chunks, the
 * hooks the target calls (targetSend collected, backendSubmit completing at once or on demand),
 * a driver that polls like the reactor, and builders for the host's PDUs (wire/ emitters).
 */
import { DEFAULT_SCENARIO } from '../../scenario/defaults';
import type { Scenario } from '../../scenario/types';
import { EAGAIN, type Hooks } from '../../engine/hooks';
import type { Iov } from '../../engine/iov';
import { baseWorld, testSim } from '../../engine/testing';
import { type RngState, nextInt, rngFromSeed } from '../../engine/rng';
import { fillPattern } from '../../ledger/pattern';
import {
  connectCommand,
  emitPdu,
  NVME_OPC_WRITE,
  PDU_CAPSULE_CMD,
  PDU_H2C_DATA,
  PDU_IC_REQ,
  type PduEmitOptions,
  sglInCapsule,
  sglTransport,
  sqeFromConnect,
  sqeFromRw,
  type NvmeSqe,
} from '../../wire/nvme-tcp/index';
import { posixSockGroupImplPoll, sockNeedsCallback } from '../sock/group';
import { initSockState } from '../sock/state';
import { nvmfBackendDone, nvmfProcessPending, nvmfTcpSockProcessStep } from './process';
import { initNvmfState } from './state';

export type SpdkOpts = Partial<Scenario['spdk']>;

/**
 * The default scenario with some SPDK knobs changed. nvmf_tcp_create refuses max_io_size /
 * io_unit_size above SPDK_NVMF_MAX_SGL_ENTRIES (16), so a small io_unit_size lowers the
 * default max_io_size with it.
 */
export function nvmfScenario(spdk: SpdkOpts = {}): Scenario {
  const s = JSON.parse(JSON.stringify(DEFAULT_SCENARIO)) as Scenario;
  Object.assign(s.spdk, spdk);
  if (spdk.maxIoSize === undefined) s.spdk.maxIoSize = Math.min(s.spdk.maxIoSize, 16 * s.spdk.ioUnitSize);
  return s;
}

/** A kernel socket fed by pushes; each readv returns at most `chunk()` bytes. */
export interface FakeSock {
  bytes: number[];
  pos: number;
  chunk: (max: number) => number;
  push(b: Uint8Array): void;
  readable(): number;
}

export function fakeSock(chunk: (max: number) => number = (m) => m): FakeSock {
  const k: FakeSock = {
    bytes: [],
    pos: 0,
    chunk,
    push(b) {
      for (const x of b) k.bytes.push(x);
    },
    readable: () => k.bytes.length - k.pos,
  };
  return k;
}

export interface Harness {
  sim: ReturnType<typeof testSim>;
  sock: FakeSock;
  /** Every PDU the target sent, in order. */
  sent: Uint8Array[];
  /** Requests submitted to the backend and not completed yet (when not immediate). */
  backlog: number[];
  opts: { immediateBackend: boolean };
}

export function harness(
  scenario: Scenario = nvmfScenario(),
  opts: { chunk?: (max: number) => number; immediateBackend?: boolean; hooks?: Partial<Hooks> } = {},
): Harness {
  const w = baseWorld(scenario);
  w.sock = initSockState(scenario);
  w.nvmf = initNvmfState(scenario);
  const sock = fakeSock(opts.chunk);
  const h = {} as Harness;
  const hooks: Partial<Hooks> = {
    tcpReadable: () => sock.readable() > 0,
    sockReadv: (_sim, iovs: readonly Iov[]) => {
      let total = 0;
      for (const v of iovs) total += v.len;
      const n = Math.min(sock.readable(), total === 0 ? 0 : sock.chunk(total));
      if (n <= 0) return total === 0 ? 0 : EAGAIN;
      let left = n;
      for (const v of iovs) {
        const k = Math.min(v.len, left);
        for (let i = 0; i < k; i++) v.buf[v.off + i] = sock.bytes[sock.pos++]!;
        left -= k;
        if (left === 0) break;
      }
      return n;
    },
    targetSend: (_sim, pdu) => {
      h.sent.push(pdu.slice());
    },
    backendSubmit: (sim, reqIdx) => {
      if (h.opts.immediateBackend) nvmfBackendDone(sim, reqIdx);
      else h.backlog.push(reqIdx);
    },
    wakeReactor: () => {},
    ...opts.hooks,
  };
  h.sim = testSim(w, hooks);
  h.sock = sock;
  h.sent = [];
  h.backlog = [];
  h.opts = { immediateBackend: opts.immediateBackend ?? true };
  return h;
}

/** One socket callback: the receive loop until it stops. Returns how many turns ran. */
export function sockCallback(h: Harness): number {
  let turns = 1;
  while (nvmfTcpSockProcessStep(h.sim)) turns++;
  return turns;
}

/** What changes when the target makes progress. */
function fingerprint(h: Harness): string {
  const n = h.sim.w.nvmf;
  const reqStates = n.reqs.map((r) => r.state).join(',');
  return `${h.sock.pos}|${h.sent.length}|${n.recv.state}|${n.qpair.state}|${reqStates}|${n.pendingWrites.length}|${n.accelPending.length}|${h.backlog.length}`;
}

/** Poll like the reactor until a poll changes nothing (bounded). Returns the number of polls. */
export function drive(h: Harness, maxPolls = 10_000): number {
  let polls = 0;
  let last = '';
  while (polls < maxPolls) {
    polls++;
    while (h.backlog.length > 0) nvmfBackendDone(h.sim, h.backlog.shift()!);
    nvmfProcessPending(h.sim);
    posixSockGroupImplPoll(h.sim);
    if (sockNeedsCallback(h.sim.w)) sockCallback(h);
    const f = fingerprint(h);
    if (f === last) break;
    last = f;
  }
  return polls;
}

/** A seeded chunker: reads return 1..max bytes, small ones often. */
export function randomChunks(seed: number): (max: number) => number {
  const rng: RngState = rngFromSeed(seed);
  return (max) => {
    const r = nextInt(rng, 4);
    const cap = r === 0 ? 1 : r === 1 ? 8 : r === 2 ? 100 : 5000;
    return 1 + nextInt(rng, Math.min(max, cap));
  };
}

// ---- host PDUs ---------------------------------------------------------------------------

export interface Dg {
  hdgst: boolean;
  ddgst: boolean;
  cpda?: number;
}

export function icReq(o: { hdgst?: boolean; ddgst?: boolean; hpda?: number; pfv?: number } = {}): Uint8Array {
  return emitPdu(
    {
      type: PDU_IC_REQ,
      flags: 0,
      pfv: o.pfv ?? 0,
      hpda: o.hpda ?? 0,
      dgst: (o.hdgst ? 1 : 0) | (o.ddgst ? 2 : 0),
      maxr2t: 0,
    },
    { hdgst: false, ddgst: false },
  );
}

function opts(d: Dg): PduEmitOptions {
  return { hdgst: d.hdgst, ddgst: d.ddgst, cpda: d.cpda ?? 0 };
}

/** Fabrics Connect for I/O queue `qid` with 1024 bytes of in-capsule connect data. */
export function connectPdu(d: Dg, cid = 0, qid = 1): Uint8Array {
  const sqe = sqeFromConnect(connectCommand({ cid, qid, sqsize: 127 }));
  return emitPdu({ type: PDU_CAPSULE_CMD, flags: 0, sqe, data: new Uint8Array(1024) }, opts(d));
}

export function patternData(cid: number, off: number, len: number): Uint8Array {
  const b = new Uint8Array(len);
  fillPattern(b, 0, cid, off, len);
  return b;
}

export function writeSqe(cid: number, len: number, inCapsule: boolean, slba = 0n): NvmeSqe {
  return sqeFromRw({
    opcode: NVME_OPC_WRITE,
    cid,
    nsid: 1,
    slba,
    blocks: Math.max(1, Math.ceil(len / 512)),
    sgl1: inCapsule ? sglInCapsule(len) : sglTransport(len),
  });
}

/** A write whose data travels in the capsule. */
export function writeInCapsule(d: Dg, cid: number, len: number, slba = 0n): Uint8Array {
  return emitPdu(
    { type: PDU_CAPSULE_CMD, flags: 0, sqe: writeSqe(cid, len, true, slba), data: patternData(cid, 0, len) },
    opts(d),
  );
}

/** A write whose data will follow an R2T. */
export function writeCmd(d: Dg, cid: number, len: number, slba = 0n): Uint8Array {
  return emitPdu({ type: PDU_CAPSULE_CMD, flags: 0, sqe: writeSqe(cid, len, false, slba) }, opts(d));
}

export function h2cData(
  d: Dg,
  cid: number,
  ttag: number,
  datao: number,
  len: number,
  last: boolean,
): Uint8Array {
  return emitPdu(
    {
      type: PDU_H2C_DATA,
      flags: last ? 0x04 : 0,
      cccid: cid,
      ttag,
      datao,
      datal: len,
      data: patternData(cid, datao, len),
    },
    opts(d),
  );
}

/** H2CData PDUs for [0, len) in pieces of at most `max`. */
export function h2cAll(d: Dg, cid: number, ttag: number, len: number, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < len; o += max) {
    const k = Math.min(max, len - o);
    out.push(h2cData(d, cid, ttag, o, k, o + k === len));
  }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Types of the PDUs the target sent. */
export function sentTypes(h: Harness): number[] {
  return h.sent.map((p) => p[0]!);
}

/** The TermReqs the target sent, decoded: FES, FEI, plen and the copied header. */
export function termReqs(h: Harness): { fes: number; fei: number; plen: number; data: Uint8Array }[] {
  return h.sent
    .filter((p) => p[0] === 0x03)
    .map((p) => ({
      fes: p[8]! | (p[9]! << 8),
      fei: (p[10]! | (p[11]! << 8) | (p[12]! << 16) | (p[13]! << 24)) >>> 0,
      plen: (p[4]! | (p[5]! << 8) | (p[6]! << 16) | (p[7]! << 24)) >>> 0,
      data: p.slice(24),
    }));
}

/** Set up a connection: ICReq + Connect, driven to completion. */
export function connected(h: Harness, d: Dg = { hdgst: false, ddgst: false }): void {
  h.sock.push(icReq(d));
  h.sock.push(connectPdu(d));
  drive(h);
}

function le32(p: Uint8Array, o: number): number {
  return (p[o]! | (p[o + 1]! << 8) | (p[o + 2]! << 16) | (p[o + 3]! << 24)) >>> 0;
}

/** The R2Ts the target sent. */
export function r2ts(h: Harness): { cccid: number; ttag: number; r2to: number; r2tl: number }[] {
  return h.sent
    .filter((p) => p[0] === 0x09)
    .map((p) => ({
      cccid: p[8]! | (p[9]! << 8),
      ttag: p[10]! | (p[11]! << 8),
      r2to: le32(p, 12),
      r2tl: le32(p, 16),
    }));
}

/** The completions the target sent: command id and SCT << 8 | SC. */
export function responses(h: Harness): { cid: number; status: number; sqhd: number; cdw0: number }[] {
  return h.sent
    .filter((p) => p[0] === 0x05)
    .map((p) => {
      const st = p[22]! | (p[23]! << 8);
      return {
        cid: p[20]! | (p[21]! << 8),
        status: (((st >>> 9) & 7) << 8) | ((st >>> 1) & 0xff),
        sqhd: p[16]! | (p[17]! << 8),
        cdw0: le32(p, 8),
      };
    });
}

/** Rows of a code. */
export function rows(h: Harness, code: number): { obj: number; a: number; b: number }[] {
  return h.sim.rec.rows.filter((r) => r.code === code).map((r) => ({ obj: r.obj, a: r.a, b: r.b }));
}

/** State changes of one object of one machine, as [from, to] pairs. */
export function changes(h: Harness, machine: number, obj: number): [number, number][] {
  return h.sim.rec.rows.filter((r) => r.code === 900 + machine && r.obj === obj).map((r) => [r.a, r.b]);
}

/** Write a 32-bit little-endian value into a PDU. */
export function put32(p: Uint8Array, o: number, v: number): Uint8Array {
  p[o] = v & 0xff;
  p[o + 1] = (v >>> 8) & 0xff;
  p[o + 2] = (v >>> 16) & 0xff;
  p[o + 3] = (v >>> 24) & 0xff;
  return p;
}
