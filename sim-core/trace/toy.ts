/**
 * A toy simulation for the trace's tests and benchmark only (never imported by the real
 * path). It exercises what restore must get right: several rows per event, state changes
 * through setState, random choices from w.rng, byte buffers that change, an event whose
 * payload is also held in the world (aliasing across the event heap and the state), events
 * that write no rows, and an end by 'idle' or by 'maxEvents'.
 *
 * Event kinds and codes 90-99 of the engine range are reserved for tests; machine id 99.
 */
import { record, setState, defineHandler, schedule, newId, type Sim } from '../engine/sim';
import { nextInt, nextU32 } from '../engine/rng';
import { baseWorld, strictHooks } from '../engine/testing';
import type { Hooks } from '../engine/hooks';
import type { World } from '../engine/world';
import type { Scenario } from '../scenario/types';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import { defineCodes } from './codes';
import { defineMachine, STATE_CODE_BASE } from './machines';

export const EV_TOY_ARRIVE = 90;
export const EV_TOY_WORK = 91;
export const EV_TOY_TIMER = 92;
export const EV_TOY_DELIVER = 93;

export const C_TOY_DMA = 90;
export const C_TOY_DROP = 91;
export const C_TOY_WORK = 92;
export const C_TOY_COPY = 93;
export const C_TOY_TICK = 94;
export const C_TOY_DELIVER = 95;

export const TOY_MACHINE = defineMachine({
  id: 99,
  name: 'toy_worker',
  upstream: '(test only)',
  states: ['TOY_IDLE', 'TOY_BUSY', 'TOY_BLOCKED'],
});
/** The code of the toy machine's state-change rows. */
export const STATE_ROW = STATE_CODE_BASE + TOY_MACHINE.id;
const IDLE = 0;
const BUSY = 1;
const BLOCKED = 2;

defineCodes(
  [90, 99],
  [
    {
      code: C_TOY_DMA,
      fn: 'toy_dma',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'slot', a: 'bytes', b: 'frame id' },
      caption: 'Toy: a frame lands in a ring slot.',
    },
    {
      code: C_TOY_DROP,
      fn: 'toy_drop',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'frame id', a: 'bytes' },
      caption: 'Toy: the ring is full, the frame is dropped.',
      marker: 'drop',
    },
    {
      code: C_TOY_WORK,
      fn: 'toy_work',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'frame id', a: 'slot', b: 'left in queue' },
      caption: 'Toy: the worker takes a frame.',
    },
    {
      code: C_TOY_COPY,
      fn: 'toy_copy',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'blob offset', a: 'old byte', b: 'new byte' },
      caption: 'Toy: the worker changes one byte of the blob.',
    },
    {
      code: C_TOY_TICK,
      fn: 'toy_tick',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'tick', a: 'i', b: 'signed noise' },
      caption: 'Toy: a timer tick writes a burst of rows.',
    },
    {
      code: C_TOY_DELIVER,
      fn: 'toy_deliver',
      file: '',
      repo: 'rxpath',
      layer: 'engine',
      args: { obj: 'frame id', a: 'byte sum', b: 'same as queued' },
      caption: 'Toy: a delayed copy of a frame is delivered.',
    },
  ],
);

interface ToyFrame {
  id: number;
  bytes: Uint8Array;
}

export interface ToyState {
  slotBytes: number;
  /** Ring slots: one Uint8Array per slot, plus lengths. */
  ring: Uint8Array[];
  lens: Uint16Array;
  head: number;
  count: number;
  queue: ToyFrame[];
  /** Same object as the newest queued frame (aliasing inside the world). */
  newest: ToyFrame | null;
  worker: { state: number };
  /** A big buffer, to give the world a realistic size. */
  blob: Uint8Array;
  arrivalsLeft: number;
  ticks: number;
  delivered: number;
  drops: number;
}

export interface ToyOptions {
  seed: number;
  /** Stop after this many rows (scenario.limits.maxEvents). */
  maxEvents?: number;
  /** Frames to generate; -1 = until the limit. With a finite number the run ends 'idle'. */
  arrivals?: number;
  ringSlots?: number;
  slotBytes?: number;
  blobBytes?: number;
}

export function toyScenario(seed: number, maxEvents: number): Scenario {
  return {
    ...DEFAULT_SCENARIO,
    id: 'toy',
    title: 'toy',
    description: 'trace tests',
    seed,
    limits: { maxSimTimeNs: Number.MAX_SAFE_INTEGER, maxEvents },
  };
}

export function toy(w: World): ToyState {
  return w.nic as unknown as ToyState;
}

