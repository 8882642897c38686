/**
 * Shared helpers of the integration tests: the runnable form of each preset (the 10 GbE one
 * shortened), a run loop that checks byte conservation between events, and the checks
 * themselves. Not a test file: the *.test.ts files beside it import it.
 */
import { run } from '../engine/run';
import type { Recorder } from '../engine/sim';
import type { World } from '../engine/world';
import { EV_FRAME_AT_TARGET } from '../host/events';
import { C_IGB_RX_MISSED, C_IGB_RX_OVERSIZE } from '../nic/codes';
import { PRESET_IDS, presetScenario, resolveScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { createSim } from '../setup';
import { nicSoftirqBalance } from '../softirq/balance';
import { spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { tcpBalance } from '../tcp/balance';
import type { ColumnarTrace, TraceRow } from '../trace/columns';
import { RowHasher } from '../trace/hash';

export const TEN_G = '10g-sustained';

/**
 * The benchmark preset cut down to a test-sized run: the same knobs with 150 writes (about 19.7 MB,
 * some 17 ms of a saturated 10 GbE link). The limit is 100 ms rather than ~20 ms because the run
 * only goes idle when the last delayed-ACK timer (TCP_DELACK_MIN, 40 ms) has fired, ~55 ms in.
 */
export function shortTenG(): Scenario {
  const r = resolveScenario({
    preset: TEN_G,
    workload: { writes: 150 },
    limits: { maxSimTimeNs: 100_000_000 },
  });
  if (!r.ok) throw new Error(`shortened ${TEN_G} is invalid: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

/** Every preset id, in PRESETS order. */
export const ALL_PRESETS: readonly string[] = PRESET_IDS;

/** The scenario a test runs for a preset id (10g-sustained shortened). */
export function testScenario(id: string): Scenario {
  return id === TEN_G ? shortTenG() : presetScenario(id);
}

/** Host frames on the link toward the target, not yet arrived (their arrival event is queued). */
export function framesInFlight(w: World): { frames: number; bytes: number } {
  let frames = 0;
  let bytes = 0;
  for (const e of w.events) {
    if (e.kind === EV_FRAME_AT_TARGET) {
      frames++;
      bytes += (e.ref as Uint8Array).length;
    }
  }
  return { frames, bytes };
}

/** What a checking run learns from the rows themselves (independent of the stages' tallies). */
export interface RowTally {
  /** Bytes of frames the NIC dropped (rx_missed / oversize rows carry the frame length in `a`). */
  nicDroppedBytes: number;
  nicDroppedFrames: number;
}

/**
 * In = out + held + counted drops at every queue, at an event boundary (where the world is
 * whole). Returns the violated equations as readable strings (empty when all hold).
 */
export function conservationProblems(w: World, rows: RowTally): string[] {
  const out: string[] = [];
  const eq = (what: string, lhs: number, rhs: number) => {
    if (lhs !== rhs) out.push(`${what}: ${lhs} != ${rhs} (diff ${lhs - rhs})`);
  };
  const h = w.host.stats;
  const n = w.nic.stats;
  const l = w.ledger;
  const fly = framesInFlight(w);
  // Wire -> NIC: every frame the host put on the link toward the target is in flight, DMA'd or
  // dropped and counted by the NIC (frames and bytes).
  eq('host frames = at NIC + in flight', h.framesToTarget, n.framesArrived + fly.frames);
  eq('NIC drops counted = drop rows', n.framesMissed + n.framesOversize, rows.nicDroppedFrames);
  eq(
    'host wire bytes = DMA + NIC drops + in flight',
    h.wireBytesToTarget,
    l.dmaBytes + rows.nicDroppedBytes + fly.bytes,
  );
  // NIC -> softirq -> tcp_v4_rcv.
  const b = nicSoftirqBalance(w);
  if (!b.framesOk) out.push(`nic frames: ${JSON.stringify(b)}`);
  if (!b.descOk) out.push(`nic descriptors: ${JSON.stringify(b)}`);
  if (!b.payloadOk) out.push(`nic/softirq payload: ${JSON.stringify(b)}`);
  if (w.tcp !== null) {
    // tcp_v4_rcv -> queues -> tcp_recvmsg.
    const t = tcpBalance(w);
    eq('softirq payload to TCP = TCP received', b.payloadToTcp, t.received);
    if (t.diff !== 0) out.push(`tcp balance: ${JSON.stringify(t)}`);
    eq('tcp_recvmsg copied = ledger kernel copy', t.copied, l.kernelCopyBytes);
  }
  // tcp_recvmsg -> SPDK: every copied byte went into the pipe or straight into iovecs.
  eq('kernel copy = pipe + direct', l.kernelCopyBytes, l.pipeBytes + l.directBytes);
  const pipe = w.sock.recvPipe;
  const inPipe = pipe === null ? 0 : spdkPipeReaderBytesAvailable(pipe);
  eq('pipe in = pipe out + held', l.pipeBytes, l.pipeCopyBytes + inPipe);
  // Payload landing in request buffers is part of what the nvmf layer consumed.
  const payload = l.payloadDirectBytes + l.payloadViaPipeBytes;
  const consumed = l.directBytes + l.pipeCopyBytes;
  if (payload > consumed) out.push(`payload landed ${payload} > bytes consumed ${consumed}`);
  if (l.payloadDirectBytes > l.directBytes) {
    out.push(`payload direct ${l.payloadDirectBytes} > direct ${l.directBytes}`);
  }
  if (l.payloadViaPipeBytes > l.pipeCopyBytes) {
    out.push(`payload via pipe ${l.payloadViaPipeBytes} > pipe copy ${l.pipeCopyBytes}`);
  }
  return out;
}

export interface CheckedRun {
  world: World;
  traceHash: string;
  rows: RowTally;
  /** Event boundaries at which conservation was checked. */
  checks: number;
  /** The first violations found (with the step and time), empty when every check held. */
  problems: string[];
}

/**
 * Run `scenario` to its end with no stored trace (only the running trace hash and a tally of
 * drop rows), checking conservation at about `samples` event boundaries and at the end.
 */
export function checkedRun(scenario: Scenario, samples = 40, expectedEvents = 20_000): CheckedRun {
  const hasher = new RowHasher();
  const rows: RowTally = { nicDroppedBytes: 0, nicDroppedFrames: 0 };
  const rec: Recorder = {
    push(t, code, obj, a, b) {
      hasher.push(t, code, obj, a, b);
      if (code === C_IGB_RX_MISSED || code === C_IGB_RX_OVERSIZE) {
        rows.nicDroppedBytes += a;
        rows.nicDroppedFrames++;
      }
    },
  };
  const sim = createSim(scenario, rec);
  const problems: string[] = [];
  let checks = 0;
  let events = 0;
  const every = Math.max(1, Math.floor(expectedEvents / samples));
  const check = (w: World) => {
    checks++;
    if (problems.length >= 5) return;
    for (const p of conservationProblems(w, rows)) problems.push(`step ${w.step} t=${w.now}: ${p}`);
  };
  run(sim, {
    between: (w) => {
      events++;
      // A fixed stride plus the first few events (where the connection is set up).
      if (events <= 20 || events % every === 0) check(w);
    },
  });
  check(sim.w);
  return { world: sim.w, traceHash: hasher.hex(), rows, checks, problems };
}

/** Every row of a stored trace, in order, with its step (a window at a time). */
export function* traceRows(trace: ColumnarTrace): Generator<TraceRow & { step: number }> {
  const per = 65536;
  for (let at = 0; at < trace.length; at += per) {
    const w = trace.rowsWindow(at, at + per);
    for (let i = 0; i < w.length; i++) {
      yield { step: w.from + i, t: w.t[i]!, code: w.code[i]!, obj: w.obj[i]!, a: w.a[i]!, b: w.b[i]! };
    }
  }
}

/** The drop rows of a stored trace (what `checkedRun` tallies while running). */
export function rowTally(trace: ColumnarTrace): RowTally {
  const t: RowTally = { nicDroppedBytes: 0, nicDroppedFrames: 0 };
  for (const r of traceRows(trace)) {
    if (r.code === C_IGB_RX_MISSED || r.code === C_IGB_RX_OVERSIZE) {
      t.nicDroppedBytes += r.a;
      t.nicDroppedFrames++;
    }
  }
  return t;
}

const PDU_NAMES = new Set([
  'ICReq',
  'ICResp',
  'H2CTermReq',
  'C2HTermReq',
  'CapsuleCmd',
  'CapsuleResp',
  'H2CData',
  'C2HData',
  'R2T',
]);

/**
 * Where a summary (an object, or parsed `--json` output) breaks the contract of ARCHITECTURE.md
 * ("Contracts"): each field present with the right type and a sensible range. Empty when it holds.
 */
export function summaryContractProblems(s: unknown): string[] {
  const out: string[] = [];
  const at = (path: string): unknown => {
    let v: unknown = s;
    for (const k of path.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[k];
    }
    return v;
  };
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const need = (path: string, ok: (v: unknown) => boolean, what: string) => {
    const v = at(path);
    if (!ok(v)) out.push(`${path}: ${JSON.stringify(v)} is not ${what}`);
  };
  need('scenario', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
  need('seed', (v) => count(v) && (v as number) <= 0xffffffff, 'a uint32');
  need('events', count, 'a count');
  need('simTimeNs', count, 'integer nanoseconds');
  need('traceHash', (v) => typeof v === 'string' && /^[0-9a-f]{16}$/.test(v), '16 hex digits');
  need('integrity.ok', (v) => typeof v === 'boolean', 'a boolean');
  for (const p of [
    'integrity.payloadBytes',
    'nic.overrunDrops',
    'tcp.backlogSegments',
    'tcp.ofoSegments',
    'spdk.pipeBytes',
    'spdk.directBytes',
    'spdk.readvTwoIov',
    'nvmf.completed',
  ]) {
    need(p, count, 'a count');
  }
  need(
    'nvmf.pdus',
    (v) =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.entries(v as object).every(([k, n]) => PDU_NAMES.has(k) && count(n)),
    'a count by PDU type name',
  );
  const list = (keys: string[]) => (v: unknown) =>
    Array.isArray(v) &&
    v.every(
      (x) =>
        x !== null && typeof x === 'object' && keys.every((k) => count((x as Record<string, unknown>)[k])),
    );
  need('nvmf.termReqs', list(['fes', 'fei']), 'a list of {fes, fei}');
  need('nvmf.failed', list(['cid', 'status']), 'a list of {cid, status}');
  need(
    'copies.cpuBytesPerPayloadByte',
    (v) => typeof v === 'number' && (v === 0 || (v >= 1 && v <= 2)),
    '0 (no payload) or a number in [1, 2]',
  );
  return out;
}
