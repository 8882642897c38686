/**
 * The three recorded nvmf machines as XState v5 machines, for the UI to draw (statecharts,
 * breakpoints). They are built from the plain definitions in machine-defs.ts, the same objects
 * the simulation compiles into its tables, so what is drawn is what runs. Simulation code imports
 * machine-defs.ts, never this file: XState stays out of the worker's bundle.
 */
import { type AnyStateMachine, setup } from 'xstate';
import {
  QPAIR_CONFIG,
  type QpairEvent,
  RECV_CONFIG,
  type RecvEvent,
  REQ_CONFIG,
  type ReqEvent,
  type TransitionTable,
} from './machine-defs';

export * from './machine-defs';

export const recvMachine = setup({ types: {} as { events: { type: RecvEvent } } }).createMachine(RECV_CONFIG);
export const reqMachine = setup({ types: {} as { events: { type: ReqEvent } } }).createMachine(REQ_CONFIG);
export const qpairMachine = setup({ types: {} as { events: { type: QpairEvent } } }).createMachine(
  QPAIR_CONFIG,
);

/** Walk an XState machine's state nodes (document order) and their `on` maps into a dense table, as XState resolved them. */
export function compileMachine(machine: AnyStateMachine, events: readonly string[]): TransitionTable {
  const nodes = Object.values(machine.root.states);
  const states = nodes.map((n) => n.key);
  const index = new Map(nodes.map((n, i) => [n, i]));
  const next = new Int8Array(states.length * events.length).fill(-1);
  nodes.forEach((node, s) => {
    for (const [type, defs] of Object.entries(node.on)) {
      const e = events.indexOf(type);
      if (e < 0) throw new Error(`${machine.id}: event ${type} is not in the event list`);
      const target = defs[0]?.target?.[0];
      if (target === undefined) throw new Error(`${machine.id}: ${type} from ${node.key} has no target`);
      const to = index.get(target);
      if (to === undefined) throw new Error(`${machine.id}: ${type} from ${node.key} targets a nested state`);
      next[s * events.length + e] = to;
    }
  });
  return { name: machine.id, states, events, next };
}