/** A world with the toy state in `w.nic` and the first events scheduled (no rows yet). */
export function toyWorld(o: ToyOptions): World {
  const w = baseWorld(toyScenario(o.seed, o.maxEvents ?? 1_000_000));
  const slots = o.ringSlots ?? 8;
  const slotBytes = o.slotBytes ?? 64;
  const s: ToyState = {
    slotBytes,
    ring: Array.from({ length: slots }, () => new Uint8Array(slotBytes)),
    lens: new Uint16Array(slots),
    head: 0,
    count: 0,
    queue: [],
    newest: null,
    worker: { state: IDLE },
    blob: new Uint8Array(o.blobBytes ?? 4096),
    arrivalsLeft: o.arrivals ?? -1,
    ticks: 0,
    delivered: 0,
    drops: 0,
  };
  (w as unknown as { nic: ToyState }).nic = s;
  // Scheduling needs a Sim; no row is written here.
  const sim = toySim(w, null);
  schedule(sim, 0, EV_TOY_ARRIVE);
  schedule(sim, 5000, EV_TOY_TIMER);
  return w;
}

/** The toy calls no hook: any call fails. */
export function toyHooks(): Hooks {
  return strictHooks({});
}

export function toySim(w: World, rec: Sim['rec']): Sim {
  return { w, rec, stopAt: -1, hooks: toyHooks(), tap: null };
}

defineHandler(EV_TOY_ARRIVE, 'toy arrive', (sim) => {
  const w = sim.w;
  const s = toy(w);
  if (s.arrivalsLeft === 0) return;
  if (s.arrivalsLeft > 0) s.arrivalsLeft--;
  // Short frames even with big slots: allocation per frame would dominate the toy's cost.
  const len = 8 + nextInt(w.rng, Math.min(s.slotBytes, 64) - 7);
  const bytes = new Uint8Array(len);
  // Cheap content (one draw): the toy must not be slower per row than the real path.
  const x = nextU32(w.rng);
  bytes.fill(x & 0xff);
  bytes[0] = x >>> 8;
  bytes[1] = x >>> 16;
  bytes[len - 1] = x >>> 24;
  const id = newId(sim);
  if (s.count === s.ring.length) {
    s.drops++;
    record(sim, C_TOY_DROP, id, len, 0);
  } else {
    const slot = (s.head + s.count) % s.ring.length;
    s.ring[slot]!.set(bytes);
    s.lens[slot] = len;
    s.count++;
    const f: ToyFrame = { id, bytes };
    s.queue.push(f);
    s.newest = f;
    record(sim, C_TOY_DMA, slot, len, id);
    if (s.worker.state === IDLE) {
      setState(sim, TOY_MACHINE.id, 0, s.worker, BUSY);
      schedule(sim, 300, EV_TOY_WORK);
    }
    // A delayed copy of the frame whose payload is the very object the queue holds.
    if ((id & 3) === 0) schedule(sim, 700 + nextInt(w.rng, 600), EV_TOY_DELIVER, id, 0, f);
  }
  if (s.arrivalsLeft !== 0) schedule(sim, 50 + nextInt(w.rng, 400), EV_TOY_ARRIVE);
});

defineHandler(EV_TOY_WORK, 'toy work', (sim) => {
  const w = sim.w;
  const s = toy(w);
  const n = 1 + nextInt(w.rng, 3);
  for (let k = 0; k < n && s.queue.length > 0; k++) {
    const f = s.queue.shift()!;
    const slot = s.head;
    s.head = (s.head + 1) % s.ring.length;
    s.count--;
    record(sim, C_TOY_WORK, f.id, slot, s.queue.length);
    const off = nextInt(w.rng, s.blob.length);
    const old = s.blob[off]!;
    s.blob[off] = old ^ f.bytes[0]! ^ s.ring[slot]![1]!;
    // Mutate the frame too: the delayed delivery of the same object must see it.
    f.bytes[0] = s.blob[off]!;
    record(sim, C_TOY_COPY, off, old, s.blob[off]!);
    if (nextInt(w.rng, 8) === 0) {
      // Two state changes inside one event.
      setState(sim, TOY_MACHINE.id, 0, s.worker, BLOCKED);
      setState(sim, TOY_MACHINE.id, 0, s.worker, BUSY);
    }
  }
  if (s.queue.length === 0) {
    s.newest = null;
    setState(sim, TOY_MACHINE.id, 0, s.worker, IDLE);
  } else {
    schedule(sim, 200 + nextInt(w.rng, 600), EV_TOY_WORK);
  }
});

defineHandler(EV_TOY_TIMER, 'toy timer', (sim) => {
  const w = sim.w;
  const s = toy(w);
  s.ticks++;
  // Zero to twenty rows; a tick with none still changes the world.
  const burst = nextInt(w.rng, 21);
  for (let i = 0; i < burst; i++) record(sim, C_TOY_TICK, s.ticks, i, (nextU32(w.rng) | 0) >> 20);
  if (s.arrivalsLeft !== 0 || s.queue.length > 0) schedule(sim, 5000, EV_TOY_TIMER);
});

defineHandler(EV_TOY_DELIVER, 'toy deliver', (sim, e) => {
  const s = toy(sim.w);
  const f = e.ref as ToyFrame;
  let sum = 0;
  for (const x of f.bytes) sum += x;
  s.delivered++;
  const same = s.queue.includes(f) ? 1 : 0;
  record(sim, C_TOY_DELIVER, f.id, sum, same);
});
