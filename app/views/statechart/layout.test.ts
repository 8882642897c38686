import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, createMachine } from 'xstate';
import { recvMachine, reqMachine } from '../../../sim-core';
import { chartGraph, commonPrefix, readMachine } from './chart-model';
import { type ChartLayout, type NodeBox, layoutGraph, wrapName } from './layout';

/** A chain of n states with skips, a self-loop on the first, and one event every state has (RESET). */
function chain(n: number): AnyStateMachine {
  const states: Record<string, { on: Record<string, string> }> = {};
  for (let i = 0; i < n; i++) {
    states[`X_STATE_S${i}`] = {
      on: {
        NEXT: `X_STATE_S${(i + 1) % n}`,
        ...(i % 3 === 0 ? { SKIP: `X_STATE_S${(i + 2) % n}` } : {}),
        ...(i === 0 ? { STAY: 'X_STATE_S0' } : {}),
        RESET: 'X_STATE_S0',
      },
    };
  }
  return createMachine({ id: `chain${n}`, initial: 'X_STATE_S0', states });
}

const machines: [string, AnyStateMachine][] = [
  ['recv', recvMachine],
  ['req', reqMachine],
  ['chain3', chain(3)],
  ['chain11', chain(11)],
];

function overlap(a: NodeBox, b: NodeBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every coordinate pair of a path, in order. */
function points(d: string): [number, number][] {
  return [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function onBorder(p: [number, number], b: NodeBox): boolean {
  const [x, y] = p;
  const inX = x >= b.x - 0.6 && x <= b.x + b.w + 0.6;
  const inY = y >= b.y - 0.6 && y <= b.y + b.h + 0.6;
  const nearX = Math.abs(x - b.x) < 0.6 || Math.abs(x - b.x - b.w) < 0.6;
  const nearY = Math.abs(y - b.y) < 0.6 || Math.abs(y - b.y - b.h) < 0.6;
  return (inX && nearY) || (inY && nearX);
}

function node(l: ChartLayout, key: string): NodeBox {
  const n = l.nodes.find((x) => x.key === key);
  if (n === undefined) throw new Error(`no node ${key}`);
  return n;
}

describe.each(machines)('layout of %s', (_name, machine) => {
  const graph = chartGraph(machine);
  const layout = layoutGraph(graph);
  const { states, transitions } = readMachine(machine);

  it('draws every state exactly once, inside the picture', () => {
    expect(layout.nodes.map((n) => n.key).sort()).toEqual(states.map((s) => s.key).sort());
    expect(new Set(layout.nodes.map((n) => n.key)).size).toBe(states.length);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.h).toBeLessThanOrEqual(layout.height);
      expect(n.lines.join('')).toBe(n.short);
    }
  });

  it('never overlaps two boxes', () => {
    for (const a of layout.nodes) {
      for (const b of layout.nodes) if (a !== b) expect(overlap(a, b), `${a.key} / ${b.key}`).toBe(false);
    }
  });

  it('represents every transition of the definition, as an arrow or in a group note', () => {
    expect(transitions.length).toBeGreaterThan(0);
    for (const t of transitions) {
      const drawn = layout.edges.some(
        (e) => e.from === t.from && e.to === t.to && e.events.includes(t.event),
      );
      const noted = layout.groups.some(
        (g) => g.to === t.to && g.events.includes(t.event) && g.from.includes(t.from),
      );
      expect(drawn || noted, `${t.from} --${t.event}--> ${t.to}`).toBe(true);
    }
    // And nothing the definition does not have.
    for (const e of layout.edges) {
      for (const ev of e.events) {
        expect(transitions.some((t) => t.from === e.from && t.to === e.to && t.event === ev)).toBe(true);
      }
    }
  });

  it('starts each arrow on its source box and ends it on its target box', () => {
    for (const e of layout.edges) {
      const ps = points(e.d);
      expect(ps.length, e.id).toBeGreaterThanOrEqual(2);
      expect(onBorder(ps[0]!, node(layout, e.from)), `${e.id} start`).toBe(true);
      expect(onBorder(ps[ps.length - 1]!, node(layout, e.to)), `${e.id} end`).toBe(true);
    }
  });

  it('keeps every arrow inside the picture', () => {
    for (const e of layout.edges) {
      for (const [x, y] of points(e.d)) {
        expect(x, e.id).toBeGreaterThanOrEqual(0);
        expect(y, e.id).toBeGreaterThanOrEqual(0);
        expect(x, e.id).toBeLessThanOrEqual(layout.width);
        expect(y, e.id).toBeLessThanOrEqual(layout.height);
      }
      // The lit event's tag (one line high) fits too.
      expect(e.label.y - layout.lineHeight / 2, `${e.id} label`).toBeGreaterThanOrEqual(0);
      expect(e.label.y + layout.lineHeight / 2, `${e.id} label`).toBeLessThanOrEqual(layout.height);
    }
  });

  it('routes lane arrows around the boxes they do not connect', () => {
    for (const e of layout.edges.filter((x) => x.kind === 'lane')) {
      const ps = points(e.d);
      for (let i = 1; i < ps.length; i++) {
        const [x0, y0] = ps[i - 1]!;
        const [x1, y1] = ps[i]!;
        for (const n of layout.nodes) {
          if (n.key === e.from || n.key === e.to) continue;
          // The segment's bounding box against the box's interior (corners are short curves).
          const hit =
            Math.max(x0, x1) > n.x + 1 &&
            Math.min(x0, x1) < n.x + n.w - 1 &&
            Math.max(y0, y1) > n.y + 1 &&
            Math.min(y0, y1) < n.y + n.h - 1;
          expect(hit, `${e.id} (${e.from} → ${e.to}) crosses ${n.key}`).toBe(false);
        }
      }
    }
  });

  it('is deterministic', () => {
    expect(layoutGraph(chartGraph(machine))).toEqual(layout);
    expect(JSON.stringify(layoutGraph(chartGraph(machine)))).toBe(JSON.stringify(layout));
  });
});

describe('chart model', () => {
  it('shortens names by the prefix every state shares', () => {
    expect(commonPrefix(['NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH', 'NVME_TCP_PDU_RECV_STATE_ERROR'])).toBe(
      'NVME_TCP_PDU_RECV_STATE_',
    );
    expect(commonPrefix(['AB_C', 'AB_D', 'X'])).toBe('');
    const recv = chartGraph(recvMachine);
    expect(recv.states.map((s) => s.short)).toContain('AWAIT_PDU_CH');
    expect(recv.states.every((s) => s.description.length > 0)).toBe(true);
  });

  it('groups a transition every state (or all but one) has into one note', () => {
    const g = chartGraph(chain(5));
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]?.events).toEqual(['RESET']);
    expect(g.groups[0]?.except).toEqual([]);
    expect(g.edges.some((e) => e.events.includes('RESET'))).toBe(false);
    // recv: the TermReq and failed-write exits are notes, the socket errors stay arrows.
    const recv = chartGraph(recvMachine);
    expect(recv.groups.flatMap((x) => x.events).sort()).toEqual(['PDU_WRITE_FAILED', 'TERM_REQ_SENT']);
    expect(recv.edges.some((e) => e.events.includes('SOCKET_ERROR'))).toBe(true);
    // tcp_req: QPAIR_INACTIVE from every state but FREE.
    const req = chartGraph(reqMachine);
    const inactive = req.groups.find((x) => x.events.includes('QPAIR_INACTIVE'));
    expect(inactive?.except).toEqual([req.initial]);
  });

  it('merges transitions with the same ends into one arrow', () => {
    const req = chartGraph(reqMachine);
    const pairs = req.edges.map((e) => `${e.from}>${e.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('folds a long machine into two columns and keeps a short one in one', () => {
    expect(layoutGraph(chartGraph(chain(3))).columns).toBe(1);
    expect(layoutGraph(chartGraph(chain(11))).columns).toBe(2);
    expect(layoutGraph(chartGraph(reqMachine)).columns).toBe(2);
  });

  it('wraps long names after an underscore', () => {
    expect(wrapName('TRANSFERRING_HOST_TO_CONTROLLER', 18)).toEqual(['TRANSFERRING_HOST_', 'TO_CONTROLLER']);
    expect(wrapName('FREE', 18)).toEqual(['FREE']);
    expect(wrapName('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 10)).toEqual(['ABCDEFGHIJKLMNOPQRSTUVWXYZ']);
  });
});
