/**
 * A state machine as the chart draws it, read from the XState definition sim-core runs
 * (machine.root.states: keys, descriptions, `on` maps). Nothing here is copied by hand, so a
 * state or transition added to sim-core/spdk/nvmf/machines.ts shows up in the chart.
 *
 * Two simplifications for the eye, both said in the panel:
 * - A transition (event → target) that nearly every state has (all, or all but one) becomes one
 *   group note instead of an arrow from each state (recv: TERM_REQ_SENT → QUIESCING; tcp_req:
 *   QPAIR_INACTIVE → COMPLETED from every state but FREE).
 * - Transitions with the same source and target are one arrow carrying several events.
 */
import type { AnyStateMachine } from 'xstate';

export interface ChartState {
  /** The full upstream name (the machine's state key), e.g. NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH. */
  key: string;
  /** Without the prefix every state shares, e.g. AWAIT_PDU_CH. */
  short: string;
  description: string;
  /** Index in the definition (= the upstream enum value, = view stateIndex). */
  index: number;
}

export interface ChartTransition {
  from: string;
  event: string;
  to: string;
}

/** One arrow: every event that leads from `from` to `to` (a self-loop when they are equal). */
export interface ChartEdge {
  id: string;
  from: string;
  to: string;
  events: string[];
}

/** Transitions drawn as a note: `events` lead to `to` from every state in `from`. */
export interface ChartGroup {
  id: string;
  events: string[];
  to: string;
  from: string[];
  /** The states that do not have it (empty: every state). */
  except: string[];
}

export interface ChartGraph {
  id: string;
  initial: string;
  states: ChartState[];
  transitions: ChartTransition[];
  edges: ChartEdge[];
  groups: ChartGroup[];
}

/** The longest prefix ending in '_' that every name shares ('' when there is none). */
export function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return '';
  let p = names[0] ?? '';
  for (const n of names) {
    while (!n.startsWith(p)) p = p.slice(0, -1);
  }
  const cut = p.lastIndexOf('_');
  return cut < 0 ? '' : p.slice(0, cut + 1);
}

/** Reads states and transitions (in definition order) from an XState v5 machine with flat states. */
export function readMachine(machine: AnyStateMachine): {
  id: string;
  initial: string;
  states: ChartState[];
  transitions: ChartTransition[];
} {
  const nodes = Object.values(machine.root.states);
  const keys = nodes.map((n) => n.key);
  const prefix = commonPrefix(keys);
  const states = nodes.map((n, index) => ({
    key: n.key,
    short: n.key.slice(prefix.length) || n.key,
    description: n.description ?? '',
    index,
  }));
  const transitions: ChartTransition[] = [];
  for (const n of nodes) {
    for (const [event, defs] of Object.entries(n.on)) {
      for (const def of defs) {
        for (const target of def.target ?? []) transitions.push({ from: n.key, event, to: target.key });
      }
    }
  }
  const initial = machine.root.initial?.target?.[0]?.key ?? keys[0] ?? '';
  return { id: machine.id, initial, states, transitions };
}

/** Builds the drawn graph: group notes for near-universal transitions, merged arrows for the rest. */
export function chartGraph(machine: AnyStateMachine): ChartGraph {
  const { id, initial, states, transitions } = readMachine(machine);
  const keys = states.map((s) => s.key);

  // (event, target) → the states that have it.
  const byPair = new Map<string, { event: string; to: string; from: string[] }>();
  for (const t of transitions) {
    const k = `${t.event}\u0000${t.to}`;
    const e = byPair.get(k) ?? { event: t.event, to: t.to, from: [] };
    if (!e.from.includes(t.from)) e.from.push(t.from);
    byPair.set(k, e);
  }
  const grouped = new Set<string>();
  const groupsByKey = new Map<string, ChartGroup>();
  if (keys.length >= 4) {
    for (const [k, p] of byPair) {
      if (p.from.length < keys.length - 1) continue;
      grouped.add(k);
      const from = keys.filter((s) => p.from.includes(s));
      const except = keys.filter((s) => !p.from.includes(s));
      const gk = `${p.to}\u0000${except.join(',')}`;
      const g = groupsByKey.get(gk);
      if (g === undefined) {
        groupsByKey.set(gk, { id: `group-${groupsByKey.size}`, events: [p.event], to: p.to, from, except });
      } else g.events.push(p.event);
    }
  }

  const edges: ChartEdge[] = [];
  const byEdge = new Map<string, ChartEdge>();
  for (const t of transitions) {
    if (grouped.has(`${t.event}\u0000${t.to}`)) continue;
    const k = `${t.from}\u0000${t.to}`;
    let e = byEdge.get(k);
    if (e === undefined) {
      e = { id: `edge-${edges.length}`, from: t.from, to: t.to, events: [] };
      byEdge.set(k, e);
      edges.push(e);
    }
    if (!e.events.includes(t.event)) e.events.push(t.event);
  }
  return { id, initial, states, transitions, edges, groups: [...groupsByKey.values()] };
}
