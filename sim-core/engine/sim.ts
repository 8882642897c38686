/**
 * The simulation context and the one place where trace rows are written.
 *
 * `World` (world.ts) is plain, structured-clonable data: a keyframe is a clone of it.
 * `Sim` wraps a world with what must not be cloned: the recorder (the trace sink),
 * the replay stop point and the hooks between stages.
 *
 * Time model: an event runs at `w.now`; the work it does is charged with `charge()` and
 * decides when its CPU is free again, but every row of one event carries the event's
 * start time, so time in the trace never goes backwards (see cpu.ts).
 */
import type { World } from './world';
import { type SimEvent, heapPush } from './heap';
import { STATE_CODE_BASE } from '../trace/machines';
import type { Hooks } from './hooks';

export interface Recorder {
  /** Append one row. Called for every row, so it must be cheap. */
  push(t: number, code: number, obj: number, a: number, b: number): void;
}

export interface Sim {
  w: World;
  /** null while replaying from a keyframe: rows are counted, not stored. */
  rec: Recorder | null;
  /** Replay stops by throwing `StopAtStep` right after row `stopAt` is written; -1 = never. */
  stopAt: number;
  hooks: Hooks;
  /** The packet tap (pcap): every frame on the wire, both directions, at the target's port. Not world state. */
  tap: ((timeNs: number, frame: Uint8Array) => void) | null;
}

/** Thrown to halt a replay exactly at a row; the world is then as it was right after that row. */
export class StopAtStep {
  constructor(readonly step: number) {}
}

/**
 * Write one trace row: `code` from the code book (trace/codes.ts), `obj` the object touched,
 * `a` and `b` what moved. Convention: mutate first, then record, so the state restored at a
 * row already shows what the row says.
 */
export function record(sim: Sim, code: number, obj: number, a: number, b: number): void {
  const w = sim.w;
  const step = w.step++;
  if (sim.rec !== null) sim.rec.push(w.now, code, obj, a, b);
  if (step === sim.stopAt) throw new StopAtStep(step);
}

/**
 * Every state change of every recorded machine goes through here: it assigns and records
 * `old => new` (smoltcp's set_state). `holder.state` is the numeric state index.
 */
export function setState(
  sim: Sim,
  machine: number,
  objId: number,
  holder: { state: number },
  to: number,
): void {
  const from = holder.state;
  if (from === to) return;
  holder.state = to;
  record(sim, STATE_CODE_BASE + machine, objId, from, to);
}

/** Schedule an event `delayNs` from now. */
export function schedule(
  sim: Sim,
  delayNs: number,
  kind: number,
  a = 0,
  b = 0,
  ref: unknown = null,
): SimEvent {
  const w = sim.w;
  const e: SimEvent = { t: w.now + Math.max(0, Math.round(delayNs)), seq: w.seq++, kind, a, b, ref };
  heapPush(w.events, e);
  return e;
}

/** Schedule at an absolute time (never in the past). */
export function scheduleAt(sim: Sim, t: number, kind: number, a = 0, b = 0, ref: unknown = null): SimEvent {
  return schedule(sim, t - sim.w.now, kind, a, b, ref);
}

/** Fresh object id (skbs, frames, PDUs ...); ids are part of the world so replay reproduces them. */
export function newId(sim: Sim): number {
  return sim.w.nextId++;
}

export type Handler = (sim: Sim, e: SimEvent) => void;

const handlers: (Handler | undefined)[] = [];
const handlerNames: string[] = [];

/**
 * Event kinds share the folder ranges of trace codes (host 100-199, nic 200-299 ...), engine 1-99.
 * Registration happens at import; a clash fails loudly.
 */
export function defineHandler(kind: number, name: string, fn: Handler): void {
  if (handlers[kind] && handlers[kind] !== fn) throw new Error(`event kind ${kind} (${name}) defined twice`);
  handlers[kind] = fn;
  handlerNames[kind] = name;
}

export function dispatch(sim: Sim, e: SimEvent): void {
  const h = handlers[e.kind];
  if (!h) throw new Error(`no handler for event kind ${e.kind}`);
  h(sim, e);
}

export function handlerName(kind: number): string {
  return handlerNames[kind] ?? `kind ${kind}`;
}
