/**
 * The link between the two machines, one transmitter per direction: a frame waits for the
 * previous one to finish, takes (bytes + preamble, FCS and gap) * 8 / rate to serialize, then
 * the one-way delay to arrive. Segment faults (drop, duplicate, reorder) act here on the host's
 * data frames. The pcap tap sees frames at the target's port: host frames when they arrive,
 * target frames when they leave; a frame lost to a fault is never seen.
 */
import { bump } from '../ledger/ledger';
import { defineHandler, newId, record, type Sim, schedule, scheduleAt } from '../engine/sim';
import { getU16BE } from '../wire/bytes';
import { WIRE_OVERHEAD_BYTES } from './addresses';
import {
  C_FAULT_DROP,
  C_FAULT_DUP,
  C_FAULT_HOLD,
  C_WIRE_AT_TARGET,
  C_WIRE_RELEASE,
  C_WIRE_TARGET_TX,
} from './codes';
import { EV_FRAME_AT_HOST, EV_FRAME_AT_TARGET, EV_RELEASE_HELD } from './events';
import { type HostWireFrame, wireBytesInSlab } from './frames';

/** Nanoseconds a frame of `frameBytes` (as captured, no FCS) occupies the link. */
export function serializationNs(frameBytes: number, rateBps: number): number {
  return Math.round(((frameBytes + WIRE_OVERHEAD_BYTES) * 8 * 1e9) / rateBps);
}

/** TCP payload bytes of an Ethernet/IPv4/TCP frame (from its length fields). */
export function framePayloadLength(frame: Uint8Array): number {
  const ipTotal = getU16BE(frame, 14 + 2);
  const tcpHlen = (frame[14 + 20 + 12]! >>> 4) * 4;
  return ipTotal - 20 - tcpHlen;
}

/** Serialize on the host -> target transmitter and schedule the arrival. */
function transmitToTarget(sim: Sim, frame: HostWireFrame, frameId: number, tsval: number): void {
  const w = sim.w;
  const l = w.host.link;
  const start = Math.max(w.now, l.h2tBusyUntil);
  l.h2tBusyUntil = start + serializationNs(frame.length, w.scenario.wire.linkRateBps);
  w.host.stats.framesToTarget++;
  w.host.stats.wireBytesToTarget += frame.length;
  scheduleAt(sim, l.h2tBusyUntil + w.scenario.wire.oneWayDelayNs, EV_FRAME_AT_TARGET, frameId, tsval, frame);
}

/** A host frame without data (a bare probe): no segment faults apply. */
export function sendControlFrame(sim: Sim, frame: Uint8Array, frameId: number, tsval: number): void {
  transmitToTarget(sim, frame, frameId, tsval);
}

/**
 * A host frame carrying data. First transmissions are numbered (1-based) and may meet a
 * segment fault; every data frame counts toward releasing a held-back one.
 */
export function sendDataFrame(
  sim: Sim,
  frame: HostWireFrame,
  frameId: number,
  tsval: number,
  first: boolean,
  off: number,
): void {
  const w = sim.w;
  const l = w.host.link;
  if (first) {
    const segNo = ++l.dataSegNo;
    // Simplification: when several segment faults name the same segment, the first one applies.
    const f = w.scenario.faults.find((x) => 'segment' in x && x.segment === segNo);
    if (f !== undefined) {
      w.host.stats.faultsApplied++;
      if (f.kind === 'drop-segment') {
        // Lost after the host's NIC sent it: the link time is used, nothing arrives.
        l.h2tBusyUntil =
          Math.max(w.now, l.h2tBusyUntil) + serializationNs(frame.length, w.scenario.wire.linkRateBps);
        bump(sim, 'wire.faultDrops');
        record(sim, C_FAULT_DROP, frameId, segNo, off);
        countTowardHeld(sim);
        return;
      }
      if (f.kind === 'duplicate-segment') {
        const copyId = newId(sim);
        transmitToTarget(sim, frame, frameId, tsval);
        // A copy of the same bytes (a recipe never changes: both build the same frame).
        transmitToTarget(sim, frame instanceof Uint8Array ? frame.slice() : frame, copyId, tsval);
        record(sim, C_FAULT_DUP, frameId, segNo, copyId);
        countTowardHeld(sim);
        return;
      }
      if (f.kind === 'reorder-segment') {
        const by = Math.max(1, f.by);
        l.held.push({ frame, frameId, segNo, by, remaining: by });
        record(sim, C_FAULT_HOLD, frameId, segNo, by);
        // A delayed packet does arrive: at the latest when `by` full frames could have passed it.
        const fullFrame = serializationNs(14 + w.scenario.wire.mtu, w.scenario.wire.linkRateBps);
        schedule(sim, by * fullFrame, EV_RELEASE_HELD, frameId);
        return;
      }
    }
  }
  transmitToTarget(sim, frame, frameId, tsval);
  countTowardHeld(sim);
}

/** One more data frame went out: held frames whose count is reached go right behind it. */
function countTowardHeld(sim: Sim): void {
  const held = sim.w.host.link.held;
  if (held.length === 0) return;
  for (const h of held) h.remaining--;
  releaseWhere(sim, (h) => h.remaining <= 0);
}

/**
 * Release every held frame now: the host has nothing more queued (or the connection ended), so
 * no later segment is coming to overtake it.
 * Simplification: a held segment waits for `by` later data frames, but never longer than `by`
 * full-frame times nor past the end of the queued data.
 */
export function releaseHeld(sim: Sim): void {
  releaseWhere(sim, () => true);
}

defineHandler(EV_RELEASE_HELD, 'reordered segment due', (sim, e) => {
  releaseWhere(sim, (h) => h.frameId === e.a);
});

function releaseWhere(sim: Sim, pred: (h: { remaining: number; frameId: number }) => boolean): void {
  const l = sim.w.host.link;
  const keep = [];
  for (const h of l.held) {
    if (!pred(h)) {
      keep.push(h);
      continue;
    }
    // tsval 0: the held frame's own TSval is already in its bytes; tsRecent at the target is monotone enough.
    transmitToTarget(sim, h.frame, h.frameId, 0);
    record(sim, C_WIRE_RELEASE, h.frameId, h.segNo, h.by - h.remaining);
  }
  l.held = keep;
}

defineHandler(EV_FRAME_AT_TARGET, 'frame reaches the target port', (sim, e) => {
  const frame = wireBytesInSlab(sim.w.host, e.ref as HostWireFrame);
  const g = sim.w.host.tgt;
  if (e.b !== 0) g.tsRecent = e.b;
  record(sim, C_WIRE_AT_TARGET, e.a, frame.length, framePayloadLength(frame));
  sim.tap?.(sim.w.now, frame);
  sim.hooks.frameToTarget(sim, frame, e.a);
});

/** A target frame leaves now: the tap sees it, the host gets it after serialization and delay. */
export function sendToHost(sim: Sim, frame: Uint8Array, payloadLen: number): number {
  const w = sim.w;
  const l = w.host.link;
  const frameId = newId(sim);
  record(sim, C_WIRE_TARGET_TX, frameId, frame.length, payloadLen);
  sim.tap?.(w.now, frame);
  const start = Math.max(w.now, l.t2hBusyUntil);
  l.t2hBusyUntil = start + serializationNs(frame.length, w.scenario.wire.linkRateBps);
  scheduleAt(sim, l.t2hBusyUntil + w.scenario.wire.oneWayDelayNs, EV_FRAME_AT_HOST, frameId, 0, frame);
  return frameId;
}
